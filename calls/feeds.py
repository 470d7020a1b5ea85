"""RSS and Atom feeds of the calls, newest first, in the reader's language: routes of the calls
page (`rss/`, `atom/`), so they carry its cache tags."""

from django.db.models import F
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.core.feeds import Channel, SectionFeed
from home.core.navigation import site_chrome

from .models import CallIndexPage, CallPage, participation


class CallFeed(SectionFeed):
    index_model = CallIndexPage
    entry_model = CallPage

    def get_object(self, request, index):
        chrome = site_chrome(request)
        return Channel(index, chrome.network_name if chrome else "", request)

    def entries(self, index):
        return index.calls().order_by(F("first_published_at").desc(nulls_last=True), "-pk")

    def items(self, channel):
        items = super().items(channel)
        found = participation(items)
        for item in items:
            item.participation = found[item.pk]
        return items

    def item_description(self, item):
        return format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in self.about(item)))

    def about(self, item):
        yield item.summary
        yield _("On behalf of %(partner)s.") % {"partner": item.partner}
        if item.participation.closed:
            yield ngettext(
                "Closed. %(count)d organisation takes part.",
                "Closed. %(count)d organisations take part.",
                item.participation.count,
            ) % {"count": item.participation.count}
        else:
            yield _("Reply by %(date)s.") % {"date": date_format(item.reply_by, "j F Y")}

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [str(label) for label in item.organisation_kind_labels()]
