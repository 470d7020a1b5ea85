"""Reading configuration from the environment, where an empty value counts as unset.

A value that cannot be used stops the start with an error naming its variable."""

import os

from django.core.exceptions import ImproperlyConfigured

import dj_database_url


def env(name, default=None):
    value = os.environ.get(name, "").strip()
    return value or default


def env_required(name):
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from None


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_list_required(name):
    values = env_list(name)
    if not values:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return values


def env_choice(name, choices, default):
    value = env(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


# The site, the e-mail worker and cron all write to one SQLite file. Each transaction takes the
# write lock when it begins, waiting up to `timeout` seconds for another writer to finish; begun
# as a reader, it would fail with "database is locked" the moment it tried to write while another
# process was writing, a refused login or a lost vote in `make run`.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}


def env_database(name, default, **options):
    """The database that the URL in `name` describes, with `options` (dj-database-url's)."""
    try:
        return dj_database_url.parse(env(name, default), **options)
    except ValueError as error:
        # dj-database-url's own message is vague; urllib's, which it replaces, names the part
        # ("Port could not be cast to integer value as 'abc'"). Neither repeats the URL, which
        # may hold a password.
        reason = error.__context__ if isinstance(error.__context__, ValueError) else error
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {reason}") from None
