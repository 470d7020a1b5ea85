"""End to end through the production stack: gunicorn and Varnish started from deploy/ on loopback
ports (deploy/local_stack.py, as `make serve` and `make bench` run them), with the production
settings, this test's PostgreSQL database and Redis.

A reader's second request is a cache hit; a change published through the editorial workflow is
on the page, its listing and the home page through Varnish within two seconds of the commit; a
draft is never served, however often it is asked for; a signed-in editor's requests pass Varnish.

The test is transactional, so what it changes commits and is purged as on the site. It needs
PostgreSQL (gunicorn reads the same database, which SQLite's in-memory test database cannot
share) and Varnish with its xkey module: without varnishd it is skipped, unless REQUIRE_BROWSER=1
(as in CI, which installs Varnish), in which case it fails.
"""

import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.db import connection
from django.test import override_settings

import pytest

from deploy.local_stack import HOST, free_port, get, running_stack
from home.core.publication import acting_as
from home.core.xkey_purge import purge_tags
from news.factories import NewsPageFactory
from tests.worlds import build_news_index, build_site

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="gunicorn needs a database it can share"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_database_afterwards"),
]

REDIS_URL = "redis://127.0.0.1:6379/13"
VISIBLE_WITHIN_SECONDS = 2
PASSWORD = "ett-långt-lösenord-för-test"


@pytest.fixture(scope="module")
def varnishd():
    path = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if path is None:
        reason = "Varnish is not installed (apt-get install varnish varnish-modules)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (REQUIRE_BROWSER=1 is set)", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture
def world(db):
    index = build_news_index(build_site())
    news = NewsPageFactory(parent=index, title="Öppet hus i Kil", slug="oppet-hus")
    User = get_user_model()
    editor = User.objects.create_user("redaktor", "redaktor@idekammaren.example")
    # Hashed as the production settings check it (the tests' own hasher is MD5, for speed).
    hasher = PBKDF2PasswordHasher()
    editor.password = hasher.encode(PASSWORD, hasher.salt())
    editor.save()
    editor.groups.add(Group.objects.get(name="Redaktörer"))
    admin = User.objects.create_superuser("admin", "admin@idekammaren.example")
    return index, news, editor, admin


@pytest.fixture(scope="module")
def running(varnishd, tmp_path_factory, django_db_setup):
    """The stack, started once for the module; its ports and environment."""
    gunicorn_port, varnish_port = free_port(), free_port()
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "idekammare.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": (
            f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "VARNISH_PURGE_URL": f"http://{HOST}:{varnish_port}",
        "TRUSTED_PROXY_COUNT": "1",
        "GUNICORN_WORKERS": "1",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )
    with running_stack(
        env,
        gunicorn_port=gunicorn_port,
        gunicorn_ready="/healthz",
        varnishd=varnishd,
        varnish_port=varnish_port,
    ) as stack:
        yield stack


@pytest.fixture
def stack(running, world):
    """Varnish's port, with nothing cached from an earlier test (whose rows are gone)."""
    caches = {
        "default": {"BACKEND": "home.core.cache.ResilientRedisCache", "LOCATION": REDIS_URL},
        "generation": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    purge = {
        "varnish": {
            "BACKEND": "home.core.xkey_purge.XkeyBackend",
            "LOCATION": running.env["VARNISH_PURGE_URL"],
        }
    }
    # The changes this test makes purge Varnish and renew the generation in Redis, as the site's.
    with override_settings(CACHES=caches, WAGTAILFRONTENDCACHE=purge):
        from django.core.cache import cache

        cache.clear()
        purge_tags(["all"])
        yield running.varnish_port


def read(port, path, cookies=""):
    status, x_cache, body = get(port, path, headers={"Cookie": cookies} if cookies else {})
    return status, x_cache, body.decode()


def shows_within(port, path, text):
    """Seconds until `path` through Varnish shows `text`, or None if not within the limit."""
    started = time.monotonic()
    while time.monotonic() - started < VISIBLE_WITHIN_SECONDS:
        if text in read(port, path)[2]:
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def log_in(port, username):
    """Sign in at /admin/login/ through Varnish, as a browser does; the cookies as a header."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    page = response.read().decode()
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie"):
        jar.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())
    connection.request(
        "POST",
        "/admin/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookies,
            "Referer": f"http://{HOST}:{port}/admin/login/",
        },
    )
    response = connection.getresponse()
    answer = response.read().decode()
    assert response.status == 302, re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', answer)
    for header in response.headers.get_all("Set-Cookie"):
        jar.load(header)
    connection.close()
    assert "sessionid" in jar
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


def test_a_reader_gets_a_cached_page_and_a_change_through_the_workflow_as_soon_as_it_commits(
    stack, world
):
    index, news, editor, admin = world
    assert read(stack, "/nyheter/oppet-hus/")[:2] == (200, "MISS")
    for path in ("/nyheter/oppet-hus/", "/nyheter/", "/"):
        status, _x_cache, body = read(stack, path)
        assert status == 200 and "Öppet hus i Kil" in body, path
        assert read(stack, path)[:2] == (200, "HIT"), path

    # The editor's new title waits in a draft, then in the editorial review: never on the site.
    news.title = "Öppet hus i Kil flyttas till Folkets hus"
    news.save_revision(user=editor)
    workflow_state = news.get_workflow().start(news, editor)
    for _ in range(3):
        assert "flyttas" not in read(stack, "/nyheter/oppet-hus/")[2]

    workflow_state.current_task_state.approve(user=admin)

    for path in ("/nyheter/oppet-hus/", "/nyheter/", "/"):
        seconds = shows_within(stack, path, "Öppet hus i Kil flyttas till Folkets hus")
        assert seconds is not None, f"{path} still shows the old title after 2 s"


def test_a_draft_is_never_served_and_its_publication_is(stack, world):
    index, news, editor, admin = world
    draft = NewsPageFactory.build(
        title="Styrelsen föreslår nya stadgar", slug="stadgar", live=False
    )
    index.add_child(instance=draft)
    draft.save_revision(user=editor)
    for _ in range(3):
        status, x_cache, body = read(stack, "/nyheter/stadgar/")
        assert status == 404
        assert "Styrelsen föreslår" not in body
    assert "Styrelsen föreslår" not in read(stack, "/nyheter/")[2]

    with acting_as(admin):  # an administrator's "Publicera" in the editor
        draft.get_latest_revision().publish(user=admin)

    assert shows_within(stack, "/nyheter/stadgar/", "Styrelsen föreslår nya stadgar") is not None
    assert shows_within(stack, "/nyheter/", "Styrelsen föreslår nya stadgar") is not None


def test_a_signed_in_editor_passes_the_cache(stack, world):
    cookies = log_in(stack, "redaktor")
    for _ in range(2):
        status, x_cache, body = read(stack, "/nyheter/oppet-hus/", cookies)
        assert (status, x_cache) == (200, "MISS")
    connection = http.client.HTTPConnection(HOST, stack, timeout=5)
    connection.request("GET", "/nyheter/oppet-hus/", headers={"Cookie": cookies})
    response = connection.getresponse()
    response.read()
    assert "public" not in response.getheader("Cache-Control", "")
    # A reader after the editor still gets the page Varnish keeps for everyone.
    assert read(stack, "/nyheter/oppet-hus/")[:2] == (200, "MISS")
    assert read(stack, "/nyheter/oppet-hus/")[:2] == (200, "HIT")
