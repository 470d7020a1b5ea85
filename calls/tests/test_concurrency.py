"""Two representatives of one organisation answering at the same moment, and two workers
publishing a call at the same moment: one answer, one announcement, one e-mail each.

Real threads, each with its own database connection. Only PostgreSQL can show whether the row
lock in `save_answer` and the unique announcement serialise them: SQLite locks the whole
database, so the module is skipped there (test_answers.py saves twice in a row instead).
"""

import threading

from django.db import connection

from wagtail.models import Page, PageLogEntry, Site

import pytest

from calls.announcements import announce
from calls.answers import save_answer
from calls.factories import CallIndexPageFactory, CallPageFactory
from calls.models import CallAnnouncement, CallAnswer
from conftest import make_user
from home.factories import HomePageFactory
from home.models import OutgoingEmail
from members.factories import MemberOrganisationFactory
from members.models import Representative

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite cannot lock rows",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_database_afterwards"),
]


def at_once(*calls):
    """Run each callable in its own thread, all released together; returns what each raised."""
    barrier = threading.Barrier(len(calls))
    raised = [None] * len(calls)

    def run(number, call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            raised[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return raised


def test_answers_and_announcements_at_the_same_moment_are_kept_once():
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="start")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    call = CallPageFactory(parent=CallIndexPageFactory(parent=home))
    organisation, other = MemberOrganisationFactory.create_batch(2)
    people = []
    for number, member in enumerate((organisation, organisation, other)):
        user = make_user(f"samtidig{number}", "Medlemsrepresentanter")
        Representative.objects.create(user=user, organisation=member)
        people.append(user)

    raised = at_once(
        lambda: save_answer(call, people[0], answer="participate", note="Först."),
        lambda: save_answer(call, people[1], answer="decline", note="Samtidigt."),
    )
    assert raised == [None, None]
    [entry] = CallAnswer.objects.filter(call=call)
    assert entry.organisation == organisation
    logged = PageLogEntry.objects.filter(page=call, action__startswith="calls.answer")
    assert logged.count() == 2

    assert at_once(lambda: announce(call), lambda: announce(call)) == [None, None]
    assert CallAnnouncement.objects.get(call=call).recipients == 3
    assert sorted(OutgoingEmail.objects.values_list("recipients", flat=True)) == sorted(
        user.email for user in people
    )
