"""Every form of a word finds the page, stemmed in the page's language, on either database.

The same cases run on SQLite (search.backends.sqlite, Snowball's stemmers) and on PostgreSQL
(search.backends.postgres, its text-search configurations), with words both stem alike.
"""

import re
from html import unescape

from django.db import transaction
from django.utils import translation
from django.utils.http import urlencode

from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Not, Or, Phrase, PlainText

import pytest

from conftest import translate
from home.factories import ContentPageFactory, HomePageFactory
from members.factories import MemberOrganisationFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory

SWEDISH, ENGLISH = "/sok/", "/en/search/"
NETWORK, NETWORK_EN = "Nätverket växer", "The network grows"
CHOIRS = "Körerna sjunger"
RUNNING, RUNNING_EN = "Löpning för alla", "Running for everyone"
MEMBER = "Studieförbunden i Värmland"
TITLE = re.compile(r'<h3 class="search-result__title"><a href="[^"]*">([^<]*)</a></h3>')


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The bilingual site and the pages of every test here, built once and rolled back after."""
    with django_db_blocker.unblock(), translation.override("sv"), transaction.atomic():
        en, _ = Locale.objects.get_or_create(language_code="en")
        home = HomePageFactory(
            parent=Page.get_first_root_node(),
            slug="start",
            hero_heading="Välkommen",
            hero_introduction="Ett nätverk i länet.",
        )
        site = Site.objects.get(is_default_site=True)
        welcome, site.root_page = site.root_page, home
        site.save()
        welcome.delete()
        translate(home, en, slug="home", title="Home", hero_heading="Welcome")
        news = NewsIndexPageFactory(parent=home)
        translate(news, en, title="News", slug="news")

        network = NewsPageFactory(
            parent=news, title=NETWORK, introduction="Föreningarna i Kil får nya möjligheter i år."
        )
        translate(
            network,
            en,
            title=NETWORK_EN,
            slug="network-grows",
            introduction="Organisations in Kil are volunteering more.",
        )
        ContentPageFactory(
            parent=home,
            title=CHOIRS,
            introduction="Remisserna läses av styrelsen, som är mot förslaget.",
        )
        # Swedish stems "klubbarna" and leaves "running" alone; English does the opposite.
        running = NewsPageFactory(
            parent=news, title=RUNNING, introduction="Klubbarna ordnar running i parken."
        )
        translate(
            running,
            en,
            title=RUNNING_EN,
            slug="running",
            introduction="The klubbarna hold running in the park.",
        )
        MemberOrganisationFactory(
            name=MEMBER, slug="studieforbunden", description="Samlar bildningsförbunden i länet."
        )
        yield
        transaction.set_rollback(True)


@pytest.fixture
def found(world, db, client):
    """The titles listed on the search page for `query`, in Swedish or at `path`."""

    def found(query, path=SWEDISH):
        response = client.get(f"{path}?{urlencode({'q': query})}")
        assert response.status_code == 200
        return sorted(unescape(title) for title in TITLE.findall(response.content.decode()))

    return found


def searched(query, language="sv"):
    """The titles of the live pages the search backend finds for a query object."""
    with translation.override(language):
        return {page.title for page in get_search_backend().search(query, Page.objects.live())}


@pytest.mark.django_db
class TestSwedish:
    @pytest.mark.parametrize(
        "query", ["förening", "föreningar", "föreningens", "Föreningarna", "FÖRENINGEN"]
    )
    def test_every_form_of_a_word_finds_the_page(self, found, query):
        assert found(query) == [NETWORK]

    @pytest.mark.parametrize(
        ("query", "title"),
        [
            ("möjlighet", NETWORK),
            ("kör", CHOIRS),
            ("kören", CHOIRS),
            ("KÖRER", CHOIRS),
            ("remiss", CHOIRS),
            ("styrelse", CHOIRS),
        ],
    )
    def test_titles_and_texts_with_å_ä_ö(self, found, query, title):
        assert found(query) == [title]

    def test_å_ä_ö_are_letters_of_their_own(self, found):
        # SQLite's full-text search would take "år" for "är" and "möte" for "mot".
        assert found("år") == [NETWORK]
        assert found("far") == []
        assert found("möte") == []

    def test_members_are_stemmed_too(self, found):
        assert found("bildningsförbund") == [MEMBER]
        assert found("studieförbund") == [MEMBER]

    def test_every_word_of_a_query_must_match(self, found):
        assert found("föreningar Kil") == [NETWORK]
        assert found("föreningar styrelsen") == []
        assert found("föreningar xylofon") == []


@pytest.mark.django_db
class TestEnglish:
    @pytest.mark.parametrize(
        "query",
        ["organisation", "organisations", "organised", "organising", "ORGANISE", "volunteers"],
    )
    def test_every_form_of_a_word_finds_the_page(self, found, query):
        assert found(query, ENGLISH) == [NETWORK_EN]


@pytest.mark.django_db
class TestEachLanguage:
    def test_each_page_is_stemmed_in_its_own_language(self, found):
        assert found("run", ENGLISH) == [RUNNING_EN]
        assert found("run") == []
        assert found("klubb") == [RUNNING]
        assert found("klubb", ENGLISH) == []
        assert found("klubbarna", ENGLISH) == [RUNNING_EN]

    def test_a_search_finds_only_pages_in_its_language(self, found):
        assert found("föreningar", ENGLISH) == []
        assert found("organisations") == []
        assert found("Kil") == [NETWORK]
        assert found("Kil", ENGLISH) == [NETWORK_EN]


@pytest.mark.django_db
class TestQueries:
    """What the admin, the API and other code can ask of the backend besides the site's words."""

    def test_phrases_are_stemmed_and_keep_their_order(self, world):
        assert searched(Phrase("föreningarna i Kil")) == {NETWORK}
        assert searched(Phrase("föreningen i kil")) == {NETWORK}
        assert searched(Phrase("Kil i föreningarna")) == set()
        assert searched(Phrase("organisation in Kil"), language="en") == {NETWORK_EN}

    def test_or_and_and_not(self, world):
        assert searched(PlainText("föreningar xylofon", operator="or")) == {NETWORK}
        assert searched(PlainText("föreningar xylofon", operator="and")) == set()
        assert searched(Or([PlainText("förening"), PlainText("kören")])) == {NETWORK, CHOIRS}
        assert searched(And([PlainText("förening"), PlainText("möjlighet")])) == {NETWORK}
        assert searched(And([PlainText("förening"), Not(PlainText("kil"))])) == set()
        assert searched(And([PlainText("förening"), Not(PlainText("styrelsen"))])) == {NETWORK}

    def test_autocomplete_matches_the_beginnings_of_unstemmed_words(self, world):
        def completed(text, model=Page):
            objects = model.objects.live() if model is Page else model.objects.all()
            return {str(item) for item in get_search_backend().autocomplete(text, objects)}

        assert completed("Nätv") == {NETWORK}
        assert completed("Körern") == {CHOIRS}
        assert completed("Studieförb", MemberOrganisationFactory._meta.model) == {MEMBER}

    def test_the_admin_page_search_completes_titles(self, world, admin_client):
        response = admin_client.get("/admin/pages/search/", {"q": "Körern"})
        assert response.status_code == 200
        assert CHOIRS in response.content.decode()

    def test_the_api_search_is_stemmed(self, world, client):
        def api(**parameters):
            response = client.get("/api/v2/pages/", parameters)
            assert response.status_code == 200
            return sorted(item["title"] for item in response.json()["items"])

        assert api(search="föreningar") == [NETWORK]
        assert api(search="föreningar xylofon", search_operator="or") == [NETWORK]
        assert api(search="föreningar xylofon") == []
