"""The public side of calls: the calls page with open and closed calls, a call's page with what is
sought and, once closed, who takes part; the editor's form and its rules."""

import re

from django.core.exceptions import ValidationError
from django.test import Client

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from calls.factories import CallPageFactory, days
from calls.models import Answer, CallAnswer, CallIndexPage, CallPage
from home.models import HomePage
from members.factories import MemberOrganisationFactory

from .conftest import make_call

pytestmark = pytest.mark.django_db

# The editor's messages, in the admin's default language.
REPLY_AFTER_START = "Sista svarsdag kan inte vara efter den dag arbetet börjar."


def card_titles(html, section):
    part = html.split(f'id="{section}-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', part)


def answer(call, organisation, choice=Answer.PARTICIPATE, consent=False, note=""):
    return CallAnswer.objects.create(
        call=call, organisation=organisation, answer=choice, consent_to_name=consent, note=note
    )


def test_the_calls_page_holds_only_calls():
    assert CallIndexPage.allowed_subpage_models() == [CallPage]
    assert CallPage.allowed_parent_page_models() == [CallIndexPage]
    assert CallPage.allowed_subpage_models() == []


def test_editors_may_add_the_calls_page_under_the_home_page():
    # Needs "calls.CallIndexPage" in HomePage.subpage_types (home/models/pages.py).
    assert CallIndexPage.allowed_parent_page_models() == [HomePage]


def call_form(**fields):
    return nested_form_data(
        {
            "title": "Samtalsledare till Kulturveckan",
            "slug": "samtalsledare-kulturveckan",
            "partner": "Region Värmland",
            "summary": "Regionen söker organisationer som kan leda samtal under Kulturveckan.",
            "body": streamfield([("paragraph", rich_text("<p>Ersättning utgår.</p>"))]),
            "organisations_sought": "3",
            "work_starts": days(40).isoformat(),
            "work_ends": days(47).isoformat(),
            "reply_by": days(20).isoformat(),
            "contact_name": "Lena Exempelsson",
            "contact_email": "lena@region.example",
            **fields,
        }
    )


def test_an_administrator_publishes_a_call_with_who_is_sought(client, world, competences):
    client.force_login(world.administrator)
    form = call_form(**{"action-publish": "publish"}) | {
        "organisation_kinds": ["association", "study-association"],
        "municipalities": ["karlstad", "hela-lanet"],
        "competences": [competences["unga"].pk],
    }
    response = client.post(f"/admin/pages/add/calls/callpage/{world.index.pk}/", form)

    assert response.status_code == 302
    call = CallPage.objects.get(slug="samtalsledare-kulturveckan")
    assert call.live
    assert call.organisation_kinds == ["association", "study-association"]
    assert call.municipalities == ["karlstad", "hela-lanet"]
    assert list(call.competences.all()) == [competences["unga"]]
    html = Client().get("/forfragningar/samtalsledare-kulturveckan/").content.decode()
    assert "<h1>Samtalsledare till Kulturveckan</h1>" in html
    assert "Förening, Studieförbund" in html
    assert "Karlstad, Hela länet" in html
    assert "Unga" in html
    assert '<a href="mailto:lena@region.example">lena@region.example</a>' in html


def test_a_reply_by_date_after_the_start_is_refused_in_swedish(client, world):
    client.force_login(world.administrator)
    response = client.post(
        f"/admin/pages/add/calls/callpage/{world.index.pk}/",
        call_form(reply_by=days(41).isoformat()),
    )
    assert response.status_code == 200
    assert REPLY_AFTER_START in response.content.decode()
    assert not CallPage.objects.filter(slug="samtalsledare-kulturveckan").exists()


def test_a_kind_that_is_no_option_is_refused(world):
    call = CallPageFactory.build(organisation_kinds=["<script>"], municipalities=["atlantis"])
    with pytest.raises(ValidationError) as refused:
        call.full_clean(exclude=["path", "depth", "slug"])
    assert {"organisation_kinds", "municipalities"} <= set(refused.value.message_dict)


def test_an_end_before_the_start_is_refused(world):
    call = CallPageFactory.build(work_starts=days(30), work_ends=days(29))
    with pytest.raises(ValidationError) as refused:
        call.full_clean(exclude=["path", "depth", "slug"])
    assert "work_ends" in refused.value.message_dict


def test_the_calls_page_lists_open_calls_soonest_first_and_closed_ones_with_how_many_take_part(
    client, world
):
    later = make_call(world, title="Senare förfrågan", reply_by=days(20), work_starts=days(30))
    today = make_call(world, title="Sista dagen idag", reply_by=days(0), work_starts=days(30))
    closed = make_call(world, title="Stängd förfrågan", reply_by=days(-1), work_starts=days(5))
    for organisation in world.members[:3]:
        answer(closed, organisation)
    answer(closed, world.members[3], Answer.DECLINE)
    answer(later, world.members[4])  # open: not counted in public

    html = client.get("/forfragningar/").content.decode()

    assert card_titles(html, "open") == [today.title, later.title]
    assert card_titles(html, "closed") == [closed.title]
    assert "3 organisationer deltar" in html
    assert html.count("deltar") == 1
    english = client.get("/en/calls/").content.decode()
    assert card_titles(english, "closed") == [closed.english.title]
    assert "3 organisations take part" in english


def test_an_open_call_says_how_many_organisations_match_and_nothing_about_answers(
    client, world, open_call
):
    answer(open_call, world.members[0], note="Hemlig anteckning", consent=True)

    html = client.get("/forfragningar/unga-roster/").content.decode()

    assert "Svara senast" in html
    assert "12 organisationer har kompetensen som efterfrågas." in html
    assert world.members[0].name not in html
    assert "Hemlig anteckning" not in html
    assert "deltar" not in html


def test_the_match_count_follows_the_members_competences_kinds_and_municipalities(
    client, world, competences
):
    youth, arabic = competences["unga"], competences["arabiska"]
    for organisation in world.members[:5]:
        organisation.competences.set([youth, arabic])
        organisation.save()
    world.members[0].competences.set([youth])  # lacks Arabic
    world.members[0].save()
    world.members[1].kind = "faith-community"
    world.members[1].save()
    world.members[2].municipality = "torsby"
    world.members[2].save()
    inactive = MemberOrganisationFactory(active=False)
    inactive.competences.set([youth, arabic])
    inactive.save()
    call = make_call(
        world,
        slug="sprakstod",
        organisation_kinds=["association"],
        municipalities=["karlstad"],
        competences=[youth, arabic],
    )

    # Members 3 and 4 (of 0–4) have both competences, are associations and work in Karlstad.
    assert call.matching_organisations().count() == 2
    assert "2 organisationer har kompetensen som efterfrågas." in (
        client.get(call.url).content.decode()
    )
    assert "2 organisations have the competence sought." in (
        client.get(call.english.url).content.decode()
    )


def test_a_closed_call_counts_who_takes_part_and_names_only_those_that_agreed(client, world):
    call = make_call(world, slug="stangd", reply_by=days(-3), work_starts=days(1))
    named, unnamed, declined = world.members[:3]
    answer(call, named, consent=True, note="Vi kan leda två träffar.")
    answer(call, unnamed, consent=False)
    answer(call, declined, Answer.DECLINE, consent=True, note="Inte nu.")

    for url, taking_part in [
        (call.url, "2 organisationer deltar."),
        (call.english.url, "2 organisations take part."),
    ]:
        html = client.get(url).content.decode()
        assert taking_part in html
        assert f"<li>{named.name}</li>" in html
        assert unnamed.name not in html
        assert declined.name not in html
        assert "Vi kan leda två träffar." not in html
        assert "Inte nu." not in html


def test_a_draft_call_is_not_public(client, world):
    draft = make_call(world, english=False, slug="utkast", live=False)
    assert client.get("/forfragningar/utkast/").status_code == 404
    assert draft.title not in client.get("/forfragningar/").content.decode()


def test_a_page_of_closed_calls_that_does_not_exist_is_a_404(client, world):
    assert client.get("/forfragningar/?page=9").status_code == 404
    assert client.get("/forfragningar/?topic=finns-inte").status_code == 404
