"""What the search finds, described the same way whatever it is: type, title, date and summary."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from events.models import EventPage
from home.models import ContentPage
from members.models import MemberOrganisation, organisation_url
from news.models import NewsPage
from positions.models import ConsultationResponsePage, PositionStatementPage


@dataclass(frozen=True)
class ContentType:
    key: str
    label: str
    name: str
    model: type


NEWS = ContentType("news", _("News"), _("News item"), NewsPage)
STATEMENTS = ContentType(
    "statements", _("Position statements"), _("Position statement"), PositionStatementPage
)
CONSULTATIONS = ContentType(
    "consultations",
    _("Consultation responses"),
    _("Consultation response"),
    ConsultationResponsePage,
)
EVENTS = ContentType("events", _("Events"), _("Event"), EventPage)
PAGES = ContentType("pages", _("Pages"), _("Page"), ContentPage)
MEMBERS = ContentType(
    "members", _("Member organisations"), _("Member organisation"), MemberOrganisation
)

CONTENT_TYPES = (NEWS, STATEMENTS, CONSULTATIONS, EVENTS, PAGES, MEMBERS)
PAGE_TYPES = (NEWS, STATEMENTS, CONSULTATIONS, EVENTS, PAGES)
SUMMARY_WORDS = 40


def page_date(page):
    published = page.last_published_at or page.first_published_at
    return timezone.localdate(published) if published else None


DESCRIBERS = {
    NewsPage: (NEWS, lambda page: page.date, lambda page: page.introduction),
    PositionStatementPage: (
        STATEMENTS,
        lambda page: page.date_adopted or page_date(page),
        lambda page: page.summary,
    ),
    ConsultationResponsePage: (
        CONSULTATIONS,
        lambda page: page.submitted_date or page.received_date,
        lambda page: page.summary,
    ),
    EventPage: (EVENTS, lambda page: timezone.localdate(page.start), lambda page: page.summary),
    ContentPage: (
        PAGES,
        page_date,
        lambda page: page.introduction or page.search_description,
    ),
}


@dataclass(frozen=True)
class Hit:
    content_type: ContentType
    title: str
    url: str
    date: date | None
    summary: str

    @classmethod
    def of(cls, item, request):
        if isinstance(item, MemberOrganisation):
            return cls(
                content_type=MEMBERS,
                title=item.name,
                url=organisation_url(request, item),
                date=None,
                summary=Truncator(item.description).words(SUMMARY_WORDS),
            )
        content_type, get_date, get_summary = DESCRIBERS[type(item)]
        return cls(
            content_type=content_type,
            title=item.title,
            url=item.get_url(request),
            date=get_date(item),
            summary=Truncator(get_summary(item)).words(SUMMARY_WORDS),
        )
