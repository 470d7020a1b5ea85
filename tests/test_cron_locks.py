"""Several app servers run the same crontab, and each scheduled run does its work once.

On PostgreSQL a second database session, as another server's run holds it, takes the command's
lock: the command then does nothing and says so, and once the lock is free it does the work.
SQLite serves one machine and needs no lock; there each command simply does its work.
"""

from contextlib import contextmanager
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page, Revision, TaskState

from home.core.locks import lock_key
from home.factories import ContentPageFactory
from member_review.models import MemberReviewTaskState

ON_POSTGRESQL = connection.vendor == "postgresql"


@contextmanager
def held_by_another_server(name):
    """`name`'s lock, held by a database session of its own until the block ends."""
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [lock_key(name)])
        yield
        # Closing the session frees the lock too, but only once its server process has ended.
        other.execute("SELECT pg_advisory_unlock(%s)", [lock_key(name)])
    finally:
        other.close()


def run(command, **options):
    output = StringIO()
    call_command(command, stdout=output, stderr=StringIO(), **options)
    return output.getvalue()


def test_close_member_reviews_settles_a_review_on_one_server_only(review):
    MemberReviewTaskState.objects.filter(pk=review.state.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )

    if ON_POSTGRESQL:
        with held_by_another_server("close_member_reviews"):
            output = run("close_member_reviews")
        assert output == (
            "Another server is already running close_member_reviews; nothing to do.\n"
        )
        review.state.refresh_from_db()
        assert review.state.status == TaskState.STATUS_IN_PROGRESS

    assert "Closed 1 member review(s)." in run("close_member_reviews")
    review.state.refresh_from_db()
    assert review.state.status != TaskState.STATUS_IN_PROGRESS


def test_publish_scheduled_pages_publishes_on_one_server_only(site, administrator):
    page = ContentPageFactory(parent=site.home, title="Årsmöte 2026", live=False)
    revision = page.save_revision(user=administrator)
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    log(instance=page, action="wagtail.publish.schedule", user=administrator, revision=revision)

    if ON_POSTGRESQL:
        with held_by_another_server("publish_scheduled_pages"):
            output = run("publish_scheduled_pages")
        assert output == (
            "Another server is already running publish_scheduled_pages; nothing to do.\n"
        )
        assert not Page.objects.get(pk=page.pk).live

    run("publish_scheduled_pages")
    assert Page.objects.get(pk=page.pk).live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_backup_writes_one_archive_on_one_server_only(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    backups = tmp_path / "backups"

    if ON_POSTGRESQL:
        with held_by_another_server("backup"):
            output = run("backup", directory=backups)
        assert output == "Another server is already running backup; nothing to do.\n"
        assert not backups.exists()

    archive = Path(run("backup", directory=backups).strip())
    assert list(backups.iterdir()) == [archive]
