import datetime
import json
import re

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from conftest import translate
from events.factories import EventPageFactory, at
from events.models import EventIndexPage, EventPage
from home.factories import TopicFactory
from home.models import HomePage


def card_titles(response, section):
    """The titles of the cards under the heading with id `section`, in their order."""
    html = response.content.decode()
    part = html.split(f'id="{section}-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', part)


def json_ld(response):
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode()
    )
    return [json.loads(text) for text in found]


# Shown in the editor's language, Swedish by default (the msgid is translated in locale/sv).
END_BEFORE_START = "Evenemanget måste sluta efter att det har börjat."


class TestEventPageTypes(WagtailPageTestCase):
    def test_the_calendar_sits_under_the_home_page(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_events_sit_only_in_the_calendar(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())


def event_form(**fields):
    return nested_form_data(
        {
            "title": "Styrelseutbildning i Kil",
            "slug": "styrelseutbildning-kil",
            "summary": "Grunderna i styrelsearbete för nya ledamöter.",
            "start": "2027-03-27 10:00",
            "end": "2027-03-27 15:00",
            "place": "Kils bibliotek",
            "municipality": "kil",
            "organiser": "Studieförbundet Ljusglimt Värmland",
            "audience": "Nya styrelseledamöter",
            "registration_url": "https://anmalan.example/kil/",
            "registration_deadline": "2027-03-20",
            "body": streamfield([("paragraph", rich_text("<p>Ta med matsäck.</p>"))]),
            **fields,
        }
    )


@pytest.mark.django_db
class TestEventsThroughTheAdmin:
    def test_editor_creates_an_event(self, admin_client, calendar):
        topic = TopicFactory(name="Demokrati", slug="demokrati")
        form_data = event_form(**{"action-publish": "publish"}) | {"topics": [topic.pk]}
        response = admin_client.post(f"/admin/pages/add/events/eventpage/{calendar.pk}/", form_data)
        assert response.status_code == 302
        page = EventPage.objects.get(slug="styrelseutbildning-kil")
        assert page.live
        # Entered in Swedish local time, in summer time's last day before the change.
        assert page.start == datetime.datetime(2027, 3, 27, 9, 0, tzinfo=datetime.UTC)
        html = TestCase.client_class().get("/kalender/styrelseutbildning-kil/").content.decode()
        assert "<h1>Styrelseutbildning i Kil</h1>" in html
        assert "Studieförbundet Ljusglimt Värmland" in html
        assert '<a href="/kalender/?topic=demokrati">Demokrati</a>' in html

    def test_an_end_before_the_start_is_refused_in_swedish(self, admin_client, calendar):
        response = admin_client.post(
            f"/admin/pages/add/events/eventpage/{calendar.pk}/",
            event_form(start="2027-03-27 15:00", end="2027-03-27 10:00"),
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert END_BEFORE_START in html
        assert 'value="Styrelseutbildning i Kil"' in html
        assert not EventPage.objects.filter(slug="styrelseutbildning-kil").exists()

    def test_an_end_equal_to_the_start_is_refused_too(self, calendar):
        event = EventPageFactory.build(start=at(3), end=at(3))
        with pytest.raises(ValidationError) as refused:
            event.full_clean()
        assert "end" in refused.value.message_dict

    def test_a_registration_deadline_after_the_start_is_refused(self, calendar):
        event = EventPageFactory.build(
            start=at(3),
            end=at(3, 12),
            registration_deadline=timezone.localdate() + datetime.timedelta(days=4),
        )
        with pytest.raises(ValidationError) as refused:
            event.full_clean()
        assert "registration_deadline" in refused.value.message_dict


@pytest.mark.django_db
class TestListings:
    @pytest.fixture
    def events(self, site, calendar):
        past = EventPageFactory(parent=calendar, title="Höstmöte", start=at(-30), end=at(-30, 12))
        going_on = EventPageFactory(
            parent=calendar, title="Pågående kurs", start=at(-1), end=at(1), municipality="sunne"
        )
        soon = EventPageFactory(parent=calendar, title="Webbinarium", start=at(2), end=at(2, 12))
        later = EventPageFactory(
            parent=calendar, title="Vårmöte", start=at(60), end=at(60, 12), municipality="arvika"
        )
        older = EventPageFactory(
            parent=calendar, title="Sommarträff", start=at(-90), end=at(-90, 12)
        )
        for page, title, slug in [
            (past, "Autumn meeting", "autumn-meeting"),
            (soon, "Webinar", "webinar"),
            (later, "Spring meeting", "spring-meeting"),
        ]:
            translate(page, site.en, title=title, slug=slug)
        return {"past": past, "going_on": going_on, "soon": soon, "later": later, "older": older}

    def test_upcoming_soonest_first_and_past_newest_first(self, client, events):
        response = client.get("/kalender/")
        assert response.status_code == 200
        assert card_titles(response, "upcoming") == ["Pågående kurs", "Webbinarium", "Vårmöte"]
        assert card_titles(response, "past") == ["Höstmöte", "Sommarträff"]

    def test_the_english_calendar_lists_the_english_events(self, client, events):
        response = client.get("/en/calendar/")
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()
        assert card_titles(response, "upcoming") == ["Webinar", "Spring meeting"]
        assert card_titles(response, "past") == ["Autumn meeting"]

    def test_filter_by_municipality(self, client, events):
        response = client.get("/kalender/?municipality=arvika")
        assert card_titles(response, "upcoming") == ["Vårmöte"]
        assert card_titles(response, "past") == []
        english = client.get("/en/calendar/?municipality=arvika")
        assert card_titles(english, "upcoming") == ["Spring meeting"]

    def test_filter_by_topic_in_both_languages(self, client, site, events):
        topic = TopicFactory(name="Folkhälsa", slug="folkhalsa")
        translate(topic, site.en, name="Public health", slug="public-health")
        for source in (events["past"], events["later"]):
            # As a translation synchronised after the source changed (SYNCHRONIZED_RELATIONS).
            for page in (source, source.get_translation(site.en).specific):
                page.topics.set([topic])
                page.save()
        response = client.get("/kalender/?topic=folkhalsa")
        assert card_titles(response, "upcoming") == ["Vårmöte"]
        assert card_titles(response, "past") == ["Höstmöte"]
        english = client.get("/en/calendar/?topic=public-health")
        assert card_titles(english, "upcoming") == ["Spring meeting"]
        assert card_titles(english, "past") == ["Autumn meeting"]

    @pytest.mark.parametrize(
        "query", ["municipality=oslo", "municipality=Karlstad", "topic=nope", "page=2", "page=x"]
    )
    def test_a_filter_or_page_that_names_nothing_is_not_found(self, client, events, query):
        assert client.get(f"/kalender/?{query}").status_code == 404

    def test_past_events_are_paginated(self, client, calendar):
        for days in range(1, 15):
            EventPageFactory(parent=calendar, start=at(-days), end=at(-days, 12))
        first, second = client.get("/kalender/"), client.get("/kalender/?page=2")
        assert len(card_titles(first, "past")) == 12
        assert len(card_titles(second, "past")) == 2
        assert 'rel="next"' in first.content.decode()

    def test_drafts_and_private_events_are_not_listed(self, client, calendar):
        EventPageFactory(parent=calendar, title="Utkast till kurs", slug="utkast", live=False)
        assert client.get("/kalender/utkast/").status_code == 404
        assert client.get("/kalender/utkast/ical/").status_code == 404
        assert "Utkast till kurs" not in client.get("/kalender/").content.decode()
        assert "Utkast till kurs" not in client.get("/kalender/ical/").content.decode()

    def test_the_calendar_is_in_the_menu(self, client, events):
        html = client.get("/").content.decode()
        assert '<a href="/kalender/">Kalender</a>' in html


@pytest.mark.django_db
class TestEventPage:
    def test_shows_when_where_who_and_registration(self, client, calendar):
        EventPageFactory(
            parent=calendar,
            slug="kurs",
            start=at(10, 9),
            end=at(10, 12),
            place="Kulturhuset, Sunne",
            organiser="Torsby Friluftsgemenskap",
            audience="Ledare",
            registration_url="https://anmalan.example/kurs/",
            registration_deadline=timezone.localdate() + datetime.timedelta(days=5),
        )
        html = client.get("/kalender/kurs/").content.decode()
        assert "Kulturhuset, Sunne" in html and "Torsby Friluftsgemenskap" in html
        assert "09:00" in html and "12:00" in html
        assert '<a href="https://anmalan.example/kurs/">' in html
        assert '<meta name="description" content="En kväll om hur föreningar' in html
        assert 'href="/kalender/kurs/ical/"' in html

    def test_the_network_organises_when_no_one_else_is_named(self, client, calendar):
        EventPageFactory(parent=calendar, slug="kurs", organiser="")
        response = client.get("/kalender/kurs/")
        (event,) = [data for data in json_ld(response) if data["@type"] == "Event"]
        assert event["organizer"] == {"@type": "Organization", "name": "Idékammaren"}

    def test_json_ld_describes_the_event(self, client, site, calendar):
        page = EventPageFactory(
            parent=calendar,
            slug="kurs",
            title="Kurs i Sunne",
            start=datetime.datetime(2027, 3, 27, 9, tzinfo=datetime.UTC),
            end=datetime.datetime(2027, 3, 29, 14, tzinfo=datetime.UTC),
            place="Kulturhuset",
            municipality="sunne",
            online=True,
            online_url="https://mote.example/kurs",
            organiser="Arvika Språkcafé",
            registration_url="https://anmalan.example/kurs/",
        )
        translate(page, site.en, title="Course in Sunne", slug="course")
        (event,) = json_ld(client.get("/kalender/kurs/"))
        assert event["@context"] == "https://schema.org"
        assert event["@type"] == "Event"
        assert event["name"] == "Kurs i Sunne"
        # Local time, on either side of the change to summer time.
        assert event["startDate"] == "2027-03-27T10:00:00+01:00"
        assert event["endDate"] == "2027-03-29T16:00:00+02:00"
        assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        place, online = event["location"]
        assert place["name"] == "Kulturhuset"
        assert place["address"]["addressLocality"] == "Sunne"
        assert online == {"@type": "VirtualLocation", "url": "https://mote.example/kurs"}
        assert event["organizer"]["name"] == "Arvika Språkcafé"
        assert event["offers"]["url"] == "https://anmalan.example/kurs/"
        assert event["url"] == "http://testserver/kalender/kurs/"
        (english,) = json_ld(client.get("/en/calendar/course/"))
        assert english["name"] == "Course in Sunne"
        assert english["inLanguage"] == "en"
        assert english["startDate"] == event["startDate"]

    def test_a_translation_keeps_the_times_and_place_in_sync(self, site, calendar):
        page = EventPageFactory(parent=calendar, municipality="kil", online=False)
        english = translate(page, site.en, title="In English")
        assert (english.start, english.end, english.municipality) == (
            page.start,
            page.end,
            "kil",
        )


@pytest.mark.django_db
class TestHomePage:
    def test_the_home_page_shows_the_next_three_events(self, client, site, calendar):
        EventPageFactory(parent=calendar, title="Passerad träff", start=at(-3), end=at(-3, 12))
        titles = [f"Träff {n}" for n in range(4)]
        for days, title in enumerate(titles, start=1):
            EventPageFactory(parent=calendar, title=title, start=at(days), end=at(days, 12))
        html = client.get("/").content.decode()
        slot = html.split('id="upcoming-events"', 1)[1].split("</section>", 1)[0]
        assert ">Kommande</h2>" in slot
        assert re.findall(r'<a href="/kalender/[^"]+">([^<]+)</a>', slot) == titles[:3]
        assert "Passerad träff" not in html
        assert '<a class="more-link" href="/kalender/">' in slot
        assert 'type="text/calendar"' in html

    def test_no_slot_without_upcoming_events(self, client, calendar):
        assert 'id="upcoming-events"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_api_lists_events_with_their_fields(client, calendar):
    EventPageFactory(parent=calendar, title="Kurs", municipality="kil", organiser="Grannkraft")
    response = client.get(
        "/api/v2/pages/",
        {"type": "events.EventPage", "fields": "start,end,municipality,organiser,topics"},
    )
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["title"] == "Kurs"
    assert item["municipality"] == "kil"
    assert item["organiser"] == "Grannkraft"
    assert item["topics"] == []
    assert item["start"].endswith("+01:00") or item["start"].endswith("+02:00")


@pytest.mark.django_db
def test_events_are_in_the_sitemap(client, calendar):
    EventPageFactory(parent=calendar, slug="kurs")
    assert "/kalender/kurs/</loc>" in client.get("/sitemap-pages.xml").content.decode()


@pytest.mark.django_db
def test_events_are_searchable(calendar):
    EventPageFactory(parent=calendar, title="Cirkelledarutbildning", place="Sunne kulturhus")
    assert EventPage.objects.live().search("Cirkelledarutbildning").count() == 1
