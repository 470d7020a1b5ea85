"""Shared behaviour of the public listing pages: pagination and filters from the query string."""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

from home.core.navigation import site_chrome


def paginate(request, items, per_page):
    """The requested page of `items`; a page number that is not a page of the listing is a 404.

    Pages come without their StreamFields, which no listing shows, so that sorting a long
    listing moves narrow rows rather than every body in it.
    """
    if isinstance(items, PageQuerySet):
        items = items.defer_streamfields()
    number = request.GET.get("page", "1")
    try:
        return Paginator(items, per_page).page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error


def chosen(request, name, options):
    """The option named by the query parameter `name`, None when absent; an unknown value is a 404.

    `options` maps the allowed values to what they stand for.
    """
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    if value not in options:
        raise Http404(f"Unknown {name}")
    return options[value]


def with_listing_images(items, field="listing_image"):
    """Fetch each item's image with the items and its renditions in one more query."""
    renditions = get_image_model().get_rendition_model().objects.all()
    return items.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=renditions)
    )


def filter_by_topic(request, items, parameter="topic", field="topics"):
    """`items` narrowed to the topic that the query parameter names, and the filter's context.

    Topics are chosen among the Swedish ones, so a topic in any language matches by its
    translation key.
    """
    chrome = site_chrome(request)
    topics = chrome.topics if chrome else ()
    topic = chosen(request, parameter, {topic.slug: topic for topic in topics})
    if topic is not None:
        items = items.filter(**{f"{field}__translation_key": topic.translation_key})
    return items, {"topics": topics, "active_topic": topic}


# Listings of what has a `start` and an `end`: the calendar's events and the council's meetings.


def upcoming(items, now=None):
    """Those of `items` that have not ended by `now` (one going on counts), soonest first."""
    return items.filter(end__gte=now or timezone.now()).order_by("start", "pk")


def past(items, now=None):
    """Those of `items` that have ended by `now`, the latest first."""
    return items.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def start_of_today():
    """Midnight at the start of today, local time: the home page's slots change once a day."""
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
