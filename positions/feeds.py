from django.db.models import F
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from home.core.feeds import Contributor, SectionFeed, start_of
from member_review.models import published_separate_statements
from members.models import organisation_url
from positions.models import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    ConsultationStatus,
    PositionIndexPage,
    PositionStatementPage,
)
from positions.models.consultations import with_cases
from positions.models.endorsements import endorsers_by_translation_key


def with_endorsers(pages, request):
    """Give each page `endorsers`: its endorsing organisations, for all pages in one query, each
    linked to its page in the member directory where there is one."""
    endorsers = endorsers_by_translation_key(pages)
    for page in pages:
        page.endorsers = [
            Contributor(
                organisation.name, absolute(request, organisation_url(request, organisation))
            )
            for organisation in endorsers[page.translation_key]
        ]
    return pages


def with_separate_statements(pages):
    """Give each page `statements`: its published separate statements, for all pages in one query."""
    statements = {page.translation_key: [] for page in pages}
    for statement in published_separate_statements(list(statements)).annotate(
        key=F("page__translation_key")
    ):
        statements[statement.key].append(statement)
    for page in pages:
        page.statements = statements[page.translation_key]
    return pages


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


class EndorsedPageFeed(SectionFeed):
    """Entries that member organisations endorse; the organisations are the entry's contributors."""

    def items(self, channel):
        return with_separate_statements(with_endorsers(super().items(channel), channel.request))

    def item_description(self, item):
        return format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in self.about(item)))

    def about(self, item):
        """The entry's description, paragraph by paragraph."""
        paragraphs = [item.summary]
        if item.endorsers:
            names = ", ".join(endorser.name for endorser in item.endorsers)
            paragraphs.append(_("Endorsed by: %(names)s") % {"names": names})
        for statement in item.statements:
            paragraphs.append(
                _("Separate statement by %(organisation)s: %(text)s")
                % {"organisation": statement.organisation.name, "text": statement.text}
            )
        return paragraphs

    def item_extra_kwargs(self, item):
        return {"contributors": item.endorsers}


class StatementFeed(EndorsedPageFeed):
    index_model = PositionIndexPage
    entry_model = PositionStatementPage

    def entries(self, index):
        return index.statements()

    def item_pubdate(self, item):
        return start_of(item.date_adopted) if item.date_adopted else item.first_published_at


class ConsultationResponseFeed(EndorsedPageFeed):
    """The network's answers to consultations; open consultations have no answer yet."""

    index_model = ConsultationIndexPage
    entry_model = ConsultationResponsePage

    def entries(self, index):
        return (
            index.consultations()
            .filter(status=ConsultationStatus.ANSWERED)
            .order_by("-submitted_date", "-pk")
        )

    def items(self, channel):
        return with_cases(super().items(channel))

    def item_pubdate(self, item):
        return start_of(item.submitted_date)

    def item_updateddate(self, item):
        """A follow-up recorded after the publication updates the entry."""
        follow_up = item.follow_up()
        followed_up_at = follow_up.followed_up_at if follow_up else None
        return max(filter(None, [item.last_published_at, followed_up_at]), default=None)

    def about(self, item):
        """The members' input date, the day the response was sent and the follow-up, after what
        every endorsed page's entry says."""
        paragraphs = super().about(item)
        if input_deadline := item.input_deadline():
            paragraphs.append(_("Members' input by: %(date)s") % {"date": day(input_deadline)})
        if sent_date := item.sent_date():
            paragraphs.append(_("Sent to the authority: %(date)s") % {"date": day(sent_date)})
        if follow_up := item.follow_up():
            decision = ", ".join(
                filter(None, [follow_up.decision_title, day(follow_up.decision_date)])
            )
            if decision:
                paragraphs.append(_("Decision: %(decision)s") % {"decision": decision})
            paragraphs.append(
                _("Were our points taken up? %(uptake)s")
                % {"uptake": follow_up.get_uptake_display()}
            )
            if follow_up.follow_up_comment:
                paragraphs.append(follow_up.follow_up_comment)
        return paragraphs


def day(date):
    return date_format(date, "j F Y") if date else ""
