from django import template
from django.utils.translation import gettext as _

from home.core.feeds import feed_links
from home.core.navigation import section
from home.core.translations import one_per_translation, reader_languages
from positions.feeds import ConsultationResponseFeed, StatementFeed
from positions.models import (
    ConsultationResponsePage,
    ConsultationStatus,
    PositionStatementPage,
    consultations,
)
from positions.models.endorsements import endorsed_by
from positions.models.statements import statements_under

register = template.Library()


@register.inclusion_tag("components/home_slot.html", takes_context=True)
def latest_positions(context, count=3):
    request = context["request"]
    index = section(request, "positions.positionindexpage")
    if index is None:
        return {}
    return {
        "slot_id": "latest-positions",
        "heading": _("Latest position statements"),
        "items": [
            {
                "title": statement.title,
                "url": statement.get_url(request),
                "date": statement.date_adopted,
                "summary": statement.summary,
            }
            for statement in statements_under(index)[:count]
        ],
        "more_url": index.url,
        "more_label": _("All position statements"),
    }


@register.inclusion_tag("positions/open_consultations_slot.html", takes_context=True)
def open_consultations(context):
    request = context["request"]
    index = section(request, "positions.consultationindexpage")
    if index is None:
        return {}
    return {
        "consultations": list(
            consultations.open_consultations(consultations.consultations_under(index))
        ),
        "index_url": index.url,
        "request": request,
    }


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def statement_feed_links(context):
    return feed_links(context["request"], StatementFeed, "statements-rss", "statements-atom")


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def consultation_response_feed_links(context):
    return feed_links(
        context["request"],
        ConsultationResponseFeed,
        "consultation-responses-rss",
        "consultation-responses-atom",
    )


def endorsed_pages(pages, translation_keys):
    """Live, public pages among `translation_keys`, in the reader's language where translated."""
    pages = (
        pages.live()
        .public()
        .filter(translation_key__in=translation_keys, locale__language_code__in=reader_languages())
        .select_related("locale")
        .order_by("-first_published_at")
    )
    return one_per_translation(pages)


@register.inclusion_tag("positions/endorsed_texts.html", takes_context=True)
def endorsed_texts(context, organisation):
    """The statements and answered consultations `organisation` stands behind, for its page in
    the member directory."""
    keys = endorsed_by(organisation)
    return {
        "request": context["request"],
        "statements": endorsed_pages(PositionStatementPage.objects.all(), keys),
        "consultations": endorsed_pages(
            ConsultationResponsePage.objects.filter(status=ConsultationStatus.ANSWERED), keys
        ),
    }
