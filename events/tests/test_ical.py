import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import translate
from events.factories import EventPageFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(*args):
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def by_summary(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.django_db
class TestCalendarFeed:
    @pytest.fixture
    def around_the_changes(self, calendar):
        """Events at 10:00 local time on the day before and after each change of the clocks:
        summer time ends on 25 October 2026 and starts on 28 March 2027."""
        days = {
            "Före vintertid": (2026, 10, 24),
            "Efter vintertid": (2026, 10, 26),
            "Före sommartid": (2027, 3, 27),
            "Efter sommartid": (2027, 3, 29),
        }
        return {
            title: EventPageFactory(
                parent=calendar,
                title=title,
                start=local(*day, 10),
                end=local(*day, 12),
            )
            for title, day in days.items()
        }

    def test_the_feed_parses_and_lists_every_event(self, client, calendar, around_the_changes):
        calendar_data = parsed(client.get("/kalender/ical/"))
        assert str(calendar_data["version"]) == "2.0"
        assert set(by_summary(calendar_data)) == set(around_the_changes)

    def test_times_stay_at_ten_local_across_the_changes_of_the_clocks(
        self, client, around_the_changes
    ):
        calendar_data = parsed(client.get("/kalender/ical/"))
        (zone,) = calendar_data.walk("VTIMEZONE")
        assert str(zone["tzid"]) == "Europe/Stockholm"
        events = by_summary(calendar_data)
        utc_hours = {}
        for title, event in events.items():
            assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
            assert event["dtend"].params["TZID"] == "Europe/Stockholm"
            start = event.decoded("dtstart")
            assert (start.hour, start.minute) == (10, 0), title
            assert event.decoded("dtend").hour == 12
            utc_hours[title] = start.astimezone(datetime.UTC).hour
        assert utc_hours == {
            "Före vintertid": 8,
            "Efter vintertid": 9,
            "Före sommartid": 9,
            "Efter sommartid": 8,
        }
        assert "DTSTART;TZID=Europe/Stockholm:20261024T100000" in client.get(
            "/kalender/ical/"
        ).content.decode().replace("\r\n", "\n")

    def test_an_event_describes_itself(self, client, calendar):
        page = EventPageFactory(
            parent=calendar,
            slug="kurs",
            title="Kurs, med komma; och semikolon",
            place="Kulturhuset, Sunne",
            online=True,
            online_url="https://mote.example/kurs",
            organiser="Arvika Språkcafé",
            registration_url="https://anmalan.example/kurs/",
        )
        (event,) = parsed(client.get("/kalender/ical/")).walk("VEVENT")
        assert str(event["uid"]) == f"{page.translation_key}@testserver"
        assert str(event["summary"]) == "Kurs, med komma; och semikolon"
        assert str(event["location"]) == "Kulturhuset, Sunne · https://mote.example/kurs"
        assert str(event["url"]) == "http://testserver/kalender/kurs/"
        description = str(event["description"])
        assert description.startswith("En kväll om hur föreningar")
        assert "Arvika Språkcafé" in description
        assert "https://anmalan.example/kurs/" in description
        assert event.decoded("dtstamp").tzinfo is not None

    def test_each_language_has_its_feed_and_the_uid_is_shared(self, client, site, calendar):
        page = EventPageFactory(parent=calendar, title="Kurs", slug="kurs")
        translate(page, site.en, title="Course", slug="course")
        EventPageFactory(parent=calendar, title="Bara på svenska")
        swedish = by_summary(parsed(client.get("/kalender/ical/")))
        english = by_summary(parsed(client.get("/en/calendar/ical/")))
        assert set(swedish) == {"Kurs", "Bara på svenska"}
        assert set(english) == {"Course"}
        assert english["Course"]["uid"] == swedish["Kurs"]["uid"]
        assert str(english["Course"]["url"]) == "http://testserver/en/calendar/course/"

    def test_an_empty_calendar_is_still_a_calendar(self, client, calendar):
        calendar_data = parsed(client.get("/kalender/ical/"))
        assert calendar_data.walk("VEVENT") == []

    def test_public_cache_headers_and_tags_like_the_other_feeds(self, client, calendar):
        page = EventPageFactory(parent=calendar, slug="kurs")
        feed = client.get("/kalender/ical/")
        assert "public" in feed["Cache-Control"] and "s-maxage" in feed["Cache-Control"]
        # Purged when an event under the calendar changes (home/core/cache_purging.py).
        assert f"listing-{calendar.pk}" in feed["xkey"].split()
        single = client.get("/kalender/kurs/ical/")
        assert f"page-{page.pk}" in single["xkey"].split()


@pytest.mark.django_db
class TestOneEvent:
    def test_the_download_holds_just_that_event(self, client, site, calendar):
        page = EventPageFactory(
            parent=calendar, title="Kurs", slug="kurs", start=local(2027, 3, 29, 10)
        )
        EventPageFactory(parent=calendar, title="En annan kurs")
        translate(page, site.en, title="Course", slug="course")
        response = client.get("/kalender/kurs/ical/")
        assert response["Content-Disposition"] == 'inline; filename="kurs.ics"'
        (event,) = parsed(response).walk("VEVENT")
        assert str(event["summary"]) == "Kurs"
        assert event.decoded("dtstart") == local(2027, 3, 29, 10)
        (english,) = parsed(client.get("/en/calendar/course/ical/")).walk("VEVENT")
        assert str(english["summary"]) == "Course"
        assert english["uid"] == event["uid"]

    def test_an_unknown_sub_path_is_not_found(self, client, calendar):
        EventPageFactory(parent=calendar, slug="kurs")
        assert client.get("/kalender/kurs/ics/").status_code == 404
        assert client.get("/kalender/kurs/ical/extra/").status_code == 404
