"""Counting attempts per client in the cache, for the limits on guessing and flooding.

In production REDIS_URL makes the cache one for all workers, and its counters go up atomically,
so parallel requests cannot slip past a limit. While Redis cannot be reached, no count is kept
(home/core/cache.py): every attempt counts as the first, so the limits let readers and editors
through rather than fail.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def client_address(request):
    """The client's IP address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT reverse proxies, the
    address that the outermost of them saw, counted from the right of X-Forwarded-For. What the
    client wrote into that header itself stands further left and is never believed."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if not proxies or not forwarded:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-min(proxies, len(forwarded))]))
    except ValueError:
        return remote


def address_key(address):
    # One IPv6 client commonly holds a whole /64.
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return str(address)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass(frozen=True)
class Limit:
    """At most `attempts` in a window of `minutes`, which starts at the first attempt."""

    name: str
    attempts: int
    minutes: int

    def key(self, *parts):
        return ":".join(["throttle", self.name, *map(str, parts)])

    def hit(self, *parts):
        """Count one attempt for `parts` and return how many there have been in the window."""
        key = self.key(*parts)
        seconds = self.minutes * 60
        if cache.add(key, 0, timeout=seconds):
            cache.set(f"{key}:ends", time.time() + seconds, timeout=seconds)
        try:
            return cache.incr(key)
        except ValueError:  # The window ended between add and incr.
            cache.set(key, 1, timeout=seconds)
            cache.set(f"{key}:ends", time.time() + seconds, timeout=seconds)
            return 1

    def count(self, *parts):
        """How many attempts there have been for `parts` in the window, without counting one."""
        return cache.get(self.key(*parts), 0)

    def minutes_left(self, *parts):
        """How many minutes, rounded up, until the window for `parts` ends."""
        ends = cache.get(f"{self.key(*parts)}:ends")
        if ends is None:
            return self.minutes
        return min(max(math.ceil((ends - time.time()) / 60), 1), self.minutes)

    def reset(self, *parts):
        cache.delete_many([self.key(*parts), f"{self.key(*parts)}:ends"])


def too_many(request, heading, message):
    response = render(
        request, "too_many_attempts.html", {"heading": heading, "message": message}, status=429
    )
    add_never_cache_headers(response)
    return response
