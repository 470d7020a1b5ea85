"""The site search as readers meet it at /sok/ and /en/search/."""

import datetime
import re
from dataclasses import dataclass
from html import unescape
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.models import PageViewRestriction

import pytest

from calls.factories import CallIndexPageFactory, CallPageFactory
from conftest import translate
from council.factories import CouncilIndexPageFactory, CouncilMeetingPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from home.core.publication import loading_content
from home.factories import ContactPageFactory, ContentPageFactory, TopicFactory
from members.factories import MemberOrganisationFactory
from needs.factories import NeedFactory, NeedsPageFactory
from news.factories import NewsPageFactory
from positions.factories import ConsultationResponsePageFactory, PositionStatementPageFactory
from tests.worlds import built_once, fresh

RESULT = re.compile(
    r'<li class="search-result">\s*'
    r'<p class="search-result__type">(?P<label>[^<·]+?)'
    r'(?: · <time datetime="(?P<date>[^"]+)">[^<]*</time>)?</p>\s*'
    r'<h3 class="search-result__title"><a href="(?P<url>[^"]*)">(?P<title>[^<]*)</a></h3>\s*'
    r"(?:<p>(?P<summary>[^<]*)</p>)?",
)


@dataclass(frozen=True)
class Result:
    label: str
    date: str | None
    title: str
    url: str
    summary: str | None


def search(client, query="", path="/sok/", **parameters):
    response = client.get(f"{path}?{urlencode({'q': query, **parameters})}")
    assert response.status_code == 200
    return response


def results(response):
    return [
        Result(
            label=unescape(match["label"]),
            date=match["date"],
            title=unescape(match["title"]),
            url=match["url"],
            summary=unescape(match["summary"]) if match["summary"] else None,
        )
        for match in RESULT.finditer(html(response))
    ]


def titles(response):
    return [result.title for result in results(response)]


def summary(response):
    """The sentence above the results, such as "3 träffar för ”lokaler”"."""
    match = re.search(r'<p class="search__summary" role="status">([^<]*)</p>', html(response))
    return unescape(match[1]) if match else None


def filter_links(response, label):
    """Each filter of the navigation labelled `label`: its text and whether it is chosen."""
    nav = re.search(rf'<nav class="filter" aria-label="{label}">(.*?)</nav>', html(response), re.S)
    return {
        unescape(text): bool(current)
        for current, text in re.findall(
            r'<a href="[^"]*"( aria-current="true")?>([^<]*)</a>', nav[1]
        )
    }


def html(response):
    return response.content.decode()


@pytest.fixture
def sections(sections_world):
    """The bilingual site with every section (search/tests/conftest.py), built once for the
    module; each test has its own copy, and its changes are rolled back after it."""
    return fresh(sections_world)


def with_restriction(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    return page


@pytest.mark.django_db
class TestLanguages:
    def test_swedish_words_are_found_in_all_their_forms(self, client, sections):
        NewsPageFactory(
            parent=sections.news,
            title="Nätverket växer",
            introduction="Ännu en organisation har gått med i Idékammaren.",
        )
        ContentPageFactory(
            parent=sections.site.home,
            title="Så arbetar vi",
            introduction="Varje remiss läses av styrelsen innan vi svarar.",
        )
        assert titles(search(client, "organisationerna")) == ["Nätverket växer"]
        assert titles(search(client, "remisser")) == ["Så arbetar vi"]

    def test_english_words_are_found_in_all_their_forms(self, client, sections):
        item = NewsPageFactory(parent=sections.news, title="Nätverket växer")
        translate(
            item,
            sections.site.en,
            title="The network grows",
            slug="network-grows",
            introduction="One more organisation has joined Idékammaren.",
        )
        assert titles(search(client, "organisations", path="/en/search/")) == ["The network grows"]

    def test_each_page_is_stemmed_in_its_own_language(self, client, sections):
        # English stems "running" to "run" and Swedish leaves it alone; Swedish stems
        # "föreningarna" to "förening" and English leaves it alone.
        item = NewsPageFactory(
            parent=sections.news,
            title="Löpning för alla",
            introduction="Föreningarna ordnar running i parken.",
        )
        translate(
            item,
            sections.site.en,
            title="Running for everyone",
            slug="running",
            introduction="The föreningarna hold running in the park.",
        )
        assert titles(search(client, "run", path="/en/search/")) == ["Running for everyone"]
        assert titles(search(client, "förening", path="/en/search/")) == []
        assert titles(search(client, "förening")) == ["Löpning för alla"]
        assert titles(search(client, "run")) == []

    def test_each_language_finds_only_its_own_pages(self, client, sections):
        item = NewsPageFactory(
            parent=sections.news, slug="grannkraft", title="Grannkraft i Kil", introduction="Kil."
        )
        translate(
            item,
            sections.site.en,
            title="Grannkraft in Kil",
            slug="grannkraft",
            introduction="Kil.",
        )
        NewsPageFactory(parent=sections.news, title="Grannkraft i Arvika", introduction="Arvika.")

        swedish = results(search(client, "Grannkraft"))
        english = results(search(client, "Grannkraft", path="/en/search/"))
        assert sorted(result.title for result in swedish) == [
            "Grannkraft i Arvika",
            "Grannkraft i Kil",
        ]
        assert all(result.url.startswith("/nyheter/") for result in swedish)
        assert [(result.title, result.url) for result in english] == [
            ("Grannkraft in Kil", "/en/news/grannkraft/")
        ]

    def test_language_switcher_asks_the_same_question_in_the_other_language(self, client, sections):
        swedish = html(search(client, "lokaler i Kil"))
        english = html(search(client, "lokaler i Kil", path="/en/search/"))
        assert 'href="/en/search/?q=lokaler+i+Kil" lang="en"' in swedish
        assert 'href="/sok/?q=lokaler+i+Kil" lang="sv"' in english


@pytest.mark.django_db
class TestWhatIsPublic:
    def test_a_page_never_published_is_not_found(self, client, sections):
        NewsPageFactory(parent=sections.news, title="Utkast om bidragen", live=False)
        assert summary(search(client, "bidragen")) == "0 träffar för ”bidragen”"

    def test_a_live_page_is_found_by_its_live_text_and_not_by_its_draft(self, client, sections):
        item = NewsPageFactory(
            parent=sections.news, title="Kulturarvet i Värmland", introduction="Om hembygden."
        )
        item.title = "Hemlig rubrik"
        item.introduction = "Ett hemligt utkast."
        item.save_revision()

        assert titles(search(client, "hembygden")) == ["Kulturarvet i Värmland"]
        assert titles(search(client, "Hemlig")) == []
        assert titles(search(client, "utkast")) == []

    def test_publishing_and_unpublishing_update_what_is_found(self, client, sections):
        item = NewsPageFactory(parent=sections.news, title="Kulturarvet", introduction="Hembygd.")
        item.introduction = "Nu med folkdans."
        revision = item.save_revision()
        assert titles(search(client, "folkdans")) == []

        with loading_content():
            revision.publish()
        assert titles(search(client, "folkdans")) == ["Kulturarvet"]

        item.refresh_from_db()
        item.unpublish()
        assert titles(search(client, "folkdans")) == []

    def test_private_pages_are_not_found(self, client, sections):
        with_restriction(NewsPageFactory(parent=sections.news, title="Styrelsens protokoll"))
        private_section = with_restriction(
            ContentPageFactory(parent=sections.site.home, title="Internt")
        )
        ContentPageFactory(parent=private_section, title="Protokoll från årsmötet")
        NewsPageFactory(parent=sections.news, title="Protokoll i korthet")
        assert titles(search(client, "protokoll")) == ["Protokoll i korthet"]


@pytest.mark.django_db
class TestResults:
    @pytest.fixture
    def lokalfragan(self, sections, members):
        """Six matches of every type for the word "lokalfrågan", tagged with two topics."""
        lokaler, demokrati = TopicFactory(name="Lokaler"), TopicFactory(name="Demokrati")
        first = NewsPageFactory(
            parent=sections.news,
            title="Lokalfrågan i Kil",
            date=datetime.date(2026, 3, 2),
            introduction="Lokalfrågan avgörs i kommunfullmäktige.",
        )
        second = NewsPageFactory(
            parent=sections.news, title="Lokalfrågan i Sunne", introduction="Ny lokal."
        )
        statement = PositionStatementPageFactory(
            parent=sections.statements,
            title="Lokalfrågan måste lösas",
            date_adopted=datetime.date(2026, 4, 15),
            summary="Föreningarna behöver lokaler som de har råd med.",
        )
        ConsultationResponsePageFactory(
            parent=sections.register,
            title="Svar om lokalfrågan",
            submitted_date=datetime.date(2026, 2, 27),
            summary="Vi tillstyrker en utredning.",
        )
        page = ContentPageFactory(parent=sections.site.home, title="Om lokalfrågan")
        with loading_content():
            page.save_revision().publish()
        MemberOrganisationFactory(
            name="Bygdegårdarna",
            slug="bygdegardarna",
            description="Driver lokalfrågan för landsbygden.",
            areas=[lokaler],
        )
        for page, topics in [
            (first, [lokaler]),
            (second, [lokaler, demokrati]),
            (statement, [lokaler]),
        ]:
            page.topics.set(topics)
            page.save()
        return SimpleNamespace(lokaler=lokaler, demokrati=demokrati)

    def test_total_and_counts_by_type_and_topic(self, client, lokalfragan):
        response = search(client, "lokalfrågan")
        assert summary(response) == "6 träffar för ”lokalfrågan”"
        assert filter_links(response, "Filtrera efter typ") == {
            "Alla typer": True,
            "Nyheter (2)": False,
            "Ställningstaganden (1)": False,
            "Remissvar (1)": False,
            "Evenemang (0)": False,
            "Förfrågningar (0)": False,
            "Rådets möten (0)": False,
            "Sidor (1)": False,
            "Medlemsorganisationer (1)": False,
        }
        assert filter_links(response, "Filtrera på sakområde") == {
            "Alla sakområden": True,
            "Demokrati (1)": False,
            "Lokaler (4)": False,
        }

    def test_all_types_lists_every_result_it_counts_members_first(self, client, lokalfragan):
        listed = titles(search(client, "lokalfrågan"))
        assert len(listed) == 6
        assert listed[0] == "Bygdegårdarna"

    def test_filter_by_type(self, client, lokalfragan):
        news = search(client, "lokalfrågan", type="news")
        assert sorted(titles(news)) == ["Lokalfrågan i Kil", "Lokalfrågan i Sunne"]
        assert filter_links(news, "Filtrera efter typ")["Nyheter (2)"] is True

        members = results(search(client, "lokalfrågan", type="members"))
        assert [(result.label, result.title) for result in members] == [
            ("Medlemsorganisation", "Bygdegårdarna")
        ]

    def test_filter_by_topic(self, client, lokalfragan):
        response = search(client, "lokalfrågan", topic=lokalfragan.lokaler.slug)
        assert summary(response) == "4 träffar för ”lokalfrågan”"
        assert titles(response)[0] == "Bygdegårdarna"
        assert sorted(titles(response)[1:]) == [
            "Lokalfrågan i Kil",
            "Lokalfrågan i Sunne",
            "Lokalfrågan måste lösas",
        ]
        assert filter_links(response, "Filtrera på sakområde")["Lokaler (4)"] is True

    def test_each_result_shows_its_type_date_and_summary(self, client, lokalfragan):
        by_title = {result.title: result for result in results(search(client, "lokalfrågan"))}
        assert by_title["Lokalfrågan i Kil"] == Result(
            label="Nyhet",
            date="2026-03-02",
            title="Lokalfrågan i Kil",
            url="/nyheter/lokalfragan-i-kil/",
            summary="Lokalfrågan avgörs i kommunfullmäktige.",
        )
        statement = by_title["Lokalfrågan måste lösas"]
        assert (statement.label, statement.date, statement.summary) == (
            "Ställningstagande",
            "2026-04-15",
            "Föreningarna behöver lokaler som de har råd med.",
        )
        response = by_title["Svar om lokalfrågan"]
        assert (response.label, response.date, response.summary) == (
            "Remissvar",
            "2026-02-27",
            "Vi tillstyrker en utredning.",
        )
        page = by_title["Om lokalfrågan"]
        assert (page.label, page.date) == ("Sida", timezone.localdate().isoformat())

    def test_more_than_ten_results_continue_on_page_two(self, client, sections):
        for number in range(12):
            NewsPageFactory(parent=sections.news, title=f"Studiecirkel {number:02}")
        first = search(client, "studiecirkel")
        second = search(client, "studiecirkel", page=2)
        assert summary(first) == "12 träffar för ”studiecirkel”"
        assert len(titles(first)) == 10
        assert len(titles(second)) == 2
        assert set(titles(first)) | set(titles(second)) == {
            f"Studiecirkel {number:02}" for number in range(12)
        }
        assert 'href="?q=studiecirkel&amp;page=2" rel="next"' in html(first)
        assert '<ol class="search-results" start="11">' in html(second)


@pytest.mark.django_db
class TestMembers:
    def test_members_are_found_by_name_and_description_and_link_to_the_directory(
        self, client, sections
    ):
        MemberOrganisationFactory(
            name="Grannkraft Värmland",
            slug="grannkraft",
            description="Samlar grannar kring gemensamma trädgårdar.",
        )
        MemberOrganisationFactory(name="Vilande förening", description="Grannkraft.", active=False)

        for query in ("Grannkraft", "trädgårdar"):
            assert results(search(client, query, type="members")) == [
                Result(
                    label="Medlemsorganisation",
                    date=None,
                    title="Grannkraft Värmland",
                    url="/medlemmar/grannkraft/",
                    summary="Samlar grannar kring gemensamma trädgårdar.",
                )
            ]


@pytest.mark.django_db
def test_events_are_found_with_their_day_and_summary(client, sections):
    calendar = EventIndexPageFactory(parent=sections.site.home)
    event = EventPageFactory(
        parent=calendar,
        title="Kurs i föreningsekonomi",
        slug="kurs-i-foreningsekonomi",
        summary="Budget, bokslut och bidrag för kassörer.",
    )

    response = search(client, "föreningsekonomi", type="events")

    assert results(response) == [
        Result(
            label="Evenemang",
            date=timezone.localdate(event.start).isoformat(),
            title="Kurs i föreningsekonomi",
            url="/kalender/kurs-i-foreningsekonomi/",
            summary="Budget, bokslut och bidrag för kassörer.",
        )
    ]


# Calls from the region (calls/) -----------------------------------------------------------------


@pytest.mark.django_db
def test_calls_are_found_by_their_partner_and_text_with_their_reply_by_date(client, sections):
    calls = CallIndexPageFactory(parent=sections.site.home)
    call = CallPageFactory(
        parent=calls,
        title="Samtalsledare till Kulturveckan",
        slug="samtalsledare",
        partner="Kulturförvaltningen i Sunne",
        summary="Tre organisationer som kan leda samtal om läsning.",
    )
    CallPageFactory(parent=calls, title="Utkast", partner=call.partner, live=False)

    response = search(client, "kulturförvaltningen", type="calls")

    assert results(response) == [
        Result(
            label="Förfrågan",
            date=call.reply_by.isoformat(),
            title="Samtalsledare till Kulturveckan",
            url="/forfragningar/samtalsledare/",
            summary="Tre organisationer som kan leda samtal om läsning.",
        )
    ]
    assert filter_links(response, "Filtrera efter typ")["Förfrågningar (1)"] is True


# The council (council/) ------------------------------------------------------------------------


@pytest.mark.django_db
def test_council_meetings_are_found_by_their_agenda_with_their_day_and_summary(client, sections):
    council = CouncilIndexPageFactory(parent=sections.site.home)
    meeting = CouncilMeetingPageFactory(
        parent=council,
        title="Rådets möte om länsstrategin",
        slug="mote-om-lansstrategin",
        summary="Regionens utvecklingsstrategi och sektorns roll.",
        agenda=[{"type": "item", "value": {"heading": "Folkbildningsrådet", "description": ""}}],
    )
    CouncilMeetingPageFactory(parent=council, title="Utkast", agenda=meeting.agenda, live=False)

    response = search(client, "folkbildningsrådet", type="council")

    assert results(response) == [
        Result(
            label="Möte i rådet",
            date=timezone.localdate(meeting.start).isoformat(),
            title="Rådets möte om länsstrategin",
            url="/radet/mote-om-lansstrategin/",
            summary="Regionens utvecklingsstrategi och sektorns roll.",
        )
    ]
    assert filter_links(response, "Filtrera efter typ")["Rådets möten (1)"] is True


# Needs we see (needs/) -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_needs_page_is_found_by_its_public_signals_and_by_no_other(client, sections):
    page = NeedsPageFactory(parent=sections.site.home)
    translate(page, sections.site.en, title="Needs we see", slug="needs-we-see")
    NeedFactory(
        public=True,
        public_title="Skolskjuts till fritidsaktiviteter",
        public_title_en="School transport to leisure activities",
    )
    NeedFactory(public=True, consent_to_publish=False, public_title="Fjällbyarnas snöskotrar")
    NeedFactory(public=True, published=False, public_title="Fjällbyarnas snöskotrar")
    NeedFactory(title="Fjällbyarnas snöskotrar", description="Snöskotrar i fjällbyarna.")

    found = results(search(client, "skolskjuts", type="pages"))
    found_in_english = results(search(client, "leisure", path="/en/search/"))

    assert [(hit.label, hit.title, hit.url, hit.summary) for hit in found] == [
        ("Sida", "Behov vi ser", "/behov-vi-ser/", page.introduction)
    ]
    assert [(hit.title, hit.url) for hit in found_in_english] == [
        ("Needs we see", "/en/needs-we-see/")
    ]
    assert results(search(client, "snöskotrar")) == []


# The contact page (home/) ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_contact_page_is_found_by_press_and_contact_in_both_languages(client, sections):
    page = ContactPageFactory(
        parent=sections.site.home,
        introduction="Så når du nätverket och dess presskontakter.",
        press_information=[
            {"type": "paragraph", "value": "<p>Pressbilder får användas fritt.</p>"}
        ],
    )
    translate(page, sections.site.en, title="Contact and press", slug="contact")

    found = results(search(client, "pressbilder"))
    found_in_english = results(search(client, "press", path="/en/search/", type="pages"))

    assert [(hit.label, hit.title, hit.url, hit.summary) for hit in found] == [
        ("Sida", "Kontakt och press", "/kontakt/", page.introduction)
    ]
    assert [(hit.title, hit.url) for hit in found_in_english] == [
        ("Contact and press", "/en/contact/")
    ]


@pytest.mark.django_db
class TestThePage:
    def test_nothing_matched_suggests_the_listings(self, client, sections):
        response = search(client, "xylofon")
        assert summary(response) == "0 träffar för ”xylofon”"
        assert "<h2>Inga träffar</h2>" in html(response)
        empty = re.search(r'<div class="search__empty">(.*?)</div>', html(response), re.S)[1]
        assert re.findall(r'<a href="([^"]+)">', empty) == [
            "/nyheter/",
            "/stallningstaganden/",
            "/remisser/",
            "/medlemmar/",
        ]

    def test_the_page_is_not_indexed_and_the_search_box_has_a_visible_label(self, client, sections):
        page = html(search(client))
        assert '<meta name="robots" content="noindex">' in page
        assert '<label for="search-query">Sök på webbplatsen</label>' in page
        assert '<input type="search" id="search-query" name="q"' in page


HOSTILE_QUERIES = [
    "lokal " * 2000,
    "x" * 10_000,
    "ä" * 10_000,
    " ".join(f"ord{number}" for number in range(500)),
    "a & | ! :* ( )",
    "lokal:* & !(förening | 'x')",
    "\"lokal\" 'lokal' ”lokal” «lokal»",
    "\\ \\\\ '' \"\" %",
    "<script>alert(1)</script>",
    "och att det",
    "___ ² ﬁ 中文",
    "AND OR NOT NEAR",
]
HOSTILE_QUERY_STRINGS = [
    "q=lokal%00fr%C3%A5gan",
    "q=%00",
    "q=%ff%fe",
    "q=%ED%A0%80lokal",
    "q=lokal&page=99999999999999999999999999",
    "q=lokal&page=-1",
    "q=lokal&page=0",
    "q=lokal&page=tv%C3%A5",
    "q=lokal&page=1.5",
    "q=lokal&page=%00",
    "q=lokal&page=",
    "q=lokal&q=%3Cscript%3E",
    "q=",
    "",
]


@pytest.mark.django_db
class TestHostileInput:
    @pytest.fixture(scope="class")
    @classmethod
    def lokal(cls, sections_world, django_db_blocker):
        """Twelve news items with the word, for the tests of the class, which only read them."""
        with built_once(django_db_blocker) as tests_run:
            news = fresh(sections_world).news
            for number in range(12):
                NewsPageFactory(parent=news, title=f"Lokal nummer {number}")
            with tests_run():
                yield

    @pytest.mark.parametrize("path", ["/sok/", "/en/search/"])
    @pytest.mark.parametrize("query", HOSTILE_QUERIES)
    def test_any_query_answers_with_the_search_page(self, client, lokal, path, query):
        page = html(search(client, query, path=path))
        assert '<form class="search-form" role="search"' in page
        assert "<script>" not in page

    @pytest.mark.parametrize("path", ["/sok/", "/en/search/"])
    @pytest.mark.parametrize("query_string", HOSTILE_QUERY_STRINGS)
    def test_any_query_string_answers_with_the_search_page(self, client, lokal, path, query_string):
        response = client.get(f"{path}?{query_string}")
        assert response.status_code == 200
        assert '<form class="search-form" role="search"' in html(response)
        assert "<script>" not in html(response)

    def test_a_long_query_is_shortened_and_says_so(self, client, lokal):
        response = search(client, "lokal " * 2000)
        assert "Din sökning var lång och kortades till högst 12 ord och 200 tecken" in html(
            response
        )
        assert summary(response) == f"12 träffar för ”{' '.join(['lokal'] * 12)}”"

    def test_a_page_number_beyond_the_end_shows_the_last_page(self, client, lokal):
        assert len(titles(search(client, "lokal", page=10**30))) == 2
        assert len(titles(search(client, "lokal", page=-1))) == 2
        assert len(titles(search(client, "lokal", page="två"))) == 10

    @pytest.mark.parametrize(
        "query_string",
        ["q=lokal&type=okand", "q=lokal&topic=okand", "q=lokal&type=%00", "q=lokal&topic=%ff"],
    )
    def test_an_unknown_filter_is_not_found(self, client, lokal, query_string):
        assert client.get(f"/sok/?{query_string}").status_code == 404


@pytest.mark.django_db
class TestQueryBudget:
    def queries(self, client, url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(captured)

    def test_a_search_costs_the_same_queries_for_ten_hits_as_for_a_hundred(self, client, sections):
        topic = TopicFactory(name="Lokaler", slug="lokaler")
        MemberOrganisationFactory.create_batch(3, description="Driver lokalfrågan.", areas=[topic])

        def add(count):
            for _ in range(count):
                item = NewsPageFactory(parent=sections.news, introduction="Om lokalfrågan.")
                item.topics.set([topic])
                item.save()

        urls = [
            "/sok/?q=lokalfrågan",
            "/sok/?q=lokalfrågan&page=2",
            "/sok/?q=lokalfrågan&topic=lokaler",
            "/sok/?q=lokalfrågan&type=news&page=2",
        ]
        add(10)
        ten = [self.queries(client, url) for url in urls]
        add(90)
        assert [self.queries(client, url) for url in urls] == ten

    def test_a_member_search_costs_the_same_for_ten_members_as_for_a_hundred(
        self, client, sections
    ):
        url = "/sok/?q=lokalfrågan&type=members"
        MemberOrganisationFactory.create_batch(10, description="Driver lokalfrågan.")
        ten = self.queries(client, url)
        MemberOrganisationFactory.create_batch(90, description="Driver lokalfrågan.")
        assert self.queries(client, url) == ten
