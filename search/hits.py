"""What the search finds, described the same way whatever it is: type, title, date and summary."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from calls.models import CallPage
from council.models import CouncilMeetingPage
from events.models import EventPage
from home.models import ContactPage, ContentPage
from members.models import MemberOrganisation, organisation_url
from needs.models import NeedsPage
from news.models import NewsPage
from positions.models import ConsultationResponsePage, PositionStatementPage


@dataclass(frozen=True)
class ContentType:
    key: str
    label: str
    name: str
    models: tuple


NEWS = ContentType("news", _("News"), _("News item"), (NewsPage,))
STATEMENTS = ContentType(
    "statements", _("Position statements"), _("Position statement"), (PositionStatementPage,)
)
CONSULTATIONS = ContentType(
    "consultations",
    _("Consultation responses"),
    _("Consultation response"),
    (ConsultationResponsePage,),
)
EVENTS = ContentType("events", _("Events"), _("Event"), (EventPage,))
CALLS = ContentType("calls", _("Calls"), _("Call"), (CallPage,))
COUNCIL = ContentType("council", _("Council meetings"), _("Council meeting"), (CouncilMeetingPage,))
# Pages of their own kind, one each, are pages: the needs page is found by its public signals'
# words too (NeedsPage.public_needs_text), the contact page by its contact persons.
PAGES = ContentType("pages", _("Pages"), _("Page"), (ContentPage, NeedsPage, ContactPage))
MEMBERS = ContentType(
    "members", _("Member organisations"), _("Member organisation"), (MemberOrganisation,)
)

PAGE_TYPES = (NEWS, STATEMENTS, CONSULTATIONS, EVENTS, CALLS, COUNCIL, PAGES)
CONTENT_TYPES = (*PAGE_TYPES, MEMBERS)
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
    # A call is dated by its reply-by date, the date that matters to whoever finds it.
    CallPage: (CALLS, lambda page: page.reply_by, lambda page: page.summary),
    CouncilMeetingPage: (
        COUNCIL,
        lambda page: timezone.localdate(page.start),
        lambda page: page.summary,
    ),
    ContentPage: (
        PAGES,
        page_date,
        lambda page: page.introduction or page.search_description,
    ),
    NeedsPage: (PAGES, page_date, lambda page: page.introduction),
    ContactPage: (PAGES, page_date, lambda page: page.introduction or page.search_description),
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
