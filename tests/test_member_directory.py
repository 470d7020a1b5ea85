import re

import pytest

from conftest import make_user, translate
from home.factories import TopicFactory
from members.factories import CompetenceFactory, MemberOrganisationFactory
from members.models import Representative
from positions.factories import (
    ConsultationResponsePageFactory,
    EndorsementFactory,
    PositionStatementPageFactory,
)
from tests.test_cache_purge import committing, varnish  # noqa: F401  (fixtures)


def listed(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.django_db
class TestMemberDirectory:
    def test_lists_active_members_only(self, client, directory):
        MemberOrganisationFactory(name="Aktiva föreningen")
        MemberOrganisationFactory(name="Vilande föreningen", active=False)
        html = client.get("/medlemmar/").content.decode()
        assert listed(html) == ["Aktiva föreningen"]
        assert "1 medlemsorganisation" in html

    def test_filters_by_municipality_and_area(self, client, directory):
        culture = TopicFactory(name="Kultur", slug="kultur")
        MemberOrganisationFactory(name="Kulturen i Kil", municipality="kil", areas=[culture])
        MemberOrganisationFactory(name="Idrotten i Kil", municipality="kil")
        MemberOrganisationFactory(name="Kulturen i Sunne", municipality="sunne", areas=[culture])
        assert listed(client.get("/medlemmar/?municipality=kil").content.decode()) == [
            "Idrotten i Kil",
            "Kulturen i Kil",
        ]
        assert listed(client.get("/medlemmar/?area=kultur").content.decode()) == [
            "Kulturen i Kil",
            "Kulturen i Sunne",
        ]
        assert listed(client.get("/medlemmar/?municipality=kil&area=kultur").content.decode()) == [
            "Kulturen i Kil"
        ]
        assert listed(client.get("/medlemmar/?municipality=&area=").content.decode()) == [
            "Idrotten i Kil",
            "Kulturen i Kil",
            "Kulturen i Sunne",
        ]

    @pytest.mark.parametrize("query", ["municipality=stockholm", "area=okand", "municipality=%00"])
    def test_unknown_filter_values_are_404(self, client, directory, query):
        assert client.get(f"/medlemmar/?{query}").status_code == 404

    def test_organisation_page_lists_what_it_stands_behind(
        self, client, site, directory, statements_index, register
    ):
        organisation = MemberOrganisationFactory(
            name="Grannkraft", slug="grannkraft", website="https://grannkraft.example"
        )
        endorsed = PositionStatementPageFactory(parent=statements_index, title="Om lokaler")
        PositionStatementPageFactory(parent=statements_index, title="Om något annat")
        answered = ConsultationResponsePageFactory(parent=register, title="Svar om kulturplanen")
        EndorsementFactory(page=endorsed, organisation=organisation)
        EndorsementFactory(page=answered, organisation=organisation)
        translate(endorsed, site.en, title="On premises", slug="on-premises")

        html = client.get("/medlemmar/grannkraft/").content.decode()
        assert "<h1>Grannkraft</h1>" in html
        assert "Om lokaler" in html and "Svar om kulturplanen" in html
        assert "Om något annat" not in html
        assert '<a href="https://grannkraft.example">' in html

        english = client.get("/en/members/grannkraft/").content.decode()
        assert "On premises" in english and "Om lokaler" not in english

    def test_english_page_uses_the_translated_description(self, client, site, directory):
        organisation = MemberOrganisationFactory(slug="ljusglimt", description="Ett studieförbund.")
        translate(organisation, site.en, description="A study association.")
        assert "A study association." in client.get("/en/members/ljusglimt/").content.decode()
        assert "Ett studieförbund." in client.get("/medlemmar/ljusglimt/").content.decode()

    def test_unknown_or_inactive_organisation_is_404(self, client, directory):
        MemberOrganisationFactory(slug="vilande", active=False)
        assert client.get("/medlemmar/vilande/").status_code == 404
        assert client.get("/medlemmar/finns-inte/").status_code == 404
        assert client.get("/medlemmar/%C3%A5%C3%A4%C3%B6/").status_code == 404

    def test_endorsers_link_to_their_directory_page(self, client, directory, statements_index):
        organisation = MemberOrganisationFactory(name="Grannkraft", slug="grannkraft")
        statement = PositionStatementPageFactory(parent=statements_index, slug="lokaler")
        EndorsementFactory(page=statement, organisation=organisation)
        assert (
            '<a href="/medlemmar/grannkraft/">Grannkraft</a>'
            in client.get("/stallningstaganden/lokaler/").content.decode()
        )

    def test_home_page_counts_the_members(self, client, directory):
        MemberOrganisationFactory.create_batch(3)
        MemberOrganisationFactory(active=False)
        assert "3 medlemsorganisationer står bakom nätverket." in client.get("/").content.decode()


@pytest.mark.django_db
def test_organisation_page_links_to_its_own_translation(client, directory):
    MemberOrganisationFactory(name="Grannkraft", slug="grannkraft")
    html = client.get("/medlemmar/grannkraft/").content.decode()
    assert '<a href="/en/members/grannkraft/" lang="en" hreflang="en">English</a>' in html
    assert 'hreflang="en" href="http://testserver/en/members/grannkraft/"' in html
    assert '<link rel="canonical" href="http://testserver/medlemmar/grannkraft/">' in html
    assert "<title>Grannkraft – " in html
    english = client.get("/en/members/grannkraft/").content.decode()
    assert '<a href="/medlemmar/grannkraft/" lang="sv" hreflang="sv">Svenska</a>' in english


@pytest.mark.django_db
def test_organisation_page_lists_only_answered_consultations(client, directory, register):
    organisation = MemberOrganisationFactory(slug="grannkraft")
    preparing = ConsultationResponsePageFactory(
        parent=register,
        title="Svar under beredning",
        status="preparing",
        submitted_date=None,
        stance="",
    )
    EndorsementFactory(page=preparing, organisation=organisation)
    assert "Svar under beredning" not in client.get("/medlemmar/grannkraft/").content.decode()


@pytest.mark.django_db
def test_english_organisation_page_falls_back_to_swedish_statements(
    client, directory, statements_index
):
    organisation = MemberOrganisationFactory(slug="grannkraft")
    statement = PositionStatementPageFactory(parent=statements_index, title="Bara på svenska")
    EndorsementFactory(page=statement, organisation=organisation)
    assert "Bara på svenska" in client.get("/en/members/grannkraft/").content.decode()


# The competence directory (members/): what its changes purge from Varnish --------------------


def test_competences_and_a_representatives_answer_purge_the_directory(
    varnish,  # noqa: F811
    committing,  # noqa: F811
    client,
    site,
    directory,
):
    organisation = MemberOrganisationFactory(slug="grannkraft")
    representative = make_user("representant1", "Medlemsrepresentanter")
    Representative.objects.create(user=representative, organisation=organisation)
    listings = {f"listing-{directory.pk}", f"listing-{directory.get_translation(site.en).pk}"}

    with committing():
        tigrinya = CompetenceFactory(name="Tigrinja", slug="tigrinja", kind="language")
    assert varnish.purged() >= listings | {"search"}
    varnish.received.clear()
    client.force_login(representative)
    with committing():
        client.post(
            "/admin/var-organisation/kompetenser/",
            {"kind": "association", "languages": [tigrinya.pk]},
        )
    assert organisation.competences.get() == tigrinya
    assert varnish.purged() >= listings
