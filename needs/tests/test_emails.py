"""The editors hear of each new signal, and the organisation's representatives of its way to the
region and back, each in the language they chose for the admin; a refused change sends nothing."""

from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from conftest import deliver_queued_mail
from needs.models import NeedStatus
from needs.tests.makers import new_need, report_form
from needs.triage import NeedRefused, change_status


def in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def by_recipient(outbox):
    return {message.to[0].split("@")[0]: message for message in outbox}


def test_the_editors_hear_of_a_new_signal(world, people):
    in_english(people.administrator)
    client = Client()
    client.force_login(people.representative)

    client.post(reverse("needs:report"), report_form(world))

    mail = by_recipient(deliver_queued_mail())
    assert set(mail) == {"redaktor", "administrator", "admin"}
    swedish, english = mail["redaktor"], mail["administrator"]
    assert swedish.subject == "Ny signal från Föreningen Grannkraft: Unga i Sunne saknar sommarjobb"
    assert "Föreningen Grannkraft har rapporterat ett behov" in swedish.body
    assert "Vi ser att fler unga än förut går sysslolösa" in swedish.body
    assert "Organisationen samtycker till att nätverket publicerar" in swedish.body
    assert "/admin/behov/" in swedish.body
    assert english.subject == (
        "New signal from Föreningen Grannkraft: Unga i Sunne saknar sommarjobb"
    )
    assert "Triage it in the admin:" in english.body


def test_the_organisation_hears_when_its_signal_is_forwarded_and_answered(world, people):
    in_english(people.colleague)
    need = new_need(
        world,
        title="Unga saknar mötesplats",
        region_answer="Regionen öppnar en fritidsgård.",
        region_answer_en="The region opens a youth centre.",
    )

    change_status(need, people.editor, NeedStatus.FORWARDED)
    forwarded = by_recipient(deliver_queued_mail())
    change_status(need, people.editor, NeedStatus.ANSWERED)
    answered = by_recipient(deliver_queued_mail()[len(forwarded) :])
    change_status(need, people.editor, NeedStatus.CLOSED)

    assert set(forwarded) == set(answered) == {"representant1", "representant1b"}
    assert forwarded["representant1"].subject == (
        "Vidarebefordrad till regionen: Unga saknar mötesplats"
    )
    assert "Nätverket har vidarebefordrat behovet som Föreningen Grannkraft" in (
        forwarded["representant1"].body
    )
    assert "Inget publiceras utan ert samtycke" in forwarded["representant1"].body
    assert f"/admin/behov/vara/{need.pk}/" in forwarded["representant1"].body
    assert answered["representant1"].subject == "Regionen har svarat: Unga saknar mötesplats"
    assert "Regionen öppnar en fritidsgård." in answered["representant1"].body
    assert answered["representant1b"].subject == "The region has answered: Unga saknar mötesplats"
    assert "The region opens a youth centre." in answered["representant1b"].body
    assert len(deliver_queued_mail()) == 4  # closing it sent nothing


def test_a_refused_change_sends_nothing(world, people):
    need = new_need(world)

    with pytest.raises(NeedRefused):
        change_status(need, people.editor, NeedStatus.ANSWERED)

    assert deliver_queued_mail() == []
