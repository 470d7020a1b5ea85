"""`make backup` and `make restore`: a lost database and lost files come back whole.

The round trip commits for real (a transactional test), because `pg_dump` reads the database
from its own connection. Serialized rollback puts back the rows the data migrations made, which
the flush after a transactional test removes.
"""

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import pytest

from member_review.models import Vote
from tests.conftest import load_demo_content

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # The test deletes every uploaded file; those of the run's other tests stay out of its way.
    settings.MEDIA_ROOT = tmp_path / "media"


def snapshot():
    """What must survive: every page, revision, vote and uploaded file, with its content."""
    files = [*get_document_model().objects.all(), *get_image_model().objects.all()]
    return {
        "pages": set(Page.objects.values_list("pk", "title", "live", "url_path")),
        "revisions": set(Revision.objects.values_list("pk", "object_id", "created_at")),
        "votes": set(Vote.objects.values_list("task_state", "organisation", "choice", "reason")),
        "files": {item.file.name: Path(item.file.path).read_bytes() for item in files},
    }


def drop_every_table():
    connection.disable_constraint_checking()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cascade = " CASCADE" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}{cascade}")
    connection.enable_constraint_checking()


def test_a_backup_brings_back_every_page_revision_vote_and_file(tmp_path, settings):
    load_demo_content()
    before = snapshot()
    assert before["votes"] and before["revisions"] and before["files"]

    output = StringIO()
    call_command("backup", directory=tmp_path / "backups", stdout=output)
    archive = Path(output.getvalue().strip())
    assert archive.name.startswith("idekammare-") and archive.name.endswith(".tar.gz")
    assert archive.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in archive.parent.iterdir()] == [archive.name]

    drop_every_table()
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert connection.introspection.table_names() == []

    call_command("restore", str(archive), stdout=StringIO())

    assert snapshot() == before
    assert Page.objects.filter(title="Föreningslokaler ska vara öppna för alla").exists()


def test_restore_refuses_a_missing_archive(tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))
