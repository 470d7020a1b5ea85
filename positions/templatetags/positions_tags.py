from django import template
from django.utils.translation import gettext as _

from home.core.feeds import feed_links
from home.core.navigation import section
from positions.feeds import ConsultationResponseFeed, StatementFeed
from positions.models import MemberOrganisation, consultations
from positions.models.statements import statements_under

register = template.Library()


@register.simple_tag(takes_context=True)
def member_directory_url(context):
    directory = section(context["request"], "positions.memberdirectorypage")
    return directory.url if directory else None


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


@register.inclusion_tag("positions/member_count_slot.html", takes_context=True)
def member_count(context):
    request = context["request"]
    directory = section(request, "positions.memberdirectorypage")
    return {
        "count": MemberOrganisation.objects.active().count(),
        "directory_url": directory.url if directory else None,
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
