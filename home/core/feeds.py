"""RSS and Atom feeds of a section's latest pages, in the reader's language."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import capfirst
from django.utils.translation import get_language

from wagtail.models import Page

from home.core.navigation import section, site_chrome

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Contributor:
    """Someone who stands behind an entry besides the network, with a page about them if any."""

    name: str
    url: str = ""


class Rss(Rss201rev2Feed):
    """RSS 2.0, with an entry's contributors as Dublin Core `dc:contributor`."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for contributor in item.get("contributors", ()):
            handler.addQuickElement("dc:contributor", contributor.name, {"xmlns:dc": DUBLIN_CORE})


class Atom(Atom1Feed):
    """Atom, with an entry's contributors as `<contributor>`."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for contributor in item.get("contributors", ()):
            handler.startElement("contributor", {})
            handler.addQuickElement("name", contributor.name)
            if contributor.url:
                handler.addQuickElement("uri", contributor.url)
            handler.endElement("contributor")


@dataclass(frozen=True)
class Channel:
    index: Page
    network_name: str
    request: HttpRequest


def start_of(date):
    return datetime.datetime.combine(date, datetime.time())


class SectionFeed(Feed):
    """The latest live, public pages under one of the home page's sections, in the active language.

    Subclasses name the listing page's model (`index_model`), the entries' model (`entry_model`)
    and the listing page's queryset of entries (`entries`), and date and describe an entry.
    One instance serves every request, so what belongs to a request travels in the `Channel`.
    """

    index_model = None
    entry_model = None
    count = 20

    def __init__(self, feed_type=Rss):
        self.feed_type = feed_type

    @classmethod
    def channel_title(cls, network_name):
        return f"{capfirst(cls.entry_model._meta.verbose_name_plural)} – {network_name}"

    def entries(self, index):
        raise NotImplementedError

    def get_object(self, request):
        found = section(request, self.index_model._meta.label_lower)
        if found is None:
            raise self.index_model.DoesNotExist
        index = self.index_model.objects.get(pk=found.pk, locale__language_code=get_language())
        return Channel(index, site_chrome(request).network_name, request)

    def title(self, channel):
        return self.channel_title(channel.network_name)

    def link(self, channel):
        return channel.index.get_url(channel.request)

    def description(self, channel):
        return channel.index.introduction or self.title(channel)

    def subtitle(self, channel):
        return self.description(channel)

    def items(self, channel):
        return list(self.entries(channel.index).defer_streamfields()[: self.count])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url()

    def item_updateddate(self, item):
        return item.last_published_at


def feed_links(request, feed, rss_name, atom_name):
    """The context of components/feed_links.html for `feed`; empty when its section is missing."""
    if section(request, feed.index_model._meta.label_lower) is None:
        return {}
    return {
        "title": feed.channel_title(site_chrome(request).network_name),
        "rss_url": request.build_absolute_uri(reverse(rss_name)),
        "atom_url": request.build_absolute_uri(reverse(atom_name)),
    }
