"""Purging cache tags from Varnish, through Wagtail's frontend cache settings.

WAGTAILFRONTENDCACHE names one `XkeyBackend` per Varnish (VARNISH_PURGE_URL; unset, nothing is
purged). A purge is one `PURGE /` request to each, with the tags in an `xkey-purge` header,
which Varnish's xkey vmod reads (see deploy/). The tags are those of `home.core.http_cache`.

Purges are sent after the change commits, in the process that made it, with a short timeout:
Wagtail's own frontend-cache task runs the same way (TASKS["default"] is the immediate backend,
and the database queue is for e-mail only), and a queued purge would arrive only after a
worker's next poll, while the stale page is being served. A Varnish that cannot be reached costs
the editor at most the timeout and a warning in the log; the change stands.
"""

import logging
from functools import partial
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

PURGE_HEADER = "xkey-purge"


class XkeyBackend(HTTPBackend):
    """Wagtail's HTTP backend (which purges URLs), able to purge cache tags too."""

    def __init__(self, params):
        self.location = params["LOCATION"]
        self.timeout = params.pop("TIMEOUT", 2)
        super().__init__(params)

    def purge_tags(self, tags):
        request = Request(  # noqa: S310 - the address is the configured LOCATION
            self.location, method="PURGE", headers={PURGE_HEADER: " ".join(sorted(tags))}
        )
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except (URLError, OSError) as error:
            logger.warning("Could not purge %s from %s: %s", " ".join(tags), self.location, error)


def purging_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_tags(tags):
    for backend in get_backends().values():
        if isinstance(backend, XkeyBackend):
            backend.purge_tags(tags)


def purge_on_commit(tags):
    """Purge `tags` once the current transaction commits; never fails the change."""
    if tags and purging_enabled():
        transaction.on_commit(partial(purge_tags, frozenset(tags)), robust=True)
