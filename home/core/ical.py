"""Pages with a start and an end as iCalendar (RFC 5545), for calendar programs to subscribe to
or import: the calendar's events and the council's meetings.

Times are written in Europe/Stockholm with its VTIMEZONE, so that something at 10:00 stays at
10:00 on either side of a change to or from summer time. A UID is the page's translation key at
the site's host name: the same in both languages and across edits, so a calendar that subscribes
updates the entry rather than adding it again.

An entry is a page with `start`, `end`, `place`, `online` and `online_url`; `describe(entry,
network_name)` gives its description.
"""

import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.translation import gettext as _

from icalendar import Calendar, Event

from home.core.navigation import site_chrome

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_response(request, name, entries, filename, describe):
    calendar = build_calendar(request, name, entries, describe)
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def build_calendar(request, name, entries, describe):
    chrome = site_chrome(request)
    network_name = chrome.network_name if chrome else ""
    calendar = Calendar()
    calendar.add("prodid", f"-//{network_name or 'Idekammaren'}//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{name} – {network_name}" if network_name else name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    host = split_domain_port(request.get_host())[0]
    entries = list(entries)
    for entry in entries:
        calendar.add_component(vevent(request, entry, host, describe(entry, network_name)))
    if entries:
        # The time zone's rules for the years of the entries only, to keep the file small.
        first = min(entry.start for entry in entries).astimezone(STOCKHOLM)
        last = max(entry.end for entry in entries).astimezone(STOCKHOLM)
        calendar.add_missing_timezones(
            first_date=datetime.date(first.year, 1, 1),
            last_date=datetime.date(last.year + 1, 1, 1),
        )
    return calendar


def vevent(request, entry, host, description):
    component = Event()
    component.add("uid", f"{entry.translation_key}@{host}")
    stamp = entry.last_published_at or entry.first_published_at or timezone.now()
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("dtstart", entry.start.astimezone(STOCKHOLM))
    component.add("dtend", entry.end.astimezone(STOCKHOLM))
    component.add("summary", entry.title)
    component.add("description", description)
    if location := location_of(entry):
        component.add("location", location)
    component.add("url", request.build_absolute_uri(entry.get_url(request)))
    return component


def location_of(entry):
    places = [entry.place]
    if entry.online:
        places.append(entry.online_url or _("Online"))
    return " · ".join(place for place in places if place)
