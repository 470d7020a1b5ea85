from django import template

from home.core.navigation import section
from members.models import MemberOrganisation, organisation_url

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_page_url(context, organisation):
    """`organisation`'s page in the member directory, or "" where the site has no directory."""
    return organisation_url(context["request"], organisation)


@register.inclusion_tag("members/member_count_slot.html", takes_context=True)
def member_count(context):
    request = context["request"]
    directory = section(request, "members.memberdirectorypage")
    return {
        "count": MemberOrganisation.objects.active().count(),
        "directory_url": directory.url if directory else None,
    }
