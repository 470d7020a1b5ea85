from .needs import TRANSITIONS, Need, NeedEvent, NeedStatus
from .pages import NeedsPage

__all__ = ["TRANSITIONS", "Need", "NeedEvent", "NeedStatus", "NeedsPage"]
