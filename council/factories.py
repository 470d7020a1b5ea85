import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import factory

from council.models import CouncilIndexPage, CouncilMeetingPage, MeetingDocument, RegionParticipant
from home.factories import PageFactory


def at(days, hour=13):
    """`hour` o'clock local time, `days` days from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class CouncilIndexPageFactory(PageFactory):
    title = "Rådet för idéburna organisationer"
    slug = "radet"
    introduction = "Rådet är Region Värmlands arena för samverkan med den idéburna sektorn."

    class Meta:
        model = CouncilIndexPage


class CouncilMeetingPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Rådets möte nummer {n}")
    summary = "Uppföljning av partnerskapet och de behov som organisationerna ser."
    start = factory.Sequence(lambda n: at(days=14 + n))
    end = factory.LazyAttribute(lambda meeting: meeting.start + datetime.timedelta(hours=3))
    place = "Regionens hus, Exempelgatan 14, Karlstad"

    class Meta:
        model = CouncilMeetingPage


class DocumentFactory(factory.django.DjangoModelFactory):
    """A small PDF (the site accepts a .pdf only if it begins as one)."""

    title = factory.Sequence(lambda n: f"Handling {n}")
    file = factory.Sequence(
        lambda n: ContentFile(f"%PDF-1.4 handling {n}".encode(), name=f"handling-{n}.pdf")
    )

    class Meta:
        model = get_document_model()


class RegionParticipantFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Alex Regionsson {n}")
    role = "official"
    unit = "Hållbar utveckling"

    class Meta:
        model = RegionParticipant


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    document = factory.SubFactory(DocumentFactory)
    label = "Kallelse"

    class Meta:
        model = MeetingDocument
