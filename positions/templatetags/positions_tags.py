from django import template
from django.utils.translation import gettext as _

from home.navigation import active_home_page
from positions.models import (
    ConsultationIndexPage,
    MemberDirectoryPage,
    MemberOrganisation,
    PositionIndexPage,
)

register = template.Library()


def child_index(request, page_class):
    """The live index page of `page_class` under the home page in the active language."""
    cache = request.__dict__.setdefault("_index_pages", {})
    if page_class not in cache:
        home = active_home_page(request)
        cache[page_class] = page_class.objects.child_of(home).live().first() if home else None
    return cache[page_class]


@register.simple_tag(takes_context=True)
def member_directory_url(context):
    request = context["request"]
    directory = child_index(request, MemberDirectoryPage)
    return directory.get_url(request) if directory else None


@register.inclusion_tag("components/home_slot.html", takes_context=True)
def latest_positions(context, count=3):
    request = context["request"]
    index = child_index(request, PositionIndexPage)
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
            for statement in index.statements()[:count]
        ],
        "more_url": index.get_url(request),
        "more_label": _("All position statements"),
    }


@register.inclusion_tag("positions/open_consultations_slot.html", takes_context=True)
def open_consultations(context):
    request = context["request"]
    index = child_index(request, ConsultationIndexPage)
    if index is None:
        return {}
    return {
        "consultations": list(index.open_consultations()),
        "index_url": index.get_url(request),
        "request": request,
    }


@register.inclusion_tag("positions/member_count_slot.html", takes_context=True)
def member_count(context):
    request = context["request"]
    directory = child_index(request, MemberDirectoryPage)
    return {
        "count": MemberOrganisation.objects.active().count(),
        "directory_url": directory.get_url(request) if directory else None,
    }
