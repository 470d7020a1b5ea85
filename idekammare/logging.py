"""The log's format and the one filter it needs (configured in settings.base.LOGGING)."""

import json
import logging
from datetime import UTC, datetime

from idekammare.errors import database_unavailable


class DatabaseUnavailableFilter(logging.Filter):
    """Makes a request that failed because the database is down one line, without traceback:
    "Database unavailable: GET /sok/ (connection failed: … Connection refused)". While the
    database is down every request fails alike, and a traceback each would bury everything else.
    Other errors keep their traceback."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        request = getattr(record, "request", None)
        if request is None or not database_unavailable(error):
            return True
        lines = str(error).strip().splitlines()
        reason = lines[0] if lines else type(error).__name__
        record.msg = "Database unavailable: %s %s (%s)"
        record.args = (request.method, escaped(request.path), reason)
        record.exc_info = None
        record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message; the request's path
    and the response's status where the record has them, and the traceback where there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        path = getattr(getattr(record, "request", None), "path", None)
        if isinstance(path, str):
            entry["path"] = path
        if isinstance(getattr(record, "status_code", None), int):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def escaped(text):
    # As Django escapes the path in its own request log lines: a path cannot start a line.
    return text.encode("unicode_escape").decode("ascii")
