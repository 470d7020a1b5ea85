"""The demo's calls: one open with answers, one closed whose participants are counted and, where
they agreed, named; both in Swedish and English."""

from io import StringIO

from django.core.management import call_command

from calls.models import Answer, CallAnnouncement, CallAnswer, CallPage
from home.models import OutgoingEmail


def load_demo_content():
    call_command("load_demo_content", "--force", stdout=StringIO())


def test_the_demo_has_an_open_call_with_answers_and_a_closed_one_in_both_languages(client, db):
    load_demo_content()
    swedish = CallPage.objects.filter(locale__language_code="sv")
    assert swedish.count() == 2
    open_call, closed = sorted(swedish, key=lambda call: not call.is_open())
    assert open_call.is_open() and not closed.is_open()
    assert all(call.get_translations().live().exists() for call in swedish)
    assert set(open_call.answers.values_list("answer", flat=True)) == set(Answer.values)
    assert closed.answers.filter(answer=Answer.PARTICIPATE, consent_to_name=True).exists()
    assert closed.answers.filter(answer=Answer.PARTICIPATE, consent_to_name=False).exists()
    # Publishing the open call e-mailed the twelve representatives; the closed one was announced
    # before the demo's time.
    assert CallAnnouncement.objects.get(call=open_call).recipients == 12
    assert OutgoingEmail.objects.filter(subject__contains=open_call.title).count() == 12

    listing = client.get("/forfragningar/").content.decode()
    assert open_call.title in listing
    assert "4 organisationer deltar" in listing
    assert "Lena Exempelsson" in client.get(closed.url).content.decode()
    assert client.get("/en/calls/").status_code == 200

    load_demo_content()
    assert CallPage.objects.count() == 4
    assert CallAnswer.objects.count() == 9
    assert OutgoingEmail.objects.filter(subject__contains=open_call.title).count() == 12
