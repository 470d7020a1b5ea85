"""The council as readers, editors and calendar programs meet it."""

import datetime
import json
import re
from html import unescape

from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest
from icalendar import Calendar

from conftest import make_user
from council.factories import CouncilMeetingPageFactory, at
from council.models import CouncilIndexPage, CouncilMeetingPage
from home.core.publication import loading_content
from home.models import HomePage
from members.factories import RepresentativeFactory

# Shown in the editor's language, Swedish by default (the msgid is translated in locale/sv).
END_BEFORE_START = "Mötet måste sluta efter att det har börjat."


def html(response):
    return response.content.decode()


def card_titles(response, section):
    """The titles of the cards under the heading with id `section`, in their order."""
    part = html(response).split(f'id="{section}-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', part)


def section(response, heading_id):
    return html(response).split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def json_ld(response):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html(response))
    return [json.loads(text) for text in found]


def home_slot(client, path="/"):
    match = re.search(
        r'<section class="home-slot" aria-labelledby="next-council-meeting">.*?</section>',
        html(client.get(path)),
        re.S,
    )
    return match.group(0) if match else ""


class TestPageTypes(WagtailPageTestCase):
    def test_the_council_page_sits_under_the_home_page(self):
        self.assertAllowedParentPageTypes(CouncilIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CouncilIndexPage, {CouncilMeetingPage})

    def test_meetings_sit_only_under_the_council_page(self):
        self.assertAllowedParentPageTypes(CouncilMeetingPage, {CouncilIndexPage})
        self.assertAllowedSubpageTypes(CouncilMeetingPage, set())


class TestTheIndex:
    def test_upcoming_soonest_first_and_past_newest_first(self, client, world):
        response = client.get("/radet/")
        assert response.status_code == 200
        assert card_titles(response, "upcoming") == ["Nästa möte", "Sommarens möte"]
        assert card_titles(response, "past") == ["Vårens möte", "Höstens möte"]
        assert "Utkast till möte" not in html(response)

    def test_a_past_meeting_links_its_minutes_from_the_listing(self, client, world):
        past = section(client.get("/radet/"), "past-heading")
        assert f'<a href="{world.documents.minutes.url}">Protokoll' in past

    def test_a_meeting_going_on_is_upcoming_until_it_ends(self, client, world):
        now = timezone.now()
        CouncilMeetingPageFactory(
            parent=world.index,
            title="Pågående möte",
            start=now - datetime.timedelta(hours=1),
            end=now + datetime.timedelta(hours=1),
        )
        CouncilMeetingPageFactory(
            parent=world.index,
            title="Nyss avslutat möte",
            start=now - datetime.timedelta(hours=3),
            end=now - datetime.timedelta(minutes=1),
        )
        response = client.get("/radet/")
        assert card_titles(response, "upcoming")[0] == "Pågående möte"
        assert card_titles(response, "past")[0] == "Nyss avslutat möte"

    def test_the_english_council_lists_the_english_meetings(self, client, world):
        response = client.get("/en/the-council/")
        assert response.status_code == 200
        assert '<html lang="en">' in html(response)
        assert card_titles(response, "upcoming") == ["Next meeting"]
        assert card_titles(response, "past") == ["Spring meeting"]

    def test_past_meetings_are_paginated(self, client, world):
        for days in range(1, 12):
            CouncilMeetingPageFactory(parent=world.index, start=at(-days), end=at(-days, 16))
        first, second = client.get("/radet/"), client.get("/radet/?page=2")
        assert len(card_titles(first, "past")) == 12
        assert len(card_titles(second, "past")) == 1
        assert 'rel="next"' in html(first)

    @pytest.mark.parametrize("query", ["page=3", "page=x", "page=0"])
    def test_a_page_that_is_not_there_is_not_found(self, client, world, query):
        assert client.get(f"/radet/?{query}").status_code == 404

    def test_the_council_is_in_the_menu(self, client, world):
        assert '<a href="/radet/">Rådet för idéburna organisationer</a>' in html(client.get("/"))


class TestTheMeetingPage:
    def test_shows_when_where_agenda_decisions_and_documents(self, client, world):
        response = client.get("/radet/varens-mote/")
        assert response.status_code == 200
        page = html(response)
        assert "<h1>Vårens möte</h1>" in page
        assert "13:00" in page and "16:00" in page
        assert "Regionens hus, Exempelgatan 14, Karlstad" in page
        agenda = section(response, "agenda-heading")
        assert re.findall(r"<li><strong>([^<]+)</strong>", agenda) == [
            "Partnerskapets första år",
            "Ensamhet bland äldre",
        ]
        decisions = section(response, "decisions-heading")
        assert "<strong>§ 4</strong>" in decisions
        assert "Rådet lägger redovisningen till handlingarna." in decisions
        documents = section(response, "documents-heading")
        assert f'<a href="{world.documents.minutes.url}">Protokoll</a>' in documents
        assert f'<a href="{world.documents.presentation.url}">Presentation</a>' in documents
        assert "Lägg till i din kalender" not in page

    def test_shows_the_organisations_by_name_linked_to_the_directory(self, client, world):
        participants = section(client.get("/radet/varens-mote/"), "participants-heading")
        organisations = participants.split("<h3>", 2)[1]
        assert re.findall(r"<li>(.*?)</li>", organisations) == [
            '<a href="/medlemmar/grannkraft/">Föreningen Grannkraft</a>',
            '<a href="/medlemmar/ljusglimt/">Studieförbundet Ljusglimt</a>',
            # No longer a member: the directory has no page for it.
            "Vilande förening",
        ]

    def test_shows_the_regions_side_by_name_and_role(self, client, world):
        participants = section(client.get("/radet/varens-mote/"), "participants-heading")
        assert "<h3>Region Värmland</h3>" in participants
        assert "<li>Karin Exempelsson, ordförande (Regionstyrelsen)</li>" in participants
        assert "<li>Leila Provsson, tjänsteperson (Hållbar utveckling)</li>" in participants

    def test_a_past_meeting_without_minutes_says_when_they_come(self, client, world):
        documents = section(client.get("/radet/hostens-mote/"), "documents-heading")
        assert "Protokollet publiceras här när det har justerats." in documents

    def test_an_upcoming_meeting_offers_its_link_and_calendar_file(self, client, world):
        page = html(client.get("/radet/nasta-mote/"))
        assert '<a href="https://mote.example/radet">länk till det digitala mötet</a>' in page
        assert '<a href="/radet/ical/nasta-mote/" download>' in page
        assert 'id="documents-heading"' not in page

    def test_the_english_meeting_shows_its_translation_and_the_same_documents(self, client, world):
        response = client.get("/en/the-council/spring-meeting/")
        assert response.status_code == 200
        page = html(response)
        assert "<h1>Spring meeting</h1>" in page
        assert "The council takes note of the report." in page
        assert "<strong>The partnership&#x27;s first year</strong>" in page
        assert f'<a href="{world.documents.minutes.url}">Minutes</a>' in page
        assert "Karin Exempelsson, chair (Regionstyrelsen)" in page
        assert '<a href="/en/members/grannkraft/">Föreningen Grannkraft</a>' in page

    def test_a_translation_keeps_times_documents_and_participants_in_sync(self, world):
        english = world.spring_en
        assert (english.start, english.end, english.minutes_id) == (
            world.spring.start,
            world.spring.end,
            world.documents.minutes.pk,
        )
        assert [person.name for person in english.region_participants.all()] == [
            "Karin Exempelsson",
            "Leila Provsson",
        ]
        assert {organisation.slug for organisation in english.organisations.all()} == {
            "grannkraft",
            "ljusglimt",
            "vilande",
        }

    def test_the_translation_editor_offers_the_texts_and_keeps_the_rest_in_sync(self, world):
        source, _created = TranslationSource.get_or_create_from_instance(world.spring)
        texts = set(
            StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
        )
        assert {"Vårens möte", "Ensamhet bland äldre", "§ 4"} <= texts
        assert "Rådet lägger redovisningen till handlingarna." in texts
        assert "Karin Exempelsson" not in texts
        translation = Translation.objects.create(source=source, target_locale=world.site.en)
        with loading_content():
            translation.save_target(publish=True)
        english = world.spring.get_translation(world.site.en).specific
        assert english.region_participants.count() == 2
        assert english.organisations.count() == 3
        assert english.minutes_id == world.documents.minutes.pk

    def test_json_ld_describes_the_meeting_as_an_event(self, client, world):
        (event,) = json_ld(client.get("/radet/nasta-mote/"))
        assert event["@type"] == "Event"
        assert event["name"] == "Nästa möte"
        assert event["startDate"] == timezone.localtime(world.next.start).isoformat()
        assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        place, online = event["location"]
        assert place["name"] == "Regionens hus, Exempelgatan 14, Karlstad"
        assert online == {"@type": "VirtualLocation", "url": "https://mote.example/radet"}
        assert event["organizer"] == {"@type": "Organization", "name": "Region Värmland"}
        (past,) = json_ld(client.get("/radet/varens-mote/"))
        assert {attendee["name"] for attendee in past["attendee"]} == {
            "Föreningen Grannkraft",
            "Studieförbundet Ljusglimt",
            "Vilande förening",
        }

    def test_a_draft_is_not_found(self, client, world):
        assert client.get("/radet/utkast/").status_code == 404
        assert client.get("/radet/ical/utkast/").status_code == 404


class TestDocuments:
    """Documents are public exactly while a live, public page uses them (home/core/files.py)."""

    def test_the_minutes_and_documents_of_a_live_meeting_download_without_logging_in(
        self, client, world
    ):
        for document in (world.documents.minutes, world.documents.presentation):
            response = client.get(document.url)
            assert response.status_code == 200
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
            assert "Set-Cookie" not in response

    def test_the_minutes_of_a_draft_meeting_are_not_public(self, client, world):
        assert client.get(world.documents.draft_minutes.url).status_code == 404
        editor = Client()
        editor.force_login(make_user("redaktor", "Redaktörer"))
        assert editor.get(world.documents.draft_minutes.url).status_code == 200

    def test_the_minutes_leave_the_public_when_the_meeting_is_unpublished(self, client, world):
        english = world.spring_en
        with loading_content():
            world.spring.unpublish()
        # The English translation still shows them.
        assert client.get(world.documents.minutes.url).status_code == 200
        with loading_content():
            english.unpublish()
        assert client.get(world.documents.minutes.url).status_code == 404
        assert client.get(world.documents.presentation.url).status_code == 404

    def test_the_minutes_of_a_private_meeting_are_not_public(self, client, world):
        for page in (world.spring, world.spring_en):
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt-2027"
            )
        assert client.get(world.documents.minutes.url).status_code == 404


class TestThroughTheAdmin:
    def meeting_form(self, **fields):
        return nested_form_data(
            {
                "title": "",
                "slug": "",
                "summary": "Regionens utvecklingsstrategi och behov vi ser.",
                "start": "2027-03-12 13:00",
                "end": "2027-03-12 16:00",
                "place": "Regionens hus, Karlstad",
                "online_url": "",
                "agenda": streamfield(
                    [("item", {"heading": "Regionens utvecklingsstrategi", "description": ""})]
                ),
                "decisions": streamfield(
                    [
                        (
                            "decision",
                            {"reference": "§ 3", "text": rich_text("<p>Rådet beslutar.</p>")},
                        )
                    ]
                ),
                "region_participants": inline_formset(
                    [{"name": "Karin Exempelsson", "role": "councillor", "unit": ""}]
                ),
                "documents": inline_formset([]),
                **fields,
            }
        )

    def test_an_administrator_publishes_a_meeting_named_after_its_day(self, admin_client, world):
        form = self.meeting_form(**{"action-publish": "publish"}) | {
            "organisations": [world.organisations.grannkraft.pk],
            "minutes": world.documents.presentation.pk,
        }
        response = admin_client.post(
            f"/admin/pages/add/council/councilmeetingpage/{world.index.pk}/", form
        )
        assert response.status_code == 302
        page = CouncilMeetingPage.objects.get(slug="radets-mote-12-mars-2027")
        assert page.title == "Rådets möte 12 mars 2027"
        assert page.live
        # Entered in Swedish local time.
        assert page.start == datetime.datetime(2027, 3, 12, 12, 0, tzinfo=datetime.UTC)
        shown = html(Client().get("/radet/radets-mote-12-mars-2027/"))
        assert "Karin Exempelsson, regionråd" in shown
        assert '<a href="/medlemmar/grannkraft/">Föreningen Grannkraft</a>' in shown
        assert "Rådet beslutar." in shown

    def test_an_editor_adds_a_meeting_with_a_title_of_their_own(self, client, world):
        client.force_login(make_user("redaktor", "Redaktörer"))
        response = client.post(
            f"/admin/pages/add/council/councilmeetingpage/{world.index.pk}/",
            self.meeting_form(title="Extra möte om länsstrategin", slug="extra-mote"),
        )
        assert response.status_code == 302
        page = CouncilMeetingPage.objects.get(slug="extra-mote")
        assert page.title == "Extra möte om länsstrategin"
        assert not page.live
        assert [person.name for person in page.region_participants.all()] == ["Karin Exempelsson"]

    def test_an_end_before_the_start_is_refused_in_swedish(self, admin_client, world):
        response = admin_client.post(
            f"/admin/pages/add/council/councilmeetingpage/{world.index.pk}/",
            self.meeting_form(end="2027-03-12 11:00"),
        )
        assert response.status_code == 200
        assert END_BEFORE_START in html(response)
        assert not CouncilMeetingPage.objects.filter(start__year=2027, start__month=3).exists()

    def test_a_new_meeting_can_be_previewed_before_it_is_saved(self, admin_client, world):
        url = f"/admin/pages/add/council/councilmeetingpage/{world.index.pk}/preview/"
        form = self.meeting_form() | {"organisations": [world.organisations.grannkraft.pk]}
        assert admin_client.post(url, form).json()["is_valid"]
        preview = html(admin_client.get(url))
        assert "<h1>Rådets möte 12 mars 2027</h1>" in preview
        assert "Karin Exempelsson, regionråd" in preview
        assert "Föreningen Grannkraft" in preview

    @pytest.mark.parametrize(
        ("role", "status"),
        [("anonymous", 302), ("representative", 403), ("editor", 200), ("administrator", 200)],
    )
    def test_who_may_add_a_meeting(self, client, world, role, status):
        if role == "representative":
            client.force_login(
                RepresentativeFactory(organisation=world.organisations.grannkraft).user
            )
        elif role == "editor":
            client.force_login(make_user("redaktor", "Redaktörer"))
        elif role == "administrator":
            client.force_login(make_user("admin", is_superuser=True, is_staff=True))
        url = f"/admin/pages/add/council/councilmeetingpage/{world.index.pk}/"
        assert client.get(url).status_code == status

    def test_an_editor_cannot_publish_a_meeting_themselves(self, client, world):
        client.force_login(make_user("redaktor", "Redaktörer"))
        client.post(
            f"/admin/pages/add/council/councilmeetingpage/{world.index.pk}/",
            self.meeting_form(slug="eget-mote", **{"action-publish": "publish"}),
        )
        assert not CouncilMeetingPage.objects.filter(slug="eget-mote", live=True).exists()
        assert Client().get("/radet/eget-mote/").status_code == 404

    def test_a_link_without_online_is_refused(self, world):
        meeting = CouncilMeetingPageFactory.build(online=False, online_url="https://mote.example")
        with pytest.raises(Exception) as refused:
            meeting.full_clean()
        assert "online" in refused.value.message_dict


class TestTheHomePage:
    def test_shows_the_next_meeting_with_its_day_place_and_link(self, client, world):
        slot = home_slot(client)
        assert ">Nästa möte i rådet</h2>" in slot
        assert '<a href="/radet/nasta-mote/">Nästa möte</a>' in slot
        assert timezone.localtime(world.next.start).strftime("%H:%M") in slot
        assert "Regionens hus, Exempelgatan 14, Karlstad" in slot
        assert '<a href="https://mote.example/radet">' in slot
        assert '<a class="more-link" href="/radet/">' in slot
        assert "Sommarens möte" not in slot

    def test_the_english_home_page_shows_the_english_meeting(self, client, world):
        slot = home_slot(client, "/en/")
        assert ">Next meeting of the council</h2>" in slot
        assert '<a href="/en/the-council/next-meeting/">Next meeting</a>' in slot

    def test_a_meeting_published_is_there_at_once_and_a_past_one_never(
        self, client, world, committed
    ):
        assert "Nästa möte" in home_slot(client)
        with committed():
            CouncilMeetingPageFactory(
                parent=world.index, title="Gårdagens möte", start=at(-1), end=at(-1, 16)
            )
            CouncilMeetingPageFactory(
                parent=world.index, title="Morgondagens möte", start=at(1), end=at(1, 16)
            )
        slot = home_slot(client)
        assert "Morgondagens möte" in slot
        assert "Gårdagens möte" not in slot and "Nästa möte<" not in slot

    def test_no_slot_without_an_upcoming_meeting(self, client, world, committed):
        with committed():
            for meeting in (world.next, world.later):
                with loading_content():
                    meeting.unpublish()
        assert 'aria-labelledby="next-council-meeting"' not in html(client.get("/"))


class TestTheCalendarFeed:
    def test_the_feed_has_every_live_meeting_in_swedish_time(self, client, world):
        response = client.get("/radet/ical/")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(response.content)
        events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
        assert set(events) == {"Vårens möte", "Höstens möte", "Nästa möte", "Sommarens möte"}
        start = events["Nästa möte"].decoded("dtstart")
        assert start == world.next.start
        assert str(start.tzinfo) == "Europe/Stockholm"
        assert calendar.walk("VTIMEZONE")

    def test_a_meeting_keeps_its_hour_across_the_change_to_summer_time(self, client, world):
        CouncilMeetingPageFactory(
            parent=world.index,
            title="Mötet före omställningen",
            slug="fore",
            start=datetime.datetime(2027, 3, 27, 12, tzinfo=datetime.UTC),
            end=datetime.datetime(2027, 3, 27, 15, tzinfo=datetime.UTC),
        )
        CouncilMeetingPageFactory(
            parent=world.index,
            title="Mötet efter omställningen",
            slug="efter",
            start=datetime.datetime(2027, 3, 29, 11, tzinfo=datetime.UTC),
            end=datetime.datetime(2027, 3, 29, 14, tzinfo=datetime.UTC),
        )
        calendar = Calendar.from_ical(client.get("/radet/ical/").content)
        starts = {
            str(event["summary"]): event.decoded("dtstart") for event in calendar.walk("VEVENT")
        }
        assert starts["Mötet före omställningen"].hour == 13
        assert starts["Mötet efter omställningen"].hour == 13

    def test_one_meeting_as_a_file_with_the_same_uid_in_both_languages(self, client, world):
        swedish = Calendar.from_ical(client.get("/radet/ical/nasta-mote/").content)
        english = Calendar.from_ical(client.get("/en/the-council/ical/next-meeting/").content)
        (event,) = swedish.walk("VEVENT")
        (event_en,) = english.walk("VEVENT")
        assert event["uid"] == event_en["uid"]
        assert str(event_en["summary"]) == "Next meeting"
        assert "https://mote.example/radet" in str(event["location"])

    def test_the_council_page_announces_its_feed(self, client, world):
        assert (
            'type="text/calendar" title="Rådets möten (iCalendar)" '
            'href="http://testserver/radet/ical/"'
        ) in unescape(html(client.get("/radet/")))


def test_the_api_lists_meetings_with_their_participants_and_documents(client, world):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "council.CouncilMeetingPage",
            "fields": "start,end,place,minutes,documents,organisations,region_participants,agenda,decisions",
            "locale": "sv",
            "order": "title",
        },
    )
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {"Höstens möte", "Nästa möte", "Sommarens möte", "Vårens möte"}
    spring = items["Vårens möte"]
    assert spring["minutes"]["id"] == world.documents.minutes.pk
    assert spring["documents"][0]["download_url"].endswith(world.documents.presentation.url)
    assert spring["documents"] == [
        {
            "id": world.documents.presentation.pk,
            "label": "Presentation",
            "title": "presentation",
            "download_url": spring["documents"][0]["download_url"],
        }
    ]
    assert spring["organisations"] == [
        {"name": "Föreningen Grannkraft", "slug": "grannkraft"},
        {"name": "Studieförbundet Ljusglimt", "slug": "ljusglimt"},
        {"name": "Vilande förening", "slug": "vilande"},
    ]
    assert spring["region_participants"][0] == {
        "name": "Karin Exempelsson",
        "role": "chair",
        "unit": "Regionstyrelsen",
    }
    assert spring["decisions"][0]["value"]["reference"] == "§ 4"
    assert items["Nästa möte"]["minutes"] is None
    assert spring["start"] == timezone.localtime(world.spring.start).isoformat()


def test_the_minutes_are_listed_in_the_api_only_while_public(client, world):
    listed = {item["id"] for item in client.get("/api/v2/documents/").json()["items"]}
    assert world.documents.minutes.pk in listed
    assert world.documents.draft_minutes.pk not in listed


def test_meetings_are_in_the_sitemap_in_both_languages(client, world):
    sitemap = html(client.get("/sitemap-pages.xml"))
    assert "/radet/varens-mote/</loc>" in sitemap
    assert "/en/the-council/spring-meeting/</loc>" in sitemap
    assert "/radet/utkast/" not in sitemap


def test_meetings_are_searchable_by_their_agenda_and_decisions(world):
    live = CouncilMeetingPage.objects.live()
    assert list(live.search("ensamhet")) == [world.spring]
    assert list(live.search("handlingarna")) == [world.spring]
