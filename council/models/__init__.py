from .pages import (
    CouncilIndexPage,
    CouncilMeetingPage,
    MeetingDocument,
    RegionParticipant,
    RegionRole,
    meetings_under,
)

__all__ = [
    "CouncilIndexPage",
    "CouncilMeetingPage",
    "MeetingDocument",
    "RegionParticipant",
    "RegionRole",
    "meetings_under",
]
