"""The calendar, its feeds and the home page's slot leave the shared cache when an event changes.

The feeds are routes of the calendar and event pages, so they carry those pages' tags, and the
purge that a publish sends (home/core/cache_purging.py) names them.
"""

import pytest

from conftest import translate
from events.factories import EventPageFactory
from home.core.cache_purging import page_change


def tags(response):
    return set(response["xkey"].split())


@pytest.mark.django_db
def test_a_changed_event_purges_every_response_that_shows_it(client, site, calendar):
    event = EventPageFactory(parent=calendar, slug="kurs")
    english = translate(event, site.en, slug="course")
    english_calendar = calendar.get_translation(site.en)
    purged = page_change(event)

    shown_on = {
        "/kalender/": f"listing-{calendar.pk}",
        "/kalender/ical/": f"listing-{calendar.pk}",
        "/": f"listing-{calendar.pk}",
        "/kalender/kurs/": f"page-{event.pk}",
        "/kalender/kurs/ical/": f"page-{event.pk}",
        "/en/calendar/": f"listing-{english_calendar.pk}",
        "/en/calendar/ical/": f"listing-{english_calendar.pk}",
        "/en/": f"listing-{english_calendar.pk}",
        "/en/calendar/course/ical/": f"page-{english.pk}",
    }
    for url, tag in shown_on.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert tag in tags(response), url
        assert tag in purged, url
