"""Reminders before the deadline, "Remind now", and the outcome told to every representative."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import TaskState

import pytest

from conftest import deliver_queued_mail
from member_review.models import MemberReviewTaskState, Reminder
from member_review.voting import cast_vote
from members.models import Representative
from tests.worlds import fixtures_from_the_shared_world

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()

TITLE = "Föreningslokaler ska vara öppna för alla"


def days_before_deadline(review, days, started_days_ago=14):
    """Move the review in time: its deadline is `days` days (less a minute) from now."""
    now = timezone.now()
    MemberReviewTaskState.objects.filter(pk=review.state.pk).update(
        started_at=now - timedelta(days=started_days_ago),
        deadline=now + timedelta(days=days) - timedelta(minutes=1),
    )


def send_reminders():
    """Run the cron command; the messages it queued, as the worker delivers them."""
    deliver_queued_mail()
    mail.outbox.clear()
    out = StringIO()
    call_command("send_member_review_reminders", stdout=out)
    return deliver_queued_mail(), out.getvalue()


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


def representatives_of_unanswered(review, voted):
    return sorted(user.email for user in review.representatives if user not in voted)


def test_on_a_reminder_day_each_organisation_without_a_vote_is_reminded_once(review):
    voted = review.representatives[:3]
    for user in voted:
        cast_vote(review.state, user, "abstain")
    days_before_deadline(review, 7)

    messages, output = send_reminders()

    assert recipients(messages) == representatives_of_unanswered(review, voted)
    message = messages[0]
    assert message.subject == f"Påminnelse, medlemsgranskning: {TITLE}"
    assert "har ännu inte tagit ställning" in message.body
    assert "/medlemsgranskning/" in message.body
    assert "reminded 9 organisation(s)" in output
    assert Reminder.objects.filter(days_before=7).count() == 9

    again, output = send_reminders()
    assert again == []
    assert "Sent reminders for 0 member review(s)." in output


def test_after_missed_runs_only_the_latest_reminder_day_is_sent(review):
    days_before_deadline(review, 1)

    messages, _output = send_reminders()

    assert len(messages) == len(review.representatives)
    assert set(Reminder.objects.values_list("days_before", flat=True)) == {2}


def test_a_reminder_day_before_the_review_started_is_skipped(review):
    # A review of five days: the 7-day reminder fell before it began.
    days_before_deadline(review, 3, started_days_ago=2)

    messages, _output = send_reminders()

    assert messages == []


def test_no_reminder_after_the_review_has_closed_or_its_deadline_passed(review):
    for user in review.representatives[:7]:
        cast_vote(review.state, user, "endorse")
    assert MemberReviewTaskState.objects.get(pk=review.state.pk).status == "approved"
    days_before_deadline(review, 2)
    assert send_reminders()[0] == []

    MemberReviewTaskState.objects.filter(pk=review.state.pk).update(
        status=TaskState.STATUS_IN_PROGRESS, deadline=timezone.now() - timedelta(minutes=1)
    )
    assert send_reminders()[0] == []


def test_a_review_started_again_on_a_changed_text_has_its_own_schedule(
    review, editor, django_capture_on_commit_callbacks
):
    days_before_deadline(review, 7)
    send_reminders()
    review.page.summary = "En ny sammanfattning."
    with django_capture_on_commit_callbacks(execute=True):
        review.page.save_revision(user=editor)
    restarted = MemberReviewTaskState.objects.exclude(pk=review.state.pk).get(
        status=TaskState.STATUS_IN_PROGRESS
    )

    assert send_reminders()[0] == []  # the new review's 7-day reminder is a week away

    MemberReviewTaskState.objects.filter(pk=restarted.pk).update(
        started_at=timezone.now() - timedelta(days=8),
        deadline=timezone.now() + timedelta(days=6),
    )
    # Reminded today for the old review is not reminded today for the new one.
    messages, _output = send_reminders()
    assert len(messages) == len(review.representatives)
    assert Reminder.objects.filter(task_state=restarted).count() == 12


def remind_now(client, user, review):
    client.force_login(user)
    return client.post(f"/admin/medlemsgranskning/{review.state.pk}/paminn/", follow=True)


def test_an_editor_sees_who_has_not_answered_and_reminds_them_once_a_day(client, review, editor):
    voted = review.representatives[:10]
    for user in voted:
        cast_vote(review.state, user, "abstain")
    mail.outbox.clear()
    client.force_login(editor)
    screen = client.get(f"/admin/medlemsgranskning/{review.state.pk}/").content.decode()
    unanswered = [
        Representative.objects.get(user=user).organisation for user in review.representatives[10:]
    ]
    assert "Organisationer som inte har svarat" in screen
    for organisation in unanswered:
        assert organisation.name in screen
    assert "Påminn nu" in screen

    response = remind_now(client, editor, review)

    assert "En påminnelse är på väg till 2 organisationer." in response.content.decode()
    assert recipients(deliver_queued_mail()) == representatives_of_unanswered(review, voted)
    assert Reminder.objects.filter(sent_by=editor, days_before=None).count() == 2
    assert "påmind" in client.get(f"/admin/medlemsgranskning/{review.state.pk}/").content.decode()

    mail.outbox.clear()
    response = remind_now(client, editor, review)
    assert "redan fått en påminnelse i dag" in response.content.decode()
    assert deliver_queued_mail() == []
    days_before_deadline(review, 2, started_days_ago=12)
    assert send_reminders()[0] == []  # the scheduled run skips who was reminded today


def test_the_page_editor_lists_who_has_not_answered(client, review, editor):
    client.force_login(editor)

    html = client.get(f"/admin/pages/{review.page.pk}/edit/").content.decode()

    assert "Organisationer som inte har svarat" in html
    for user in review.representatives:
        assert Representative.objects.get(user=user).organisation.name in html


def test_a_representative_cannot_remind(client, review):
    client.force_login(review.representatives[0])

    response = client.post(f"/admin/medlemsgranskning/{review.state.pk}/paminn/")

    assert response.status_code in (302, 403)
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("adopted", [True, False], ids=["adopted", "not-adopted"])
def test_every_representative_is_told_how_the_review_ended(
    review, adopted, django_capture_on_commit_callbacks
):
    deliver_queued_mail()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if adopted:
            for user in review.representatives[:7]:
                cast_vote(review.state, user, "endorse")
        else:
            cast_vote(review.state, review.representatives[0], "object", "Texten är för vag.")

    subject = "Antagen: " if adopted else "Inte antagen: "
    messages = [m for m in deliver_queued_mail() if m.subject.startswith(subject)]

    assert recipients(messages) == sorted(user.email for user in review.representatives)
    message = messages[0]
    if adopted:
        assert message.subject == f"Antagen: {TITLE}"
        assert "7 av 12 medlemsorganisationer står bakom den." in message.body
        page = type(review.page).objects.get(pk=review.page.pk)
        assert page.live
        assert f"Nätverket har publicerat den:\n{page.full_url}" in message.body
    else:
        assert message.subject == f"Inte antagen: {TITLE}"
        assert "Texten antogs inte." in message.body
        assert "Texten är för vag." not in message.body
