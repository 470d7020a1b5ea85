"""System checks of what the site depends on at run time, for `manage.py check`, runserver and
the start of the WSGI application (idekammare/wsgi.py)."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.checks import Error, Tags, Warning, register

import redis
from redis.exceptions import RedisError


def redis_is_reachable(app_configs=None, **kwargs):
    """The site runs without its cache (home/core/cache.py), so an unreachable Redis is a
    warning; a REDIS_URL that is not a Redis URL at all is an error."""
    if not settings.REDIS_URL or not isinstance(caches["default"], RedisCache):
        return []
    try:
        with redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        ) as client:
            client.ping()
    except RedisError as error:
        # redis names the host and port; the URL, which may hold a password, is not repeated.
        return [
            Warning(
                f"REDIS_URL is unreachable: {error}",
                hint="The site works without its cache, more slowly, until Redis answers.",
                id="idekammare.W001",
            )
        ]
    except ValueError as error:
        return [Error(f"REDIS_URL is not a Redis URL: {error}", id="idekammare.E001")]
    return []


def connect():
    register(redis_is_reachable, Tags.caches)
