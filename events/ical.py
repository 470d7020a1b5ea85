"""Events as iCalendar (home/core/ical.py), with who organises them, for whom, and how to
register."""

from functools import partial

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.core import ical


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


calendar_response = partial(ical.calendar_response, describe=description)
