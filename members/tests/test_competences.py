"""The competence directory: what member organisations know and do, how the directory filters by
it, how calls count matching organisations, and how a representative describes their own."""

import re
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, ModelLogEntry

import pytest

from conftest import make_user, translate
from members.competence_profile import LOG_ACTION, change_competences
from members.factories import CompetenceFactory, MemberOrganisationFactory
from members.models import Competence, CompetenceKind, MemberOrganisation, Representative

OWN = "/admin/var-organisation/kompetenser/"


def names(organisations):
    return sorted(organisation.name for organisation in organisations)


def listed(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def build_vocabulary():
    en, _ = Locale.objects.get_or_create(language_code="en")
    arabic = CompetenceFactory(kind=CompetenceKind.LANGUAGE, name="Arabiska", slug="arabiska")
    somali = CompetenceFactory(kind=CompetenceKind.LANGUAGE, name="Somaliska", slug="somaliska")
    homework = CompetenceFactory(kind=CompetenceKind.METHOD, name="Läxhjälp", slug="laxhjalp")
    young = CompetenceFactory(
        kind=CompetenceKind.TARGET_GROUP, name="Barn och unga", slug="barn-och-unga"
    )
    return SimpleNamespace(
        en=en,
        arabic=arabic,
        somali=somali,
        homework=homework,
        young=young,
        arabic_en=translate(arabic, en, name="Arabic", slug="arabic"),
        homework_en=translate(homework, en, name="Homework help", slug="homework-help"),
    )


def build_organisations(v):
    kil = MemberOrganisationFactory(
        name="Kilföreningen", municipality="kil", competences=[v.arabic, v.homework]
    )
    # The English translation holds the same competences: it must not be counted twice.
    translate(kil, v.en, description="An association in Kil.")
    kil.share_competences_with_translations()
    return SimpleNamespace(
        kil=kil,
        sunne=MemberOrganisationFactory(
            name="Sunneförbundet",
            municipality="sunne",
            kind="study-association",
            competences=[v.arabic, v.somali, v.homework],
            reach=["kil"],
            capacity="small",
        ),
        county=MemberOrganisationFactory(
            name="Länsförbundet",
            municipality="hela-lanet",
            kind="study-association",
            competences=[v.arabic],
        ),
        church=MemberOrganisationFactory(
            name="Karlstadkyrkan",
            municipality="karlstad",
            kind="faith-community",
            competences=[v.somali, v.young],
            reach=["hela-lanet"],
        ),
        torsby=MemberOrganisationFactory(name="Torsbyföreningen", municipality="torsby"),
        dormant=MemberOrganisationFactory(
            name="Vilande föreningen",
            municipality="kil",
            competences=[v.arabic, v.homework],
            active=False,
        ),
    )


@pytest.fixture
def w(db):
    vocabulary = build_vocabulary()
    return SimpleNamespace(v=vocabulary, org=build_organisations(vocabulary))


# The matching rule: MemberOrganisation.objects.matching ---------------------------------------


class TestMatching:
    def matching(self, **criteria):
        return names(MemberOrganisation.objects.matching(**criteria))

    def test_without_criteria_every_active_swedish_organisation(self, w):
        assert self.matching() == [
            "Karlstadkyrkan",
            "Kilföreningen",
            "Länsförbundet",
            "Sunneförbundet",
            "Torsbyföreningen",
        ]

    def test_an_organisation_holds_every_competence_asked_for(self, w):
        assert self.matching(competences=[w.v.arabic]) == [
            "Kilföreningen",
            "Länsförbundet",
            "Sunneförbundet",
        ]
        assert self.matching(competences=[w.v.arabic, w.v.homework]) == [
            "Kilföreningen",
            "Sunneförbundet",
        ]
        assert self.matching(competences=[w.v.arabic, w.v.somali, w.v.homework]) == [
            "Sunneförbundet"
        ]
        assert self.matching(competences=[w.v.young, w.v.homework]) == []

    def test_competences_match_in_any_language_and_as_a_queryset(self, w):
        assert self.matching(competences=[w.v.arabic_en, w.v.homework]) == [
            "Kilföreningen",
            "Sunneförbundet",
        ]
        asked = Competence.objects.filter(slug__in=["arabic", "homework-help"])
        assert self.matching(competences=asked) == ["Kilföreningen", "Sunneförbundet"]
        assert self.matching(competences=Competence.objects.none()) == self.matching()

    def test_kinds(self, w):
        assert self.matching(kinds=["study-association"]) == ["Länsförbundet", "Sunneförbundet"]
        assert self.matching(kinds=["study-association", "faith-community"]) == [
            "Karlstadkyrkan",
            "Länsförbundet",
            "Sunneförbundet",
        ]
        assert self.matching(kinds=["social-enterprise"]) == []

    def test_an_organisation_works_in_its_municipality_its_reach_and_across_the_county(self, w):
        # Own municipality, reach, own municipality the whole county, reach the whole county.
        assert self.matching(municipalities=["kil"]) == [
            "Karlstadkyrkan",
            "Kilföreningen",
            "Länsförbundet",
            "Sunneförbundet",
        ]
        assert self.matching(municipalities=["torsby"]) == [
            "Karlstadkyrkan",
            "Länsförbundet",
            "Torsbyföreningen",
        ]
        assert self.matching(municipalities=["sunne", "torsby"]) == [
            "Karlstadkyrkan",
            "Länsförbundet",
            "Sunneförbundet",
            "Torsbyföreningen",
        ]
        assert self.matching(municipalities=["hela-lanet"]) == ["Karlstadkyrkan", "Länsförbundet"]

    def test_criteria_together(self, w):
        assert self.matching(
            competences=[w.v.arabic], kinds=["study-association"], municipalities=["kil"]
        ) == ["Länsförbundet", "Sunneförbundet"]
        assert self.matching(competences=[w.v.somali], municipalities=["torsby"]) == [
            "Karlstadkyrkan"
        ]

    def test_dormant_members_and_translations_are_not_counted(self, w):
        assert MemberOrganisation.objects.filter(name="Kilföreningen").count() == 2
        matching = MemberOrganisation.objects.matching(
            competences=[w.v.arabic, w.v.homework], municipalities=["kil", "sunne"]
        )
        with CaptureQueriesContext(connection) as queries:
            assert matching.count() == 2
        assert len(queries) == 1

    def test_a_call_counts_in_one_query_with_its_competences_as_a_queryset(self, w):
        asked = Competence.objects.filter(translation_key=w.v.arabic.translation_key)
        with CaptureQueriesContext(connection) as queries:
            count = MemberOrganisation.objects.matching(
                competences=asked, kinds=["association", "study-association"]
            ).count()
        assert (count, len(queries)) == (3, 1)


# The member directory and the organisation's page ---------------------------------------------


@pytest.fixture
def shown(w, directory):
    return w


class TestDirectory:
    def test_filters_by_competence_of_each_kind(self, client, shown):
        assert listed(client.get("/medlemmar/?language=arabiska").content.decode()) == [
            "Kilföreningen",
            "Länsförbundet",
            "Sunneförbundet",
        ]
        assert listed(
            client.get("/medlemmar/?language=arabiska&method=laxhjalp").content.decode()
        ) == ["Kilföreningen", "Sunneförbundet"]
        assert listed(client.get("/medlemmar/?target_group=barn-och-unga").content.decode()) == [
            "Karlstadkyrkan"
        ]

    def test_filters_by_kind_and_by_municipality_with_the_reach(self, client, shown):
        html = client.get("/medlemmar/?kind=study-association").content.decode()
        assert listed(html) == ["Länsförbundet", "Sunneförbundet"]
        assert "Hela länet · Studieförbund" in html
        assert listed(client.get("/medlemmar/?municipality=kil").content.decode()) == [
            "Karlstadkyrkan",
            "Kilföreningen",
            "Länsförbundet",
            "Sunneförbundet",
        ]
        assert listed(
            client.get("/medlemmar/?municipality=torsby&language=somaliska").content.decode()
        ) == ["Karlstadkyrkan"]

    def test_the_form_offers_each_kind_and_keeps_the_choice(self, client, shown):
        html = client.get("/medlemmar/?language=arabiska&kind=faith-community").content.decode()
        assert '<label for="filter-language">Språk</label>' in html
        assert '<option value="">Alla arbetssätt</option>' in html
        assert '<option value="arabiska" selected>Arabiska</option>' in html
        assert '<option value="faith-community" selected>Trossamfund</option>' in html
        assert '<option value="laxhjalp">Läxhjälp</option>' in html
        assert "Inga medlemsorganisationer matchar filtret." in html

    @pytest.mark.parametrize(
        "query",
        [
            "language=okand",
            "method=arabiska",
            "target_group=%00",
            "kind=forening",
            "kind=",
            "language=arabic",
        ],
    )
    def test_unknown_values_are_404_and_empty_ones_ignored(self, client, shown, query):
        status = client.get(f"/medlemmar/?{query}").status_code
        assert status == (200 if query == "kind=" else 404)

    def test_english_filters_by_the_english_names(self, client, shown):
        html = client.get("/en/members/?language=arabic").content.decode()
        assert listed(html) == ["Kilföreningen", "Länsförbundet", "Sunneförbundet"]
        assert '<option value="arabic" selected>Arabic</option>' in html
        # A competence not yet translated is offered by its Swedish name.
        assert '<option value="somaliska">Somaliska</option>' in html
        assert '<option value="study-association">Study association</option>' in html
        assert client.get("/en/members/?language=arabiska").status_code == 404

    def test_the_organisations_page_shows_its_competences_reach_and_capacity(self, client, shown):
        html = client.get(f"/medlemmar/{shown.org.sunne.slug}/").content.decode()
        assert "<dt>Språk</dt><dd>Arabiska, Somaliska</dd>" in html
        assert "<dt>Arbetssätt</dt><dd>Läxhjälp</dd>" in html
        assert "<dt>Verkar även i</dt><dd>Kil</dd>" in html
        assert "<dt>Möjlighet att delta</dt><dd>Kan delta i mindre insatser</dd>" in html
        assert "<dt>Typ av organisation</dt><dd>Studieförbund</dd>" in html
        english = client.get(f"/en/members/{shown.org.sunne.slug}/").content.decode()
        assert "<dt>Languages</dt><dd>Arabic, Somaliska</dd>" in english
        assert "<dt>Methods</dt><dd>Homework help</dd>" in english
        assert "<dt>Capacity to take part</dt><dd>Can take part in smaller efforts</dd>" in english
        church = client.get(f"/medlemmar/{shown.org.church.slug}/").content.decode()
        assert "<dt>Verkar även i</dt><dd>Hela länet</dd>" in church
        assert "<dt>Målgrupper</dt><dd>Barn och unga</dd>" in church

    def test_an_organisation_without_competences_has_no_such_section(self, client, shown):
        html = client.get(f"/medlemmar/{shown.org.torsby.slug}/").content.decode()
        assert "<h1>Torsbyföreningen</h1>" in html
        assert 'id="competences-heading"' not in html

    def test_a_renamed_competence_is_offered_by_its_new_name_at_once(
        self, client, shown, django_capture_on_commit_callbacks
    ):
        assert "Läxhjälp" in client.get("/medlemmar/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            homework = Competence.objects.get(pk=shown.v.homework.pk)
            homework.name = "Läxläsning"
            homework.save()
        html = client.get("/medlemmar/").content.decode()
        assert '<option value="laxhjalp">Läxläsning</option>' in html


# The representative's own view, and who reaches it ---------------------------------------------


@pytest.fixture
def people(w):
    representative = make_user("representant1", "Medlemsrepresentanter")
    Representative.objects.create(user=representative, organisation=w.org.kil)
    other = make_user("representant2", "Medlemsrepresentanter")
    Representative.objects.create(user=other, organisation=w.org.sunne)
    return SimpleNamespace(
        representative=representative,
        other=other,
        editor=make_user("redaktor", "Redaktörer"),
        administrator=make_user("admin", is_superuser=True),
    )


def answer(**fields):
    return {"kind": "association", "capacity": "", "reach": []} | fields


def held(organisation):
    organisation.refresh_from_db()
    return sorted(organisation.competences.values_list("slug", flat=True))


class TestRepresentativesView:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client, w):
        assert client.get(OWN)["Location"].startswith("/admin/login/")
        response = client.post(OWN, answer(languages=[w.v.somali.pk]))
        assert response.status_code == 302
        assert held(w.org.kil) == ["arabiska", "laxhjalp"]

    def test_a_representative_sees_and_changes_their_own_organisation(self, client, w, people):
        client.force_login(people.representative)
        html = client.get(OWN).content.decode()
        assert "Vår organisations kompetenser" in html and "Kilföreningen" in html
        assert "Sunneförbundet" not in html
        assert re.search(rf'value="{w.v.arabic.pk}"[^>]*checked', html)

        response = client.post(
            OWN,
            answer(
                kind="social-enterprise",
                languages=[w.v.somali.pk],
                target_groups=[w.v.young.pk],
                reach=["sunne", "torsby"],
                capacity="large",
            ),
            follow=True,
        )
        assert "Er organisations kompetenser är sparade." in response.content.decode()
        kil = MemberOrganisation.objects.get(pk=w.org.kil.pk)
        assert held(kil) == ["barn-och-unga", "somaliska"]
        assert (kil.kind, kil.capacity) == ("social-enterprise", "large")
        assert sorted(kil.reach.values_list("municipality", flat=True)) == ["sunne", "torsby"]
        assert held(w.org.sunne) == ["arabiska", "laxhjalp", "somaliska"]
        # The translation holds the same, as wagtail-localize would sync it.
        english = kil.get_translation(w.v.en)
        assert held(english) == ["barn-och-unga", "somaliska"]
        assert english.kind == "social-enterprise"
        assert (
            MemberOrganisation.objects.matching(municipalities=["torsby"])
            .filter(pk=kil.pk)
            .exists()
        )

    def test_a_change_is_logged_with_who_made_it_and_what_was_there(self, client, w, people):
        client.force_login(people.representative)
        client.post(OWN, answer(languages=[w.v.arabic.pk]))
        entry = ModelLogEntry.objects.get(action=LOG_ACTION)
        assert entry.user == people.representative
        assert entry.object_id == str(w.org.kil.pk)
        assert entry.data["before"]["competences"] == ["arabiska", "laxhjalp"]
        assert entry.data["after"]["competences"] == ["arabiska"]
        history = client.get(OWN)  # a second, unchanged save logs nothing more
        assert history.status_code == 200
        client.post(OWN, answer(languages=[w.v.arabic.pk]))
        assert ModelLogEntry.objects.filter(action=LOG_ACTION).count() == 1

    def test_nothing_but_the_competences_changes(self, client, w, people):
        client.force_login(people.representative)
        client.post(
            OWN,
            answer(
                name="Kapad förening",
                organisation_number="802600-1019",
                active="",
                municipality="torsby",
                methods=[w.v.homework.pk],
            ),
        )
        kil = MemberOrganisation.objects.get(pk=w.org.kil.pk)
        assert (kil.name, kil.active, kil.municipality) == ("Kilföreningen", True, "kil")
        assert held(kil) == ["laxhjalp"]

    def test_another_organisations_representative_sees_only_their_own(self, client, w, people):
        client.force_login(people.other)
        html = client.get(OWN).content.decode()
        assert "Sunneförbundet" in html and "Kilföreningen" not in html
        client.post(OWN, answer(methods=[w.v.homework.pk]))
        assert held(w.org.sunne) == ["laxhjalp"]
        assert held(w.org.kil) == ["arabiska", "laxhjalp"]

    @pytest.mark.parametrize("role", ["editor", "administrator"])
    def test_editors_and_administrators_use_the_organisations_snippet_instead(
        self, client, w, people, role
    ):
        client.force_login(getattr(people, role))
        # Wagtail's answer to a refusal in its admin: back to the dashboard, with a message.
        assert client.get(OWN)["Location"] == "/admin/"
        assert client.post(OWN, answer())["Location"] == "/admin/"
        assert held(w.org.kil) == ["arabiska", "laxhjalp"]

    def test_a_representative_cannot_reach_the_organisations_snippet(self, client, w, people):
        client.force_login(people.representative)
        edit = f"/admin/snippets/members/memberorganisation/edit/{w.org.kil.pk}/"
        assert client.get(edit).status_code == 403
        assert client.post(edit, {"name": "Kapad"}).status_code == 403

    def test_a_dormant_members_representative_is_refused(self, client, w, people):
        Representative.objects.filter(user=people.representative).update(organisation=w.org.dormant)
        client.force_login(people.representative)
        assert client.get(OWN)["Location"] == "/admin/"

    @pytest.mark.parametrize(
        "fields",
        [
            {"languages": ["arabic-en"]},
            {"languages": ["99999999999999999999"]},
            {"methods": ["-1"]},
            {"kind": "kyrka"},
            {"kind": ""},
            {"reach": ["stockholm"]},
            {"capacity": "<script>alert(1)</script>"},
        ],
        ids=str,
    )
    def test_values_not_offered_are_refused_in_swedish(self, client, w, people, fields):
        client.force_login(people.representative)
        response = client.post(OWN, answer(**fields))
        assert response.status_code == 400
        html = response.content.decode()
        assert re.search(
            r"Välj ett giltigt alternativ|är inte ett giltigt värde|obligatoriskt", html
        )
        assert "<script>alert(1)</script>" not in html
        assert held(w.org.kil) == ["arabiska", "laxhjalp"]

    def test_an_english_competence_is_refused(self, client, w, people):
        client.force_login(people.representative)
        response = client.post(OWN, answer(languages=[w.v.arabic_en.pk]))
        assert response.status_code == 400
        assert held(w.org.kil) == ["arabiska", "laxhjalp"]

    def test_the_dashboard_links_to_the_view(self, client, w, people):
        client.force_login(people.representative)
        html = client.get("/admin/").content.decode()
        assert "Kilföreningen har beskrivit 2 kompetenser." in html
        assert f'href="{OWN}"' in html
        client.force_login(people.editor)
        assert f'href="{OWN}"' not in client.get("/admin/").content.decode()


class TestChangeCompetences:
    def test_refuses_a_competence_in_another_language(self, w, people):
        with pytest.raises(ValidationError):
            change_competences(
                w.org.kil,
                people.representative,
                kind="association",
                competences=[w.v.arabic_en],
                reach=[],
                capacity="",
            )
        assert held(w.org.kil) == ["arabiska", "laxhjalp"]

    def test_leaves_out_the_organisations_own_municipality(self, w, people):
        kil = change_competences(
            w.org.kil,
            people.representative,
            kind="association",
            competences=[],
            reach=["kil", "eda", "eda"],
            capacity="not-now",
        )
        assert list(kil.reach.values_list("municipality", flat=True)) == ["eda"]


# Editors, in the organisation's snippet -------------------------------------------------------


def test_an_editor_sets_competences_and_reach_in_the_snippet(client, w, people):
    client.force_login(people.editor)
    edit = f"/admin/snippets/members/memberorganisation/edit/{w.org.torsby.pk}/"
    form = client.get(edit).content.decode()
    assert "Kompetenser" in form and "Verkar även i" in form
    response = client.post(
        edit,
        {
            "name": "Torsbyföreningen",
            "slug": w.org.torsby.slug,
            "organisation_number": w.org.torsby.organisation_number,
            "municipality": "torsby",
            "description": "",
            "kind": "other",
            "competences": [w.v.young.pk, w.v.homework.pk],
            "reach_municipalities": ["sunne", "hagfors"],
            "capacity": "small",
        },
    )
    assert response.status_code == 302
    torsby = MemberOrganisation.objects.get(pk=w.org.torsby.pk)
    assert held(torsby) == ["barn-och-unga", "laxhjalp"]
    assert sorted(torsby.reach.values_list("municipality", flat=True)) == ["hagfors", "sunne"]
    assert (torsby.kind, torsby.capacity) == ("other", "small")
    assert client.get(edit).status_code == 200


def test_editors_keep_the_list_of_competences(client, w, people):
    client.force_login(people.editor)
    response = client.post(
        "/admin/snippets/members/competence/add/",
        {"name": "Tigrinja", "slug": "tigrinja", "kind": "language"},
    )
    assert response.status_code == 302
    assert Competence.objects.get(slug="tigrinja").locale.language_code == "sv"
    duplicate = client.post(
        "/admin/snippets/members/competence/add/",
        {"name": "Tigrinja igen", "slug": "tigrinja", "kind": "language"},
    )
    assert "Det finns redan en kompetens med den här slugen." in duplicate.content.decode()


def test_the_snippet_refuses_a_competence_that_could_be_no_key(client, w, people):
    client.force_login(people.editor)
    edit = f"/admin/snippets/members/memberorganisation/edit/{w.org.torsby.pk}/"
    response = client.post(
        edit,
        {
            "name": "Torsbyföreningen",
            "slug": w.org.torsby.slug,
            "organisation_number": w.org.torsby.organisation_number,
            "municipality": "torsby",
            "kind": "association",
            "competences": ["99999999999999999999"],
            "reach_municipalities": ["stockholm"],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "är inte ett giltigt värde" in html
    assert "Välj ett giltigt alternativ" in html
    assert held(w.org.torsby) == []
