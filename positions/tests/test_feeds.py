"""The feeds of position statements and consultation responses, and who stands behind each entry."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from conftest import queries, translate
from home.core.publication import loading_content
from members.factories import MemberOrganisationFactory
from positions.factories import (
    ConsultationResponsePageFactory,
    EndorsementFactory,
    PositionStatementPageFactory,
)

FORMATS = ["rss", "atom"]
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def feed_url(name, language):
    with translation.override(language):
        return reverse(name)


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def published_on(entry):
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    return published.astimezone(STOCKHOLM).date()


def endorse(page, *organisations):
    for organisation in organisations:
        EndorsementFactory(page=page, organisation=organisation)


@pytest.fixture
def organisations(db):
    return {
        "grannkraft": MemberOrganisationFactory(name="Grannkraft i Årjäng", slug="grannkraft"),
        "studie": MemberOrganisationFactory(name="Studieförbundet Väst", slug="studie"),
        "vilande": MemberOrganisationFactory(name="Vilande förening", slug="vilande", active=False),
    }


@pytest.fixture
def statement(statements_index, organisations):
    page = PositionStatementPageFactory(
        parent=statements_index,
        title="Föreningslokaler ska vara öppna för alla",
        slug="lokaler",
        summary="Allmänna samlingslokaler är demokratins infrastruktur i hela Värmland.",
        date_adopted=datetime.date(2026, 4, 2),
    )
    endorse(page, *organisations.values())
    return page


@pytest.fixture
def response(register, organisations):
    page = ConsultationResponsePageFactory(
        parent=register,
        title="Svar på remissen om föreningsbidrag",
        slug="foreningsbidrag",
        summary="Vi tillstyrker förslaget om fleråriga bidrag till föreningar.",
        submitted_date=datetime.date(2026, 2, 20),
    )
    endorse(page, organisations["studie"])
    return page


class TestStatementFeeds:
    @pytest.mark.parametrize("kind", FORMATS)
    def test_entry_carries_title_link_adoption_date_summary_and_endorsers(
        self, client, directory, statement, kind
    ):
        feed = read_feed(client, feed_url(f"statements-{kind}", "sv"))

        assert feed.feed.title == "Ställningstaganden – Idékammaren"
        assert feed.feed.link == "http://testserver/stallningstaganden/"
        [entry] = feed.entries
        assert entry.title == "Föreningslokaler ska vara öppna för alla"
        assert entry.link == "http://testserver/stallningstaganden/lokaler/"
        assert published_on(entry) == datetime.date(2026, 4, 2)
        assert "demokratins infrastruktur i hela Värmland" in entry.summary
        assert "Grannkraft i Årjäng, Studieförbundet Väst" in entry.summary
        assert "Vilande förening" not in entry.summary
        assert [contributor.name for contributor in entry.contributors] == [
            "Grannkraft i Årjäng",
            "Studieförbundet Väst",
        ]
        if kind == "atom":
            assert entry.contributors[0].href == "http://testserver/medlemmar/grannkraft/"

    @pytest.mark.parametrize("kind", FORMATS)
    def test_english_entry_shows_the_endorsers_of_the_swedish_original(
        self, client, site, directory, statement, kind
    ):
        translate(statement, site.en, title="Meeting places must be open to everyone")

        feed = read_feed(client, feed_url(f"statements-{kind}", "en"))

        [entry] = feed.entries
        assert entry.title == "Meeting places must be open to everyone"
        assert entry.link == "http://testserver/en/positions/lokaler/"
        assert [contributor.name for contributor in entry.contributors] == [
            "Grannkraft i Årjäng",
            "Studieförbundet Väst",
        ]
        if kind == "atom":
            assert entry.contributors[0].href == "http://testserver/en/members/grannkraft/"

    def test_statement_without_adoption_date_is_dated_by_its_publication(
        self, client, statements_index
    ):
        page = PositionStatementPageFactory(parent=statements_index, date_adopted=None)
        with loading_content():
            page.save_revision().publish()
        page.refresh_from_db()

        [entry] = read_feed(client, feed_url("statements-rss", "sv")).entries

        assert published_on(entry) == page.first_published_at.astimezone(STOCKHOLM).date()

    @pytest.mark.parametrize("kind", FORMATS)
    def test_drafts_and_private_statements_never_appear(
        self, client, statements_index, statement, kind
    ):
        PositionStatementPageFactory(parent=statements_index, title="Ett utkast", live=False)
        private = PositionStatementPageFactory(parent=statements_index, title="Internt underlag")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

        feed = read_feed(client, feed_url(f"statements-{kind}", "sv"))

        assert [entry.title for entry in feed.entries] == [statement.title]

    def test_statement_in_member_review_appears_in_no_feed_and_no_sitemap(self, client, review):
        for kind in FORMATS:
            assert read_feed(client, feed_url(f"statements-{kind}", "sv")).entries == []
        sitemap = client.get("/sitemap-pages.xml").content.decode()
        assert "/stallningstaganden/" in sitemap
        assert review.page.slug not in sitemap

    def test_feed_costs_the_same_for_few_and_many_statements(
        self, client, statements_index, directory, members
    ):
        def add(count):
            for _ in range(count):
                endorse(PositionStatementPageFactory(parent=statements_index), *members[:3])

        add(5)
        few = queries(client, feed_url("statements-atom", "sv"))
        add(25)
        assert queries(client, feed_url("statements-atom", "sv")) == few
        assert few <= 6


class TestConsultationResponseFeeds:
    @pytest.mark.parametrize("kind", FORMATS)
    def test_entry_carries_title_link_submission_date_summary_and_endorsers(
        self, client, response, kind
    ):
        feed = read_feed(client, feed_url(f"consultation-responses-{kind}", "sv"))

        assert feed.feed.title == "Remissvar – Idékammaren"
        assert feed.feed.link == "http://testserver/remisser/"
        [entry] = feed.entries
        assert entry.title == "Svar på remissen om föreningsbidrag"
        assert entry.link == "http://testserver/remisser/foreningsbidrag/"
        assert published_on(entry) == datetime.date(2026, 2, 20)
        assert "fleråriga bidrag till föreningar" in entry.summary
        assert [contributor.name for contributor in entry.contributors] == ["Studieförbundet Väst"]

    @pytest.mark.parametrize("kind", FORMATS)
    def test_only_answered_consultations_newest_answer_first(
        self, client, register, response, kind
    ):
        ConsultationResponsePageFactory(
            parent=register,
            title="Remiss som bereds",
            status="preparing",
            submitted_date=None,
            stance="",
        )
        ConsultationResponsePageFactory(
            parent=register,
            title="Avstått remiss",
            status="declined",
            submitted_date=None,
            stance="",
        )
        ConsultationResponsePageFactory(
            parent=register, title="Senare svar", submitted_date=datetime.date(2026, 2, 25)
        )
        ConsultationResponsePageFactory(parent=register, title="Utkast till svar", live=False)

        feed = read_feed(client, feed_url(f"consultation-responses-{kind}", "sv"))

        assert [entry.title for entry in feed.entries] == ["Senare svar", response.title]

    def test_english_feed_has_only_the_english_translations(self, client, site, response):
        translate(response, site.en, title="Response on grants to associations")

        feed = read_feed(client, feed_url("consultation-responses-rss", "en"))

        assert [entry.title for entry in feed.entries] == ["Response on grants to associations"]
        assert feed.entries[0].link == "http://testserver/en/consultations/foreningsbidrag/"

    def test_feed_costs_the_same_for_few_and_many_responses(self, client, register, members):
        def add(count):
            for _ in range(count):
                endorse(ConsultationResponsePageFactory(parent=register), *members[:3])

        add(5)
        few = queries(client, feed_url("consultation-responses-rss", "sv"))
        add(25)
        assert queries(client, feed_url("consultation-responses-rss", "sv")) == few
        assert few <= 6


def test_english_feed_addresses():
    assert feed_url("statements-rss", "en") == "/en/feed/positions.rss"
    assert feed_url("consultation-responses-atom", "en") == "/en/feed/consultation-responses.atom"
