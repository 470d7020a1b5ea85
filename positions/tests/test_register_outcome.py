"""The register filtered by outcome (did the decision take up our points?), and what its rows say
of each consultation's case: the members' input date and the outcome."""

import datetime
import re
from html import unescape

from django.utils import timezone

import pytest

from conftest import translate
from positions.factories import ConsultationCaseFactory, ConsultationResponsePageFactory

TODAY = timezone.localdate()


def titles(html, heading_id):
    section = re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', html, re.S)
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', section.group(0))


def rows(html):
    """Each row's text, as a reader reads it."""
    found = re.findall(r'<li class="register__item">(.*?)</li>', html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in found]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def answered(register, title, uptake="", **fields):
    page = ConsultationResponsePageFactory(parent=register, title=title, **fields)
    if uptake:
        ConsultationCaseFactory(page=page, followed_up=True, uptake=uptake)
    return page


@pytest.fixture
def outcomes(register, site):
    """Answered consultations with each outcome in Swedish, two translated into English, one
    without a recorded follow-up and one still open."""
    partly = answered(register, "Delvis gehör", "partly")
    fully = answered(register, "Fullt gehör", "fully", received_date=datetime.date(2025, 2, 1))
    answered(register, "Inget gehör", "not")
    answered(register, "Ingen uppföljning än")
    still_open = ConsultationResponsePageFactory(
        parent=register,
        title="Öppen remiss",
        received_date=TODAY - datetime.timedelta(days=3),
        response_deadline=TODAY + datetime.timedelta(days=20),
        status="preparing",
        submitted_date=None,
        stance="",
    )
    ConsultationCaseFactory(page=still_open, input_deadline=TODAY + datetime.timedelta(days=9))
    translate(partly, site.en, title="Partly taken up")
    translate(fully, site.en, title="Fully taken up")
    translate(still_open, site.en, title="Open consultation")
    return still_open


class TestOutcomeFilter:
    def test_the_register_lists_the_consultations_whose_decision_took_up_our_points_in_part(
        self, client, outcomes
    ):
        html = get(client, "/remisser/?outcome=partly")

        assert titles(html, "closed-heading") == ["Delvis gehör"]
        assert titles(html, "open-heading") == []
        assert '<option value="partly" selected>Delvis</option>' in html
        assert '<a href="/remisser/">Visa alla remisser</a>' in html

    def test_it_offers_the_outcomes_recorded_in_the_order_of_the_scale(self, client, outcomes):
        html = get(client, "/remisser/")

        select = re.search(r'<select id="filter-outcome" name="outcome">.*?</select>', html, re.S)
        assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]+)</option>', select.group(0)) == [
            ("", "Alla utfall"),
            ("fully", "Helt"),
            ("partly", "Delvis"),
            ("not", "Inte"),
        ]
        assert '<label for="filter-outcome">Fick våra synpunkter gehör?</label>' in html
        assert len(titles(html, "closed-heading")) == 4

    def test_the_outcome_combines_with_the_other_filters(self, client, outcomes):
        html = get(client, "/remisser/?year=2025&outcome=fully")
        assert titles(html, "closed-heading") == ["Fullt gehör"]
        assert get(client, "/remisser/?year=2026&outcome=fully").count("card__title") == 0

    def test_the_english_register_filters_by_the_swedish_cases(self, client, outcomes):
        html = get(client, "/en/consultations/?outcome=partly")

        assert titles(html, "closed-heading") == ["Partly taken up"]
        assert '<option value="partly" selected>Partly</option>' in html
        assert '<label for="filter-outcome">Were our points taken up?</label>' in html

    @pytest.mark.parametrize("query", ["outcome=okand", "outcome=unknown", "outcome=FULLY"])
    def test_an_outcome_not_in_the_register_is_a_404_like_the_other_filters(
        self, client, outcomes, query
    ):
        assert client.get(f"/remisser/?{query}").status_code == 404

    def test_an_empty_outcome_shows_everything(self, client, outcomes):
        html = get(client, "/remisser/?outcome=")
        assert len(titles(html, "closed-heading")) == 4
        assert titles(html, "open-heading") == ["Öppen remiss"]

    def test_without_any_follow_up_there_is_no_outcome_filter(self, client, register):
        answered(register, "Ingen uppföljning än")
        assert 'name="outcome"' not in get(client, "/remisser/")
        assert client.get("/remisser/?outcome=partly").status_code == 404

    def test_a_follow_up_counts_only_once_the_consultation_is_answered(self, client, register):
        answered(register, "Avstod", "partly", status="declined", submitted_date=None, stance="")
        assert 'name="outcome"' not in get(client, "/remisser/")


class TestRows:
    def test_an_open_row_shows_the_members_input_date_and_an_answered_one_its_outcome(
        self, client, outcomes
    ):
        html = get(client, "/remisser/")
        by_title = {row.split(" ")[0]: row for row in rows(html)}

        input_by = TODAY + datetime.timedelta(days=9)
        assert f'Synpunkter senast: <time datetime="{input_by.isoformat()}">' in html
        assert "Synpunkter senast:" in by_title["Öppen"]
        assert "Fick våra synpunkter gehör? Delvis" in by_title["Delvis"]
        assert "gehör?" not in by_title["Ingen"]
        assert "Synpunkter senast" not in by_title["Delvis"]

    def test_in_english(self, client, outcomes):
        html = get(client, "/en/consultations/")
        by_title = {row.split(" ")[0]: row for row in rows(html)}

        assert "Members' input by:" in by_title["Open"]
        assert "Were our points taken up? Partly" in by_title["Partly"]
        assert "Were our points taken up? Fully" in by_title["Fully"]
