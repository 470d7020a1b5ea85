from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from home.core.feeds import Contributor, SectionFeed, start_of
from members.models import organisation_url
from positions.models import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    ConsultationStatus,
    PositionIndexPage,
    PositionStatementPage,
)
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


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


class EndorsedPageFeed(SectionFeed):
    """Entries that member organisations endorse; the organisations are the entry's contributors."""

    def items(self, channel):
        return with_endorsers(super().items(channel), channel.request)

    def item_description(self, item):
        paragraphs = [item.summary]
        if item.endorsers:
            names = ", ".join(endorser.name for endorser in item.endorsers)
            paragraphs.append(_("Endorsed by: %(names)s") % {"names": names})
        return format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in paragraphs))

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

    def item_pubdate(self, item):
        return start_of(item.submitted_date)
