"""Scheduled work that several app servers share: each run happens on one server only.

Every app server runs the same crontab. On PostgreSQL a command takes a session-level advisory
lock named after it, on the connection Django uses for the work; a server that finds the lock
taken does nothing. PostgreSQL lets go of the lock when that session ends, so a server that
dies mid-run blocks nobody. SQLite serves one machine, where there is nothing to share.
"""

import hashlib
from contextlib import contextmanager

from django.db import connection


def lock_key(name: str) -> int:
    """The advisory lock's key for `name`: the same on every server, a signed 64-bit integer."""
    digest = hashlib.sha256(f"idekammare:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def run_once_across_servers(name: str):
    """Yield whether this server does the work `name` now (False: another server is doing it)."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (acquired,) = cursor.fetchone()
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def another_server_runs(name: str) -> str:
    return f"Another server is already running {name}; nothing to do."
