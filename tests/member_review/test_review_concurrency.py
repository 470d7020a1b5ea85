"""Votes arriving together: every vote counted once, the review settled and published once.

Real threads post at the same moment through Wagtail's workflow action URL, each with its own
test client and so its own database connection. Only PostgreSQL can show whether the row lock
in `cast_vote` serialises them: SQLite locks the whole database and has no SELECT ... FOR UPDATE,
so the module is skipped there (CI runs the suite on both).

The tests are transactional, so every request commits for real and on-commit callbacks run (the
invitations land in the locmem outbox). Serialized rollback restores the groups, tasks and
workflows the data migrations created, which the flush after each transactional test removes.
"""

import threading
import time
from collections import Counter
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState

import pytest

from conftest import deliver_queued_mail, make_user
from member_review.models import Vote
from members.factories import MemberOrganisationFactory
from members.models import Representative
from positions.models import PositionStatementPage
from tests.review_fixtures import in_member_review

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite cannot lock rows, so concurrent votes cannot be tested",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_database_afterwards"),
]

ORGANISATIONS = 20


@pytest.fixture
def voters(db):
    """Twenty active member organisations, each with one representative."""
    people = []
    for number, organisation in enumerate(
        MemberOrganisationFactory.create_batch(ORGANISATIONS), start=1
    ):
        user = make_user(f"samtidig{number}", "Medlemsrepresentanter")
        Representative.objects.create(user=user, organisation=organisation)
        people.append(user)
    return people


@pytest.fixture
def start_review(draft_statement, editor, administrator, member_review_task, voters):
    """Set the task's rule, then bring the statement to member review (committed for real)."""

    def start(**rule):
        for name, value in rule.items():
            setattr(member_review_task, name, value)
        member_review_task.save()
        mail.outbox.clear()
        state = in_member_review(draft_statement, editor, administrator)
        assert state.task.specific == member_review_task
        # The invitations were queued when the transaction committed, one to each representative.
        invited = [address for message in deliver_queued_mail() for address in message.to]
        assert sorted(a for a in invited if a.startswith("samtidig")) == sorted(
            voter.email for voter in voters
        )
        return SimpleNamespace(
            page=draft_statement,
            state=state,
            task=member_review_task,
            revision_id=state.revision_id,
            url=reverse(
                "wagtailadmin_pages:workflow_action",
                args=[draft_statement.pk, "endorse", state.pk],
            ),
            review_url=reverse("member_review:detail", args=[state.pk]),
        )

    return start


def post_together(url, users, data=None):
    """POST `data` to `url` as each of `users`, all released at once; returns the outcomes.

    Each thread has its own client and hence its own database connection, closed at the end.
    Server errors come back as responses (status 500) rather than exceptions.
    """
    clients = []
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    outcomes = [None] * len(clients)
    latencies = [0.0] * len(clients)

    def vote(index, client):
        try:
            barrier.wait(timeout=30)
            began = time.perf_counter()
            response = client.post(url, data or {"comment": ""})
            latencies[index] = time.perf_counter() - began
            outcomes[index] = (response.status_code, response.get("Location", ""))
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            outcomes[index] = ("exception", repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=vote, args=(index, client)) for index, client in enumerate(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.perf_counter() - started
    assert not any(thread.is_alive() for thread in threads), "a vote never came back"
    return outcomes, SimpleNamespace(wall=elapsed, latencies=sorted(latencies))


def log_entries(page, action, **data):
    return PageLogEntry.objects.filter(page=page, action=action, **data)


def approvals_of(review):
    return log_entries(
        review.page, "wagtail.workflow.approve", data__workflow__task_state_id=review.state.pk
    )


def report(name, outcomes, timing):
    """Print the timings and answers (run pytest with -s to see them)."""
    answers = Counter(f"{status} {urlsplit(location).path}" for status, location in outcomes)
    latencies = timing.latencies
    print(
        f"\n[{name}] {len(outcomes)} simultaneous POSTs: wall time {timing.wall:.3f} s; "
        f"per request min {latencies[0] * 1000:.0f} ms, "
        f"median {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms; answers {dict(answers)}"
    )


def test_all_twenty_must_endorse_and_all_arrive_at_once(start_review, voters):
    review = start_review(decision_rule="qualified", qualified_percent=100)
    outcomes, timing = post_together(review.url, voters)
    report("qualified 100 %", outcomes, timing)

    assert [status for status, _location in outcomes] == [302] * ORGANISATIONS, outcomes
    assert {location for _status, location in outcomes} == {review.review_url}
    assert Vote.objects.filter(task_state=review.state).count() == ORGANISATIONS
    assert Vote.objects.filter(task_state=review.state, choice="endorse").count() == ORGANISATIONS
    assert log_entries(review.page, "member_review.vote.endorse").count() == ORGANISATIONS

    review.state.refresh_from_db()
    assert review.state.status == TaskState.STATUS_APPROVED
    assert review.state.comment.startswith(f"{ORGANISATIONS} av {ORGANISATIONS} ")
    assert approvals_of(review).count() == 1
    assert log_entries(review.page, "member_review.adopted").count() == 1
    page = PositionStatementPage.objects.get(pk=review.page.pk)
    assert page.live
    assert page.live_revision_id == review.revision_id
    assert page.endorsements.count() == ORGANISATIONS


def test_a_majority_settles_once_and_later_votes_are_refused(start_review, voters):
    review = start_review(decision_rule="majority")
    needed = review.task.endorsements_needed(ORGANISATIONS)
    assert needed == 11
    outcomes, timing = post_together(review.url, voters)
    report("majority", outcomes, timing)

    assert all(status in (302, 403) for status, _location in outcomes), outcomes
    counted = [outcome for outcome in outcomes if outcome == (302, review.review_url)]
    # A late vote is refused: Wagtail's admin turns the refusal (PermissionDenied) into a
    # redirect to the admin home, or, once the workflow has finished, sends the voter to the
    # page ("not awaiting moderation").
    refused = [outcome for outcome in outcomes if outcome != (302, review.review_url)]
    assert len(counted) + len(refused) == ORGANISATIONS

    votes = Vote.objects.filter(task_state=review.state)
    assert votes.count() == len(counted) == needed
    assert votes.values("organisation").distinct().count() == votes.count()
    # Every stored vote was counted once: one audit entry each, and the decision saw them all.
    assert log_entries(review.page, "member_review.vote.endorse").count() == votes.count()

    review.state.refresh_from_db()
    assert review.state.status == TaskState.STATUS_APPROVED
    # The decision was taken on exactly the stored votes: "11 av 20 medlemsorganisationer ..."
    assert review.state.comment.startswith(f"{votes.count()} av {ORGANISATIONS} ")
    assert approvals_of(review).count() == 1
    assert log_entries(review.page, "member_review.adopted").count() == 1
    page = PositionStatementPage.objects.get(pk=review.page.pk)
    assert page.live
    assert page.live_revision_id == review.revision_id
    assert page.endorsements.count() == votes.count()


def test_a_vote_submitted_twice_at_once_is_stored_and_logged_once(start_review, voters):
    review = start_review(decision_rule="majority")
    representative = voters[0]
    outcomes, timing = post_together(review.url, [representative, representative])
    report("double submit", outcomes, timing)

    assert outcomes == [(302, review.review_url)] * 2, outcomes
    assert Vote.objects.filter(task_state=review.state).count() == 1
    assert log_entries(review.page, "member_review.vote.endorse").count() == 1
    review.state.refresh_from_db()
    assert review.state.status == TaskState.STATUS_IN_PROGRESS


@pytest.fixture
def news_in_editorial_review(news_index, editor):
    """A news item submitted to the editorial step (the workflow on the root), committed."""
    from news.factories import NewsPageFactory
    from tests.review_fixtures import submit

    page = NewsPageFactory(parent=news_index, title="Årsmötet", live=False)
    workflow_state = submit(page, editor)
    return SimpleNamespace(
        page=page,
        state=workflow_state.current_task_state,
        url=reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", workflow_state.current_task_state.pk],
        ),
    )


def test_two_approve_clicks_at_once_publish_once(news_in_editorial_review, administrator):
    review = news_in_editorial_review
    outcomes, timing = post_together(review.url, [administrator, administrator])
    report("double approve", outcomes, timing)

    assert all(status == 302 for status, _location in outcomes), outcomes
    review.state.refresh_from_db()
    assert review.state.status == TaskState.STATUS_APPROVED
    assert log_entries(review.page, "wagtail.workflow.approve").count() == 1
    assert log_entries(review.page, "wagtail.publish").count() == 1
    assert type(review.page).objects.get(pk=review.page.pk).live
