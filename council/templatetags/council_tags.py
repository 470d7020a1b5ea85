from django import template
from django.utils import timezone
from django.utils.translation import get_language

from council.models import meetings_under
from home.core.listing import start_of_today, upcoming
from home.core.navigation import section, site_chrome
from home.core.structured_data import json_ld

register = template.Library()

INDEX = "council.councilindexpage"


@register.inclusion_tag("council/next_meeting.html", takes_context=True)
def next_council_meeting(context):
    """The council's next meeting, for the home page. Kept for a day (see the home page's
    template), so a meeting stays on it until the end of the day it ends."""
    request = context["request"]
    index = section(request, INDEX)
    if index is None:
        return {}
    meeting = upcoming(meetings_under(index), now=start_of_today()).defer_streamfields().first()
    if meeting is None:
        return {}
    return {"meeting": meeting, "url": meeting.get_url(request), "index_url": index.url}


@register.inclusion_tag("council/council_feed_link.html", takes_context=True)
def council_feed_link(context):
    """Announces the iCalendar of the council's meetings in the head of a page."""
    request = context["request"]
    index = section(request, INDEX)
    if index is None:
        return {}
    return {"url": request.build_absolute_uri(f"{index.url}ical/")}


@register.simple_tag(takes_context=True)
def meeting_json_ld(context, page, convener):
    """The meeting as a schema.org Event, organised by the council's convener."""
    request = context["request"]
    url = request.build_absolute_uri(page.get_url(request))
    chrome = site_chrome(request)
    organiser = convener or (chrome.network_name if chrome else "")
    event = {
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(page.start),
        "endDate": timezone.localtime(page.end),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": attendance_mode(page),
        "location": locations(page, url),
        "organizer": {"@type": "Organization", "name": organiser},
        "attendee": [
            {"@type": "Organization", "name": organisation.name}
            for organisation in context.get("organisations", ())
        ],
        "inLanguage": get_language(),
        "url": url,
    }
    if page.share_image:
        event["image"] = request.build_absolute_uri(
            page.share_image.get_rendition("fill-1200x630").url
        )
    return json_ld(event)


def attendance_mode(page):
    if page.online and page.place:
        return "https://schema.org/MixedEventAttendanceMode"
    if page.online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def locations(page, url):
    found = []
    if page.place:
        found.append({"@type": "Place", "name": page.place, "address": page.place})
    if page.online:
        found.append({"@type": "VirtualLocation", "url": page.online_url or url})
    if not found:
        return None
    return found[0] if len(found) == 1 else found
