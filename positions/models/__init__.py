from .consultations import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    ConsultationStatus,
    IssuingAuthority,
    Stance,
)
from .endorsements import Adoption, Endorsement
from .remiss import ConsultationCase, Delivery, MemberInput, Uptake
from .statements import PositionIndexPage, PositionStatementPage

__all__ = [
    "Adoption",
    "ConsultationCase",
    "ConsultationIndexPage",
    "ConsultationResponsePage",
    "ConsultationStatus",
    "Delivery",
    "Endorsement",
    "IssuingAuthority",
    "MemberInput",
    "PositionIndexPage",
    "PositionStatementPage",
    "Stance",
    "Uptake",
]
