from collections import defaultdict

from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from home.core.feeds import Contributor, SectionFeed, start_of
from home.core.navigation import section
from positions.models import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    ConsultationStatus,
    MemberOrganisation,
    PositionIndexPage,
    PositionStatementPage,
)


def with_endorsers(pages, request):
    """Give each page `endorsers`: its `endorsing_organisations()`, for all pages in one query.

    Each organisation links to its page in the member directory, where there is one.
    """
    directory = section(request, "positions.memberdirectorypage")
    organisations = (
        MemberOrganisation.objects.endorsing({page.translation_key for page in pages})
        .values_list("endorsements__page__translation_key", "name", "slug")
        .order_by("name", "slug")
        .distinct()
    )
    endorsers = defaultdict(list)
    for translation_key, name, slug in organisations:
        url = request.build_absolute_uri(f"{directory.url}{slug}/") if directory else ""
        endorsers[translation_key].append(Contributor(name, url))
    for page in pages:
        page.endorsers = endorsers[page.translation_key]
    return pages


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
