from .pages import EventIndexPage, EventPage, Municipality, events_under

__all__ = ["EventIndexPage", "EventPage", "Municipality", "events_under"]
