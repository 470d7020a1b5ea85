"""Sending the adopted response to the authority's registrator: one e-mail with both files, the
diarienummer in its subject, recorded and logged; a second send only explicitly; by hand where
the authority has no address."""

from django.core import mail

from wagtail.models import PageLogEntry

import pytest

from conftest import deliver_queued_mail, translate
from home.core.publication import acting_as
from home.models import NetworkSettings
from positions.models import ConsultationResponsePage, Delivery
from positions.remiss.delivery import DeliveryRefused, send_to_authority

from .conftest import TODAY


def fresh(page):
    return ConsultationResponsePage.objects.get(pk=page.pk)


def send(client, user, page, **data):
    client.force_login(user)
    return client.post(f"/admin/remiss/{page.pk}/skicka/", data)


@pytest.fixture
def network_address(site):
    NetworkSettings.objects.create(
        site=site.site, network_name="Idékammaren", email="kansli@idekammaren.example"
    )


def test_skicka_till_myndigheten_sends_one_email_with_both_files_and_records_it(
    client, adopted_response, editor, site, network_address
):
    page = adopted_response.page
    english = translate(page, site.en, title="Response: Cultural plan", slug="cultural-plan")
    client.force_login(editor)
    screen = client.get(f"/admin/remiss/{page.pk}/").content.decode()
    assert "Skicka till myndigheten" in screen
    assert "registrator@region-varmland.example" in screen

    response = send(client, editor, page)

    assert response.status_code == 302
    [message] = deliver_queued_mail()
    assert message.to == ["registrator@region-varmland.example"]
    assert message.cc == ["kansli@idekammaren.example"]
    assert message.subject.startswith("RV2026/0101 – Kulturplan för Värmland 2027–2030")
    assert "Idékammaren" in message.subject
    assert [name for name, _content, _type in message.attachments] == [
        "RV2026-0101 Idékammaren.pdf",
        "RV2026-0101 Idékammaren.docx",
    ]
    assert "antogs av nätverkets medlemsorganisationer" in message.body
    delivery = Delivery.objects.get()
    assert (delivery.recipient, delivery.sent_by) == ("registrator@region-varmland.example", editor)
    assert delivery.message_id == message.extra_headers["Message-ID"]
    for answered in (fresh(page), fresh(english)):
        assert (answered.status, answered.submitted_date) == ("answered", TODAY)
    assert PageLogEntry.objects.filter(page=page, action="positions.remiss.sent").exists()
    public = client.get(page.url).content.decode()
    assert "Besvarad" in public


def test_a_second_send_needs_a_reason_and_is_logged_as_a_resend(client, adopted_response, editor):
    page = adopted_response.page
    send(client, editor, page)

    again = send(client, editor, page)
    assert "Svaret skickades redan den" in client.get(again["Location"]).content.decode()
    assert Delivery.objects.count() == 1

    send(client, editor, page, resend_reason="Rättat stavfel i bilagan.")
    assert len(deliver_queued_mail()) == 2
    first, second = Delivery.objects.all()
    assert second.resend_reason == "Rättat stavfel i bilagan."
    assert fresh(page).submitted_date == first.sent_at.date()
    log = PageLogEntry.objects.get(page=page, action="positions.remiss.resent")
    assert log.data["reason"] == "Rättat stavfel i bilagan."


def test_a_response_the_members_have_not_adopted_cannot_be_sent(client, response_in_review, editor):
    page = response_in_review.page
    response = send(client, editor, page)
    assert (
        "Svaret kan skickas först när medlemsorganisationerna har antagit det."
        in client.get(response["Location"]).content.decode()
    )
    assert not Delivery.objects.exists()
    assert mail.outbox == deliver_queued_mail() == []


def test_without_a_registrator_the_editor_sends_by_hand_and_records_the_date(
    client, adopted_response, editor
):
    page = adopted_response.page
    page.authority.registrator_email = ""
    page.authority.save()
    client.force_login(editor)
    screen = client.get(f"/admin/remiss/{page.pk}/").content.decode()
    assert "har ingen e-postadress till registratorn" in screen
    assert "RV2026/0101 – Kulturplan för Värmland" in screen  # the prepared subject to copy
    assert send(client, editor, page).status_code == 302
    assert not Delivery.objects.exists()

    yesterday = TODAY.fromordinal(TODAY.toordinal() - 1)
    client.post(f"/admin/remiss/{page.pk}/skickat/", {"sent_on": yesterday.isoformat()})

    delivery = Delivery.objects.get()
    assert (delivery.recipient, delivery.message_id, delivery.sent_by) == ("", "", editor)
    assert fresh(page).submitted_date == yesterday
    assert deliver_queued_mail() == []


def test_two_presses_of_the_button_send_one_email(adopted_response, editor):
    send_to_authority(adopted_response.case, editor)
    with pytest.raises(DeliveryRefused):
        send_to_authority(adopted_response.case, editor)
    assert len(deliver_queued_mail()) == 1


def test_the_answered_status_stays_when_the_adopted_revision_is_published_again(
    client, adopted_response, editor, administrator
):
    page = adopted_response.page
    send_to_authority(adopted_response.case, editor)

    with acting_as(administrator):
        fresh(page).live_revision.publish(user=administrator)

    assert fresh(page).status == "answered"
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Besvarad" in edit


def test_a_delivery_by_hand_is_not_dated_before_the_consultation_was_received(
    client, adopted_response, editor
):
    page = adopted_response.page
    page.authority.registrator_email = ""
    page.authority.save()
    client.force_login(editor)

    response = client.post(f"/admin/remiss/{page.pk}/skickat/", {"sent_on": "1900-01-01"})

    assert (
        "kan inte ligga före datumet då remissen togs emot"
        in client.get(response["Location"]).content.decode()
    )
    assert not Delivery.objects.exists()
    assert fresh(page).status == "preparing"


def test_a_copy_of_an_answered_response_is_a_new_consultation_not_answered(
    client, adopted_response, editor, administrator
):
    page = adopted_response.page
    send_to_authority(adopted_response.case, editor)

    copy = fresh(page).copy(keep_live=False, update_attrs={"slug": "kopia", "title": "Kopia"})

    assert (copy.specific.status, copy.specific.submitted_date) == ("received", None)
    client.force_login(editor)
    client.post(f"/admin/remiss/{copy.pk}/status/", {"status": "preparing"})
    assert fresh(copy).status == "preparing"
