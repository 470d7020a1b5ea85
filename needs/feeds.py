"""RSS and Atom feeds of the public signals, routes of the needs page (rss/ and atom/)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.core.feeds import Contributor
from home.core.navigation import site_chrome

from .public import entries, public_needs


@dataclass(frozen=True)
class Channel:
    page: object
    network_name: str
    request: HttpRequest


def feed_links(request, page):
    """The context of components/feed_links.html for the needs page."""
    chrome = site_chrome(request)
    url = request.build_absolute_uri(page.get_url(request))
    return {
        "title": f"{page.title} – {chrome.network_name}" if chrome else page.title,
        "rss_url": f"{url}rss/",
        "atom_url": f"{url}atom/",
    }


class NeedsFeed(Feed):
    """The latest public signals; one instance per request (the page's route makes it)."""

    count = 20

    def __init__(self, feed_type):
        self.feed_type = feed_type

    def get_object(self, request, page):
        chrome = site_chrome(request)
        self.page_url = page.get_url(request)
        self.request = request
        return Channel(page, chrome.network_name if chrome else "", request)

    def title(self, channel):
        return feed_links(channel.request, channel.page)["title"]

    def link(self, channel):
        return channel.page.get_url(channel.request)

    def description(self, channel):
        return channel.page.introduction or self.title(channel)

    def subtitle(self, channel):
        return self.description(channel)

    def items(self, channel):
        needs = public_needs()[: self.count]
        return entries(needs, get_language(), request=channel.request)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return f"{self.page_url}#{item.anchor}"

    def item_description(self, item):
        return format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in about(item)))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(filter(None, [item.published_at, item.answered_at]), default=None)

    def item_extra_kwargs(self, item):
        return {
            "contributors": [
                Contributor(
                    organisation.name,
                    self.request.build_absolute_uri(organisation.url) if organisation.url else "",
                )
                for organisation in item.organisations
            ]
        }


def about(item):
    """An entry's description, paragraph by paragraph."""
    paragraphs = [item.summary]
    place = item.municipality_label
    if item.topic:
        place = f"{item.topic.name} · {place}"
    paragraphs.append(place)
    names = ", ".join(organisation.name for organisation in item.organisations)
    paragraphs.append(_("Seen by: %(names)s") % {"names": names})
    if item.forwarded_at:
        paragraphs.append(
            _("Forwarded to the region: %(date)s")
            % {"date": date_format(timezone.localtime(item.forwarded_at), "j F Y")}
        )
    if item.answer:
        paragraphs.append(_("The region's answer: %(answer)s") % {"answer": item.answer})
    return paragraphs
