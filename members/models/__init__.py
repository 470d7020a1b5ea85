from .competences import Competence, CompetenceKind
from .directory import MemberDirectoryPage, organisation_url
from .organisations import (
    Capacity,
    MemberOrganisation,
    Municipality,
    OrganisationKind,
    OrganisationReach,
    Representative,
)

__all__ = [
    "Capacity",
    "Competence",
    "CompetenceKind",
    "MemberDirectoryPage",
    "MemberOrganisation",
    "Municipality",
    "OrganisationKind",
    "OrganisationReach",
    "Representative",
    "organisation_url",
]
