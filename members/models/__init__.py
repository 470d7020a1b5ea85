from .directory import MemberDirectoryPage, organisation_url
from .organisations import MemberOrganisation, Municipality, Representative

__all__ = [
    "MemberDirectoryPage",
    "MemberOrganisation",
    "Municipality",
    "Representative",
    "organisation_url",
]
