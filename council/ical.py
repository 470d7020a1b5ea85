"""The council's meetings as iCalendar (home/core/ical.py), with who convenes them."""

from django.utils.translation import gettext as _

from home.core import ical


def calendar_response(request, index, meetings, filename):
    def description(meeting, network_name):
        lines = [meeting.summary]
        if index.convener:
            lines += ["", _("Convened by %(name)s") % {"name": index.convener}]
        return "\n".join(lines).strip()

    return ical.calendar_response(request, index.title, meetings, filename, description)
