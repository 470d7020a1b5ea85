"""Voting from the invitation: the personal link opens a vote page on the public site.

Opening it changes nothing and logs no one in; a POST through it votes for the link's
organisation, once, through cast_vote; a link that no longer applies says why in one sentence.
"""

import re
from datetime import timedelta

from django.core import mail, signing
from django.test import Client
from django.utils import timezone, translation

from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

import pytest

from conftest import deliver_queued_mail
from home.core.publication import loading_content
from member_review.models import MemberReviewTaskState, Vote
from member_review.vote_links import SALT
from member_review.voting import cast_vote
from members.models import Representative
from tests.review_fixtures import in_member_review
from tests.worlds import fixtures_from_the_shared_world

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()

TITLE = "Föreningslokaler ska vara öppna för alla"
SUMMARY = "Allmänna samlingslokaler är demokratins infrastruktur."
LINK = re.compile(r"http://testserver(/(?:en/member-review|medlemsgranskning)/[^/\s]+/)")
RECORDED = "Er organisations röst är registrerad: {choice}."
LOGIN = "Logga in till medlemsgranskningen i stället"


def link_of(messages, user):
    [message] = [message for message in messages if user.email in message.to]
    return LINK.search(message.body).group(1), message


def organisation_of(user):
    return Representative.objects.get(user=user).organisation


@pytest.fixture
def link(review):
    """The first representative's link, as their invitation carries it."""
    path, _message = link_of(mail.outbox, review.representatives[0])
    return path


def test_each_invitation_carries_a_personal_link_and_still_the_admins(review):
    first, second = review.representatives[:2]
    path, message = link_of(mail.outbox, first)
    other_path, _ = link_of(mail.outbox, second)

    assert path.startswith("/medlemsgranskning/")
    assert path != other_path
    assert "Läs texten och rösta här, utan att logga in" in message.body
    assert f"http://testserver/admin/medlemsgranskning/{review.state.pk}/" in message.body


def test_opening_the_link_shows_the_vote_page_and_changes_nothing(client, review, link):
    logged_before = PageLogEntry.objects.count()

    response = client.get(link)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{TITLE}</h1>" in html
    assert SUMMARY in html
    assert f"du röstar för {organisation_of(review.representatives[0]).name}" in html
    assert "Er organisation har inte röstat ännu." in html
    assert review.task.rule_description() in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert not Vote.objects.exists()
    assert PageLogEntry.objects.count() == logged_before
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_vote_through_the_link_counts_once_for_the_links_organisation(review, link):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(link).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    representative = review.representatives[0]

    for _attempt in range(2):
        response = browser.post(link, {"csrfmiddlewaretoken": token, "choice": "endorse"})
        assert response.status_code == 302
        assert response["Location"] == f"{link}?recorded=1"

    page = browser.get(response["Location"]).content.decode()
    assert RECORDED.format(choice="Ställer oss bakom") in page
    [vote] = Vote.objects.all()
    assert (vote.organisation, vote.cast_by, vote.choice) == (
        organisation_of(representative),
        representative,
        "endorse",
    )
    [entry] = PageLogEntry.objects.filter(action="member_review.vote.endorse")
    with translation.override("sv"):
        assert entry.message.endswith("(via e-post)")
    assert "_auth_user_id" not in browser.session


def test_a_vote_that_is_no_choice_is_refused_and_nothing_counted(client, review, link):
    for data in ({}, {"choice": "maybe"}, {"choice": ["endorse", "object"], "reason": "x" * 5000}):
        response = client.post(link, data)

        assert response.status_code == 400
        assert "Vår organisations hållning" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_vote_without_the_forms_csrf_token_is_refused(review, link):
    response = Client(enforce_csrf_checks=True).post(link, {"choice": "endorse"})

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_an_objection_without_a_reason_is_refused_in_swedish_and_nothing_counted(
    client, review, link
):
    response = client.post(link, {"choice": "object", "reason": " "})

    assert response.status_code == 400
    assert "Skriv en motivering till invändningen." in response.content.decode()
    assert not Vote.objects.exists()


def refused(client, path):
    response = client.get(path)
    html = response.content.decode()
    assert LOGIN in html
    return response.status_code, html


def test_a_tampered_link_or_one_signed_for_anything_else_is_not_valid(client, review, link):
    representative = review.representatives[1].pk
    for path in (
        link[:-3] + "xx/",
        f"/medlemsgranskning/{signing.dumps({'user': representative, 'review': 0}, salt=SALT)}/",
        f"/medlemsgranskning/{signing.dumps({'user': representative}, salt=SALT)}/",
        f"/medlemsgranskning/{signing.dumps({'user': representative, 'review': 1})}/",
        "/medlemsgranskning/a:b:c/",
        "/medlemsgranskning/%00/",
        "/medlemsgranskning/%ED%A0%80/",
        "/medlemsgranskning/" + "ä" * 5000 + "/",
    ):
        status, html = refused(client, path)
        assert status == 404, path
        assert "Länken är inte giltig." in html


def test_a_link_that_is_not_valid_says_so_in_english_under_en(client, review, link):
    response = client.get("/en/member-review/" + link.split("/")[-2][::-1] + "/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "This link is not valid. Check that you copied the whole address" in html
    assert "Log in to the member review instead" in html


def test_a_link_to_a_review_that_has_closed_says_so(client, review, link):
    for user in review.representatives[1:8]:
        cast_vote(review.state, user, "endorse")

    status, html = refused(client, link)

    assert status == 410
    assert "Den här medlemsgranskningen är avslutad." in html


def test_a_link_after_the_deadline_says_so(client, review, link):
    MemberReviewTaskState.objects.filter(pk=review.state.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )

    status, html = refused(client, link)

    assert status == 410
    assert "Sista svarsdag för den här medlemsgranskningen har passerat." in html


def test_a_link_of_a_deactivated_user_or_one_who_left_the_organisation_is_refused(client, review):
    first, second = review.representatives[:2]
    first_link, _ = link_of(mail.outbox, first)
    second_link, _ = link_of(mail.outbox, second)
    first.is_active = False
    first.save()
    Representative.objects.filter(user=second).delete()

    for path, sentence in [
        (first_link, "kontot den skickades till är avstängt"),
        (second_link, "du företräder inte längre en medlemsorganisation"),
    ]:
        status, html = refused(client, path)
        assert status == 403
        assert sentence in html
        assert client.post(path, {"choice": "endorse"}).status_code == 403
    assert not Vote.objects.exists()


def test_after_an_edit_the_old_link_is_closed_and_the_new_invitation_works(
    client, review, link, editor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    review.page.summary = "En ny sammanfattning."
    with django_capture_on_commit_callbacks(execute=True):
        review.page.save_revision(user=editor)

    status, html = refused(client, link)
    new_link, _ = link_of(deliver_queued_mail(), review.representatives[0])

    assert status == 410
    assert "Den här medlemsgranskningen är avslutad." in html
    assert new_link != link
    assert "En ny sammanfattning." in client.get(new_link).content.decode()


def test_a_representative_who_chose_english_gets_the_invitation_and_page_in_english(
    client,
    draft_statement,
    editor,
    administrator,
    representatives,
    member_review_task,
    django_capture_on_commit_callbacks,
):
    english = representatives[0]
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        in_member_review(draft_statement, editor, administrator)

    path, message = link_of(deliver_queued_mail(), english)
    response = client.get(path)

    assert path.startswith("/en/member-review/")
    assert message.subject == f"Member review: {TITLE}"
    assert "Read the text and vote here, without logging in" in message.body
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert f"Your vote for {organisation_of(english).name}" in html


def test_the_page_shows_what_changed_since_the_published_version(
    client,
    draft_statement,
    editor,
    administrator,
    representatives,
    member_review_task,
    django_capture_on_commit_callbacks,
):
    with loading_content():
        draft_statement.save_revision(user=administrator).publish(user=administrator)
    draft_statement.summary = "Samlingslokaler ska gå att boka av alla föreningar."
    with django_capture_on_commit_callbacks(execute=True):
        in_member_review(draft_statement, editor, administrator)
    path, _ = link_of(deliver_queued_mail(), representatives[0])

    html = client.get(path).content.decode()

    assert "Vad som ändrats sedan den publicerade versionen" in html
    assert "<del>Allmänna samlingslokaler är demokratins infrastruktur.</del>" in html
    assert "<ins>Samlingslokaler ska gå att boka av alla föreningar.</ins>" in html
