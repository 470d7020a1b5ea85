from .consultations import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    ConsultationStatus,
    IssuingAuthority,
    Stance,
)
from .endorsements import Adoption, Endorsement
from .statements import PositionIndexPage, PositionStatementPage

__all__ = [
    "Adoption",
    "ConsultationIndexPage",
    "ConsultationResponsePage",
    "ConsultationStatus",
    "Endorsement",
    "IssuingAuthority",
    "PositionIndexPage",
    "PositionStatementPage",
    "Stance",
]
