import datetime

from django.utils import timezone

import factory

from events.models import EventIndexPage, EventPage
from home.factories import PageFactory


class EventIndexPageFactory(PageFactory):
    title = "Kalender"
    slug = "kalender"

    class Meta:
        model = EventIndexPage


def at(days, hour=10):
    """`hour` o'clock local time, `days` days from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Utbildning nummer {n} för föreningslivet")
    summary = "En kväll om hur föreningar söker bidrag och redovisar dem."
    start = factory.Sequence(lambda n: at(days=7 + n))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    place = "Folkets hus, Järnvägsgatan 4, Karlstad"
    municipality = "karlstad"

    class Meta:
        model = EventPage
