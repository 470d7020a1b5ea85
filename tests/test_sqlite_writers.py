"""With SQLite (the README's default), the site and the e-mail worker write to one file at once.

A request (a login, a vote), in a process with the development settings, reads and then writes
in one transaction; between the two, another connection (the worker) writes a row of its own.
As configured (settings.env.SQLITE_OPTIONS) the request holds the write lock from its start, the
worker waits its turn and both rows are there. Begun as a reader, as Django's default would, the request fails
with "database is locked" and its row is lost.
"""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

REQUEST = """
import time
from django.db import connection, transaction
if {deferred}:
    connection.settings_dict["OPTIONS"].pop("transaction_mode")
with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM outbox")
        print("read", flush=True)
        time.sleep(1)  # the worker writes meanwhile
        cursor.execute("INSERT INTO outbox (body) VALUES ('from a request')")
print("written")
"""


def worker_writes(database):
    """What the e-mail worker does when it marks a message sent: one write, waiting its turn."""
    with closing(sqlite3.connect(database, timeout=20, isolation_level=None)) as worker:
        worker.execute("INSERT INTO outbox (body) VALUES ('from the worker')")


def shell(code, database):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "idekammare.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("deferred", [False, True], ids=["as-configured", "begun-as-reader"])
def test_a_write_waits_for_another_writer_instead_of_failing(tmp_path, deferred):
    database = tmp_path / "site.sqlite3"
    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, body TEXT)")
    request = shell(REQUEST.format(deferred=deferred), database)
    assert request.stdout.readline().strip() == "read"

    worker_writes(database)
    out, err = request.communicate(timeout=60)

    with sqlite3.connect(database) as check:
        bodies = sorted(body for (body,) in check.execute("SELECT body FROM outbox"))
    if deferred:
        assert "database is locked" in err
        assert bodies == ["from the worker"]
    else:
        assert out.strip() == "written", err
        assert bodies == ["from a request", "from the worker"]
