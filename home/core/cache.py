"""The cache backend for Redis (REDIS_URL): while Redis cannot be reached, the cache misses.

What the site keeps in the cache can be rebuilt from the database (the site chrome, Wagtail's
site root paths and renditions) or may be lost (the throttles' counts). So a Redis that is down
or unreachable makes the site slower, never broken: reads miss, writes are dropped, a counter
is missing, as Django's `incr` reports a missing key, so the throttles count each attempt as the
first and let it through. The process logs "Cache unavailable" at most once a minute, and
"Cache available again" when Redis answers once more.

After a failure the process leaves Redis alone for a few seconds: a Redis that accepts
connections and never answers then costs one request its socket timeout, not every cache call
of every request.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger("idekammare.cache")

WARNING_INTERVAL = 60
PAUSE_AFTER_FAILURE = 5


class Outage:
    """What this process knows about Redis being down. One for the whole process, as Django
    keeps a cache object per thread."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.down = False
        self.reported = False
        self.last_warning = None
        self.paused_until = None

    def paused(self):
        return self.paused_until is not None and self.clock() < self.paused_until

    def failed(self, error):
        now = self.clock()
        with self.lock:
            self.down = True
            self.paused_until = now + PAUSE_AFTER_FAILURE
            if self.last_warning is not None and now - self.last_warning < WARNING_INTERVAL:
                return
            self.last_warning = now
            self.reported = True
        logger.warning("Cache unavailable: %s", error)

    def recovered(self):
        if not self.down:
            return
        with self.lock:
            reported, self.reported = self.reported, False
            self.down = False
            self.paused_until = None
        if reported:
            logger.warning("Cache available again")


outage = Outage()


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering as a cache miss while Redis cannot be reached.

    Django's other operations (`get_or_set`, `decr`, `incr_version`, the async ones) are built
    on these.
    """

    def attempt(self, fallback, operation, *args):
        if outage.paused():
            return fallback
        try:
            result = operation(*args)
        except RedisError as error:
            outage.failed(error)
            return fallback
        outage.recovered()
        return result

    def get(self, key, default=None, version=None):
        return self.attempt(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self.attempt({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self.attempt(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.attempt(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's set_many answers with the keys it could not store.
        return self.attempt(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self.attempt(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self.attempt(None, super().delete_many, keys, version)

    def clear(self):
        return self.attempt(False, super().clear)

    def incr(self, key, delta=1, version=None):
        counted = self.attempt(None, super().incr, key, delta, version)
        if counted is None:
            raise ValueError(f"Key '{key}' not found.")
        return counted
