from django import template

from calls.feeds import CallFeed
from home.core.navigation import section, site_chrome

register = template.Library()


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def calls_feed_links(context):
    """Announces the calls' RSS and Atom feeds (routes of the calls page) in the head of a page."""
    request = context["request"]
    index = section(request, "calls.callindexpage")
    if index is None:
        return {}
    return {
        "title": CallFeed.channel_title(site_chrome(request).network_name),
        "rss_url": request.build_absolute_uri(f"{index.url}rss/"),
        "atom_url": request.build_absolute_uri(f"{index.url}atom/"),
    }
