"""Publishing a Swedish call for the first time, while it is open, e-mails every representative of
the active member organisations once, each in the language they chose for the admin."""

import re

from django.core import mail

from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from calls.announcements import announce
from calls.factories import CallPageFactory, days
from calls.models import CallAnnouncement
from conftest import deliver_queued_mail, translate
from home.core.publication import loading_content

pytestmark = pytest.mark.django_db


def publish(page):
    with loading_content():
        page.save_revision().publish()


@pytest.fixture
def draft_call(world, competences):
    return CallPageFactory(
        parent=world.index,
        title="Unga röster i folkhälsoarbetet",
        slug="unga-roster",
        summary="Regionen söker fyra föreningar som når unga.",
        organisations_sought=4,
        organisation_kinds=["association"],
        municipalities=["arvika", "torsby"],
        competences=[competences["unga"]],
        reply_by=days(10),
        work_starts=days(30),
        live=False,
    )


def test_publishing_e_mails_every_representative_once_in_their_language(world, draft_call):
    english_reader = world.representatives[3]
    UserProfile.objects.update_or_create(user=english_reader, defaults={"preferred_language": "en"})
    world.members[11].active = False
    world.members[11].save()

    publish(draft_call)
    messages = deliver_queued_mail()

    assert sorted(message.to[0] for message in messages) == sorted(
        user.email for user in world.representatives[:11]
    )
    swedish = next(m for m in messages if m.to == [world.representatives[0].email])
    assert swedish.subject == (
        "Region Värmland söker medlemsorganisationer: Unga röster i folkhälsoarbetet"
    )
    assert "Regionen söker fyra föreningar som når unga." in swedish.body
    assert "Typer av organisationer: Förening\n" in swedish.body
    assert "Kommuner: Arvika, Torsby\n" in swedish.body
    assert "Kompetenser: Unga\n" in swedish.body
    assert "4 organisationer" in swedish.body
    assert f"Svara för {world.members[0].name} senast" in swedish.body
    assert days(10).strftime("%Y") in swedish.body
    assert re.search(rf"http://testserver/admin/forfragningar/svara/{draft_call.pk}/", swedish.body)
    assert "/forfragningar/unga-roster/" in swedish.body
    english = next(m for m in messages if m.to == [english_reader.email])
    assert english.subject.startswith("Region Värmland asks for member organisations")
    assert "Kinds of organisations: Association\n" in english.body
    announcement = CallAnnouncement.objects.get(call=draft_call)
    assert announcement.recipients == 11


def test_republishing_publishing_the_translation_or_a_second_worker_sends_nothing_more(
    world, draft_call
):
    publish(draft_call)
    assert len(deliver_queued_mail()) == 12
    mail.outbox.clear()

    draft_call.summary = "Ändrad sammanfattning."
    publish(draft_call)
    translate(Page.objects.get(pk=draft_call.pk).specific, world.en, title="Young voices")
    assert announce(draft_call) == 0  # a second worker, after the first committed

    assert deliver_queued_mail() == []
    assert CallAnnouncement.objects.filter(call=draft_call).count() == 1


def test_a_call_published_after_its_reply_by_date_sends_nothing(world):
    closed = CallPageFactory(
        parent=world.index, slug="stangd", reply_by=days(-1), work_starts=days(2), live=False
    )
    publish(closed)
    assert deliver_queued_mail() == []
    assert not CallAnnouncement.objects.exists()


def test_an_english_reader_gets_the_english_text_when_a_translation_is_live(world, draft_call):
    english_reader = world.representatives[3]
    UserProfile.objects.update_or_create(user=english_reader, defaults={"preferred_language": "en"})
    translate(draft_call, world.en, title="Young voices in public health", summary="In English.")
    publish(draft_call)

    messages = deliver_queued_mail()
    english = next(m for m in messages if m.to == [english_reader.email])
    assert (
        english.subject
        == "Region Värmland asks for member organisations: Young voices in public health"
    )
    assert "In English." in english.body
    assert "/en/calls/" in english.body
