"""Events as iCalendar (RFC 5545), for calendar programs to subscribe to or import.

Times are written in Europe/Stockholm with its VTIMEZONE, so an event at 10:00 stays at 10:00
on either side of a change to or from summer time. An event's UID is its translation key at the
site's host name: the same in both languages and across edits, so a calendar that subscribes
updates the event rather than adding it again.
"""

import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from icalendar import Calendar, Event

from home.core.navigation import site_chrome

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_response(request, name, events, filename):
    calendar = build_calendar(request, name, events)
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def build_calendar(request, name, events):
    chrome = site_chrome(request)
    network_name = chrome.network_name if chrome else ""
    calendar = Calendar()
    calendar.add("prodid", f"-//{network_name or 'Idekammaren'}//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{name} – {network_name}" if network_name else name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    host = split_domain_port(request.get_host())[0]
    events = list(events)
    for event in events:
        calendar.add_component(vevent(request, event, host, network_name))
    if events:
        # The time zone's rules for the years of the events only, to keep the file small.
        first = min(event.start for event in events).astimezone(STOCKHOLM)
        last = max(event.end for event in events).astimezone(STOCKHOLM)
        calendar.add_missing_timezones(
            first_date=datetime.date(first.year, 1, 1),
            last_date=datetime.date(last.year + 1, 1, 1),
        )
    return calendar


def vevent(request, event, host, network_name):
    component = Event()
    component.add("uid", f"{event.translation_key}@{host}")
    stamp = event.last_published_at or event.first_published_at or timezone.now()
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("dtstart", event.start.astimezone(STOCKHOLM))
    component.add("dtend", event.end.astimezone(STOCKHOLM))
    component.add("summary", event.title)
    component.add("description", description(event, network_name))
    if location := location_of(event):
        component.add("location", location)
    component.add("url", request.build_absolute_uri(event.get_url(request)))
    return component


def location_of(event):
    places = [event.place]
    if event.online:
        places.append(event.online_url or _("Online"))
    return " · ".join(place for place in places if place)


def description(event, network_name):
    lines = [event.summary, ""]
    lines.append(_("Organiser: %(name)s") % {"name": event.organiser or network_name})
    if event.audience:
        lines.append(_("For: %(audience)s") % {"audience": event.audience})
    if event.registration_url:
        if event.registration_deadline:
            lines.append(
                _("Register by %(date)s: %(url)s")
                % {
                    "date": date_format(event.registration_deadline, "j F Y"),
                    "url": event.registration_url,
                }
            )
        else:
            lines.append(_("Register: %(url)s") % {"url": event.registration_url})
    return "\n".join(lines).strip()
