import re

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from conftest import translate
from home.models import HomePage
from positions.factories import EndorsementFactory, PositionStatementPageFactory
from positions.models import PositionIndexPage, PositionStatementPage


def endorser_names(html):
    section = re.search(r'<section class="endorsers".*?</section>', html, re.S).group(0)
    return re.findall(r"<(?:a href=\"[^\"]*\"|span)>([^<]+)</(?:a|span)>", section)


class TestStatementPageTypes(WagtailPageTestCase):
    def test_statements_live_in_their_index_under_the_home_page(self):
        self.assertAllowedParentPageTypes(PositionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PositionIndexPage, {PositionStatementPage})
        self.assertAllowedParentPageTypes(PositionStatementPage, {PositionIndexPage})
        self.assertAllowedSubpageTypes(PositionStatementPage, set())


@pytest.mark.django_db
class TestStatementPage:
    def test_created_through_the_admin(self, admin_client, statements_index):
        response = admin_client.post(
            f"/admin/pages/add/positions/positionstatementpage/{statements_index.pk}/",
            nested_form_data(
                {
                    "title": "Lokaler för föreningslivet",
                    "slug": "lokaler",
                    "summary": "Kommunerna bör öppna sina lokaler för föreningar.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>Skolor står tomma på kvällen.</p>"))]
                    ),
                    "date_adopted": "2026-06-12",
                }
            ),
        )
        assert response.status_code == 302
        page = PositionStatementPage.objects.get(slug="lokaler")
        assert not page.live
        assert page.get_parent().specific == statements_index

    def test_shows_who_stands_behind_it(self, client, statements_index, members):
        statement = PositionStatementPageFactory(parent=statements_index, slug="psykisk-halsa")
        for organisation in members[:9]:
            EndorsementFactory(page=statement, organisation=organisation)
        members[11].active = False
        members[11].save()
        html = client.get("/stallningstaganden/psykisk-halsa/").content.decode()
        assert '<h2 id="endorsers">Bakom ställningstagandet står</h2>' in html
        assert "9 av 11 medlemsorganisationer står bakom" in html
        assert endorser_names(html) == sorted(organisation.name for organisation in members[:9])

    def test_english_translation_shows_the_same_endorsers_and_says_swedish_is_adopted(
        self, client, site, statements_index, members
    ):
        statement = PositionStatementPageFactory(parent=statements_index, slug="halsa")
        EndorsementFactory(page=statement, organisation=members[0])
        translate(statement, site.en, title="Health", slug="health")
        response = client.get("/en/positions/health/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "1 of 12 member organisations stands behind it" in html
        assert endorser_names(html) == [members[0].name]
        assert "The Swedish text is the one adopted by the members." in html

    def test_listing_counts_endorsers_per_statement(self, client, statements_index, members):
        statement = PositionStatementPageFactory(parent=statements_index, title="Om lokaler")
        for organisation in members[:3]:
            EndorsementFactory(page=statement, organisation=organisation)
        PositionStatementPageFactory(parent=statements_index, title="Om hälsa")
        html = client.get("/stallningstaganden/").content.decode()
        assert "3 av 12 medlemsorganisationer står bakom" in html
        assert "0 av 12 medlemsorganisationer står bakom" in html

    @pytest.mark.parametrize("query", ["page=2", "page=x", "topic=okand"])
    def test_bad_listing_parameters_are_404(self, client, statements_index, query):
        PositionStatementPageFactory(parent=statements_index)
        assert client.get(f"/stallningstaganden/?{query}").status_code == 404

    def test_renders_in_sv_and_en(self, client, site, statements_index):
        statement = PositionStatementPageFactory(parent=statements_index, slug="demokrati")
        translate(statement, site.en, slug="democracy")
        assert client.get("/stallningstaganden/demokrati/").status_code == 200
        assert client.get("/en/positions/democracy/").status_code == 200
        assert client.get("/en/positions/").status_code == 200


@pytest.mark.django_db
def test_only_active_members_count_and_each_once(client, site, statements_index, members):
    statement = PositionStatementPageFactory(parent=statements_index, slug="lokaler")
    english = translate(statement, site.en, slug="premises")
    EndorsementFactory(page=statement, organisation=members[0])
    EndorsementFactory(page=english, organisation=members[0])
    EndorsementFactory(page=statement, organisation=members[1])
    members[1].active = False
    members[1].save()
    html = client.get("/stallningstaganden/lokaler/").content.decode()
    assert "1 av 11 medlemsorganisationer står bakom" in html
    assert endorser_names(html) == [members[0].name]
    assert (
        "1 av 11 medlemsorganisationer står bakom"
        in client.get("/stallningstaganden/").content.decode()
    )
