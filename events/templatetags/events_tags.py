from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.models import events_under
from home.core.listing import start_of_today, upcoming
from home.core.navigation import section, site_chrome
from home.core.structured_data import json_ld

register = template.Library()


@register.inclusion_tag("components/home_slot.html", takes_context=True)
def upcoming_events(context, count=3):
    """The next events, for the home page. Kept for a day (see the home page's template), so an
    event stays on it until the end of the day it ends."""
    request = context["request"]
    index = section(request, "events.eventindexpage")
    if index is None:
        return {}
    events = upcoming(events_under(index), now=start_of_today()).defer_streamfields()[:count]
    return {
        "slot_id": "upcoming-events",
        "heading": _("Upcoming events"),
        "items": [
            {
                "title": event.title,
                "url": event.get_url(request),
                "date": timezone.localtime(event.start),
                "summary": event.summary,
            }
            for event in events
        ],
        "more_url": index.url,
        "more_label": _("The whole calendar"),
    }


@register.inclusion_tag("events/calendar_feed_link.html", takes_context=True)
def calendar_feed_link(context):
    """Announces the calendar's iCalendar feed in the head of a page."""
    request = context["request"]
    index = section(request, "events.eventindexpage")
    if index is None:
        return {}
    return {
        "title": f"{_('Calendar')} – {site_chrome(request).network_name}",
        "url": request.build_absolute_uri(f"{index.url}ical/"),
    }


@register.simple_tag(takes_context=True)
def event_json_ld(context, page):
    """The event as a schema.org Event."""
    request = context["request"]
    chrome = site_chrome(request)
    url = request.build_absolute_uri(page.get_url(request))
    event = {
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(page.start),
        "endDate": timezone.localtime(page.end),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": attendance_mode(page),
        "location": locations(page, url),
        "organizer": {
            "@type": "Organization",
            "name": page.organiser or chrome.network_name,
        },
        "inLanguage": get_language(),
        "url": url,
    }
    if page.audience:
        event["audience"] = {"@type": "Audience", "audienceType": page.audience}
    if page.registration_url:
        event["offers"] = {
            "@type": "Offer",
            "url": page.registration_url,
            "availabilityEnds": page.registration_deadline,
        }
    if page.share_image:
        event["image"] = request.build_absolute_uri(
            page.share_image.get_rendition("fill-1200x630").url
        )
    return json_ld(event)


def attendance_mode(page):
    if page.online and (page.place or page.municipality):
        return "https://schema.org/MixedEventAttendanceMode"
    if page.online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def locations(page, url):
    found = []
    if page.place or page.municipality:
        place = {"@type": "Place", "name": page.place or page.get_municipality_display()}
        place["address"] = {
            "@type": "PostalAddress",
            "addressRegion": "Värmland",
            "addressCountry": "SE",
        }
        if page.municipality:
            place["address"]["addressLocality"] = page.get_municipality_display()
        found.append(place)
    if page.online:
        found.append({"@type": "VirtualLocation", "url": page.online_url or url})
    return found[0] if len(found) == 1 else found
