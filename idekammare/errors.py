"""What a reader gets when a request fails on our side: a 503 while the database cannot be
reached, the 500 page for any other error.

Both are decided from the URL path alone (/en/… is English) and rendered from files, without
the database, the site or the request's session: the error may have come from any of them,
before Django's locale middleware had chosen the language.
"""

import sqlite3
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
# The API speaks English in its other error messages too.
API_MESSAGE = "The site is temporarily unavailable. Please try again in a few minutes."

# PostgreSQL's SQLSTATEs that say the server cannot serve now, rather than that a query is
# wrong: connection exceptions (08), insufficient resources such as too many connections (53),
# and the server shutting down or starting up (57P).
POSTGRESQL_UNAVAILABLE = ("08", "53", "57P")
SQLITE_UNAVAILABLE = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_FULL,
}


def database_unavailable(error):
    """Whether `error` says that the database cannot be reached or cannot serve now.

    Django raises OperationalError for these, but also for mistakes in a query (SQLite's "no
    such table"); those stay 500s, with their traceback in the log.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    driver_error = error.__cause__
    sqlstate = getattr(driver_error, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith(POSTGRESQL_UNAVAILABLE)
    sqlite_code = getattr(driver_error, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in SQLITE_UNAVAILABLE  # the primary code of an extended one
    # psycopg's failures of the connection itself (refused, closed, timed out) have no SQLSTATE.
    return True


def language_of(path):
    return (translation.get_language_from_path(path) or settings.LANGUAGE_CODE).lower()


def server_error(request):
    """The project's handler500. Django calls it while handling the exception, so
    sys.exc_info() holds it, whether a view or a middleware raised it."""
    with translation.override(language_of(request.path_info)):
        if not database_unavailable(sys.exc_info()[1]):
            return defaults.server_error(request)
        # On the way out, the session middleware reads the session again and fails again. The
        # same response, which Django has logged, answers that too: one request, one log line.
        if not hasattr(request, "database_unavailable_response"):
            request.database_unavailable_response = service_unavailable(request)
        return request.database_unavailable_response


def service_unavailable(request):
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"message": API_MESSAGE}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
