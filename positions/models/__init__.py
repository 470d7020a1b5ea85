from .consultations import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    ConsultationStatus,
    IssuingAuthority,
    Stance,
)
from .directory import MemberDirectoryPage
from .endorsements import Adoption, Endorsement
from .organisations import MemberOrganisation, Municipality, Representative
from .statements import PositionIndexPage, PositionStatementPage

__all__ = [
    "Adoption",
    "ConsultationIndexPage",
    "ConsultationResponsePage",
    "ConsultationStatus",
    "Endorsement",
    "IssuingAuthority",
    "MemberDirectoryPage",
    "MemberOrganisation",
    "Municipality",
    "PositionIndexPage",
    "PositionStatementPage",
    "Representative",
    "Stance",
]
