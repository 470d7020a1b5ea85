from .answers import Answer, CallAnnouncement, CallAnswer, Participation, participation
from .pages import CallIndexPage, CallPage, calls_under, closed_calls, open_calls

__all__ = [
    "Answer",
    "CallAnnouncement",
    "CallAnswer",
    "CallIndexPage",
    "CallPage",
    "Participation",
    "calls_under",
    "closed_calls",
    "open_calls",
    "participation",
]
