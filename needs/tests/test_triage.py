"""The editors' triage: every change is a line in the signal's history, in the same transaction;
what the transitions do not allow is refused with a reason and changes nothing."""

import itertools
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from needs.factories import NeedFactory
from needs.models import TRANSITIONS, NeedEvent, NeedStatus
from needs.tests.makers import new_need, public_need
from needs.triage import (
    NeedRefused,
    add_note,
    change_status,
    merge,
    save_public_texts,
)

PAIRS = list(itertools.permutations(NeedStatus, 2))


def history(need):
    return list(
        need.events.order_by("at", "pk").values_list(
            "action", "from_status", "to_status", "note", "user__username"
        )
    )


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("current", "status"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_each_transition_is_allowed_and_logged_or_refused(world, people, current, status):
    need = new_need(world, status=current, region_answer="Regionen svarar.")
    if status in TRANSITIONS[current]:
        change_status(need, people.editor, status, note="Enligt mötet.")
        need.refresh_from_db()
        assert need.status == status
        assert history(need) == [
            ("status", current.value, status.value, "Enligt mötet.", "redaktor")
        ]
    else:
        with pytest.raises(NeedRefused):
            change_status(need, people.editor, status)
        need.refresh_from_db()
        assert need.status == current
        assert history(need) == []


def test_the_editor_forwards_answers_and_closes_through_the_triage_screen(client, world, people):
    need = new_need(world)
    client.force_login(people.editor)
    url = reverse("needs:status", args=[need.pk])

    assert (
        client.post(url, {"status": "forwarded", "note": "Till folkhälsoenheten."}).status_code
        == 302
    )
    refused = client.post(url, {"status": "answered"})
    assert refused.status_code == 400
    assert "Skriv in regionens svar innan" in refused.content.decode()
    answer = {
        "public_title": "",
        "public_title_en": "",
        "public_summary": "",
        "public_summary_en": "",
        "region_answer": "Regionen startar ett försök.",
        "region_answer_en": "",
    }
    assert client.post(reverse("needs:public", args=[need.pk]), answer).status_code == 302
    assert client.post(url, {"status": "answered"}).status_code == 302
    assert client.post(url, {"status": "closed", "note": "Klart."}).status_code == 302

    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
    assert need.forwarded_at is not None and need.answered_at is not None
    assert history(need) == [
        ("status", "new", "forwarded", "Till folkhälsoenheten.", "redaktor"),
        ("public_text", "", "", "", "redaktor"),
        ("status", "forwarded", "answered", "", "redaktor"),
        ("status", "answered", "closed", "Klart.", "redaktor"),
    ]
    screen = client.get(reverse("needs:triage", args=[need.pk])).content.decode()
    assert "Till folkhälsoenheten." in screen
    assert "Status ändrad: vidarebefordrad till regionen → besvarad" in screen


def test_a_status_the_transitions_do_not_allow_is_refused_in_swedish(client, world, people):
    need = new_need(world)
    client.force_login(people.editor)

    response = client.post(reverse("needs:status", args=[need.pk]), {"status": "answered"})

    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert history(need) == []


def test_a_note_is_logged_without_a_change(client, world, people):
    need = new_need(world)
    client.force_login(people.editor)

    assert client.post(reverse("needs:note", args=[need.pk]), {"note": "  "}).status_code == 400
    response = client.post(reverse("needs:note", args=[need.pk]), {"note": "Ringde föreningen."})

    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == NeedStatus.NEW
    assert history(need) == [("note", "", "", "Ringde föreningen.", "redaktor")]
    with pytest.raises(NeedRefused):
        add_note(need, people.editor, "")


def test_merging_closes_the_signal_and_logs_it_on_both(client, world, people):
    target = public_need(world, organisation=world.organisations[1])
    need = public_need(world)
    client.force_login(people.editor)

    response = client.post(
        reverse("needs:merge", args=[need.pk]), {"target": target.pk, "note": "Samma behov."}
    )

    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.status, need.merged_into, need.published) == (NeedStatus.CLOSED, target, False)
    assert history(need) == [
        ("merged_into", "forwarded", "closed", "Samma behov.", "redaktor"),
        ("unpublished", "", "", "", "redaktor"),
    ]
    assert history(target) == [("merged_from", "", "", "Samma behov.", "redaktor")]
    assert need.events.get(action="merged_into").other == target
    screen = client.get(reverse("needs:triage", args=[target.pk])).content.decode()
    assert need.title in screen
    # A merged signal changes no more: its target carries it.
    with pytest.raises(NeedRefused):
        change_status(need, people.editor, NeedStatus.NEW)


def test_merges_that_would_lose_a_signal_are_refused(world, people):
    first, second, third = (new_need(world) for _ in range(3))
    with pytest.raises(NeedRefused):
        merge(first, first, people.editor)
    merge(second, first, people.editor)
    with pytest.raises(NeedRefused):
        merge(third, second, people.editor)  # into one that is merged itself
    with pytest.raises(NeedRefused):
        merge(first, third, people.editor)  # one that others are merged into
    assert (
        NeedEvent.objects.filter(need__in=[first, third]).exclude(action="merged_from").count() == 0
    )


def test_publishing_needs_a_forwarded_signal_with_a_heading_and_a_summary(world, people):
    texts = {
        "public_title": "Mötesplatser",
        "public_title_en": "",
        "public_summary": "Äldre saknar mötesplatser.",
        "public_summary_en": "",
        "region_answer": "",
        "region_answer_en": "",
    }
    need = new_need(world, consent_to_publish=True)
    with pytest.raises(NeedRefused):
        save_public_texts(need, people.editor, texts, published=True)
    change_status(need, people.editor, NeedStatus.FORWARDED)
    with pytest.raises(NeedRefused):
        save_public_texts(need, people.editor, texts | {"public_summary": ""}, published=True)

    save_public_texts(need, people.editor, texts, published=True)

    need.refresh_from_db()
    assert need.is_public and need.published_at is not None
    assert [row[0] for row in history(need)] == ["status", "public_text", "published"]


def test_leaving_the_public_statuses_takes_the_signal_off_the_page(world, people):
    need = public_need(world, published_at=timezone.now())

    change_status(need, people.editor, NeedStatus.CLOSED, note="Inaktuellt.")

    need.refresh_from_db()
    assert not need.published
    assert [row[0] for row in history(need)] == ["status", "unpublished"]


def test_the_index_filters_by_status_topic_and_municipality(client, world, people):
    forwarded = public_need(world, title="Vidarebefordrad signal", municipality="sunne")
    new_need(world, title="Ny signal i Karlstad", topic=world.culture)
    client.force_login(people.editor)
    index = reverse("needs:index")

    def titles(**query):
        response = client.get(index, query)
        assert response.status_code == 200
        html = response.content.decode()
        return {
            title for title in ("Vidarebefordrad signal", "Ny signal i Karlstad") if title in html
        }

    assert titles() == {"Vidarebefordrad signal", "Ny signal i Karlstad"}
    assert titles(status="forwarded") == {forwarded.title}
    assert titles(topic="kultur") == {"Ny signal i Karlstad"}
    assert titles(municipality="sunne") == {forwarded.title}
    assert client.get(index, {"status": "okänd"}).status_code == 400


def test_the_index_costs_the_same_for_5_signals_as_for_60_and_pages_through_them(
    client, world, people
):
    client.force_login(people.editor)

    def cost(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    NeedFactory.create_batch(5)
    few, _html = cost("/admin/behov/?status=new")
    NeedFactory.create_batch(55)
    many, html = cost("/admin/behov/?status=new")
    second, second_html = cost("/admin/behov/?status=new&p=2")

    assert many == few == second
    assert "60 signaler" in html and "Sida 1 av 2" in html
    rows = re.compile(r'<td><a href="/admin/behov/\d+/">')
    assert (len(rows.findall(html)), len(rows.findall(second_html))) == (50, 10)
