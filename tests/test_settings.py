"""Each settings module loads from the environment as documented; each runs in a fresh process.
A value that cannot be used stops the start with an error that names its variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

from idekammare.settings.env import env_choice, env_database, env_int

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "a-test-only-key-that-is-long-enough-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "idekammaren.example",
}
# Reading the settings imports only the settings module; `django.setup()` (every app) is
# what `test_each_settings_module_loads` adds, and only there.
SHOW_SETTINGS = """
import json, os, django
from django.conf import settings
if os.environ.get("SETUP_APPS"):
    django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "CONN_MAX_AGE": db["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_DELIVERY_BACKEND": settings.EMAIL_DELIVERY_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
}))
"""


def run(args, settings_module, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_HOST"}
    }
    environment |= {"DJANGO_SETTINGS_MODULE": settings_module, **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(settings_module, setup_apps=False, **env):
    if setup_apps:
        env["SETUP_APPS"] = "1"
    result = run(["-c", SHOW_SETTINGS], settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("module", "debug", "email_backend"),
    [
        ("idekammare.settings.dev", True, "django.core.mail.backends.console.EmailBackend"),
        ("idekammare.settings.test", False, "django.core.mail.backends.locmem.EmailBackend"),
        ("idekammare.settings.production", False, "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_each_settings_module_loads(module, debug, email_backend):
    loaded = load(module, setup_apps=True, **PRODUCTION_ENV)
    assert loaded["DEBUG"] is debug
    # Mail is queued in the outbox and delivered by the worker (home/core/outbox.py).
    assert loaded["EMAIL_BACKEND"] == "home.core.outbox.QueueingEmailBackend"
    assert loaded["EMAIL_DELIVERY_BACKEND"] == email_backend
    assert loaded["LANGUAGE_CODE"] == "sv"


def test_database_defaults_to_a_sqlite_file_in_the_project_when_unset_or_empty():
    for env in ({}, {"DATABASE_URL": ""}, {"DATABASE_URL": "  "}):
        loaded = load("idekammare.settings.production", **PRODUCTION_ENV, **env)
        assert loaded["ENGINE"] == "django.db.backends.sqlite3"
        assert loaded["NAME"] == str(BASE_DIR / "db.sqlite3")


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    loaded = load(
        "idekammare.settings.production",
        **PRODUCTION_ENV,
        DATABASE_URL="postgresql://postgres@127.0.0.1:5432/idekammare",
    )
    assert loaded["ENGINE"] == "django.db.backends.postgresql"
    assert loaded["NAME"] == "idekammare"
    assert loaded["CONN_MAX_AGE"] == 600
    assert loaded["CONN_HEALTH_CHECKS"] is True


def test_redis_url_switches_the_cache_to_redis_that_fails_as_a_cache_miss():
    assert load("idekammare.settings.production", **PRODUCTION_ENV)["CACHE"].endswith("LocMemCache")
    loaded = load(
        "idekammare.settings.production", **PRODUCTION_ENV, REDIS_URL="redis://127.0.0.1:6379/1"
    )
    assert loaded["CACHE"] == "home.core.cache.ResilientRedisCache"


def test_an_unreachable_redis_is_reported_when_the_site_starts_and_by_check():
    """A WSGI server runs no system checks; wsgi.py logs those of the cache, here as JSON."""
    result = run(
        [
            "-c",
            "import idekammare.wsgi; from django.core.management import call_command; "
            "call_command('check')",
        ],
        "idekammare.settings.production",
        **PRODUCTION_ENV,
        REDIS_URL="redis://:hemligt@127.0.0.1:1/0",
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    logged = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert [(entry["level"], entry["logger"]) for entry in logged] == [
        ("WARNING", "idekammare.checks")
    ]
    unreachable = (
        "REDIS_URL is unreachable: Error 111 connecting to 127.0.0.1:1. Connection refused."
    )
    assert unreachable in logged[0]["message"]
    assert f"(idekammare.W001) {unreachable}" in result.stderr.split("System check")[1]
    assert "hemligt" not in result.stderr


def test_production_reads_hosts_and_smtp_from_the_environment():
    loaded = load("idekammare.settings.production", **PRODUCTION_ENV, EMAIL_HOST="smtp.example")
    assert loaded["ALLOWED_HOSTS"] == ["idekammaren.example"]
    assert loaded["EMAIL_HOST"] == "smtp.example"


def test_production_without_secret_key_fails_naming_the_variable():
    result = run(["-c", SHOW_SETTINGS], "idekammare.settings.production", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set." in result.stderr


def test_production_without_allowed_hosts_fails_naming_the_variable():
    result = run(
        ["-c", SHOW_SETTINGS], "idekammare.settings.production", SECRET_KEY="x", ALLOWED_HOSTS=" , "
    )
    assert result.returncode != 0
    assert "The environment variable ALLOWED_HOSTS must be set." in result.stderr


# Reading one variable needs no settings module, so these run in this process.


@pytest.mark.parametrize(
    ("variable", "value", "read", "message"),
    [
        (
            "EMAIL_PORT",
            "abc",
            lambda name: env_int(name, 587),
            "EMAIL_PORT must be a number, got 'abc'",
        ),
        (
            "DATABASE_URL",
            "postgresql://idekammare:hemligt@db.example:abc/idekammare",
            lambda name: env_database(name, "sqlite://"),
            "DATABASE_URL is not a valid database URL: "
            "Port could not be cast to integer value as 'abc'",
        ),
        (
            "LOG_FORMAT",
            "xml",
            lambda name: env_choice(name, ["text", "json"], "text"),
            "LOG_FORMAT must be one of text, json, got 'xml'",
        ),
    ],
)
def test_a_value_that_cannot_be_used_names_its_variable(
    monkeypatch, variable, value, read, message
):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured) as raised:
        read(variable)
    assert str(raised.value) == message
