"""The site keeps working when a part fails.

Without Redis every page is served from the database, more slowly, and the throttles let
attempts through. Without the database readers get a short page in their language that asks
them to come back in a few minutes (503, Retry-After), the API a JSON 503, and the log one line
per request. Redis and the database are really unreachable here: the cache talks to a port
where nothing listens, the database connection to a closed port (PostgreSQL) or a file in a
directory that does not exist (SQLite).
"""

import asyncio
import io
import json
import logging
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from types import SimpleNamespace

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client
from django.urls import path

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import pytest
import redis

from conftest import translate
from home.core.cache import Outage
from home.core.checks import redis_is_reachable
from home.factories import ContentPageFactory
from idekammare.logging import JsonFormatter
from idekammare.throttling import PAGE_PASSWORD
from idekammare.urls import handler500  # noqa: F401 - Django finds it in the ROOT_URLCONF
from idekammare.urls import urlpatterns as site_urlpatterns
from news.factories import NewsPageFactory
from positions.factories import (
    ConsultationResponsePageFactory,
    EndorsementFactory,
    PositionStatementPageFactory,
)
from tests.worlds import build_bilingual_world, built_once, fresh

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "home.core.cache.ResilientRedisCache",
        # Nothing listens on port 1: the connection is refused.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    },
    # Kept in each process, as in production (idekammare/settings/base.py).
    "generation": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


class Clock:
    """The clock by which the cache decides when to warn again and when to try Redis again."""

    def __init__(self):
        self.seconds = 1000.0

    def __call__(self):
        return self.seconds

    def advance(self, seconds):
        self.seconds += seconds


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def outage(monkeypatch, clock):
    """A process that has not yet seen Redis fail."""
    fresh_outage = Outage(clock=clock)
    monkeypatch.setattr("home.core.cache.outage", fresh_outage)
    return fresh_outage


@pytest.fixture
def redis_down(settings, outage):
    """The cache configured as production configures it, with Redis unreachable. (Changing
    CACHES makes Django drop the cache objects it holds, django.test.signals.)"""
    settings.CACHES = UNREACHABLE_REDIS


def cache_warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "idekammare.cache"]


# A site with a page of every type, in Swedish and English ------------------------------------


@pytest.fixture(scope="module")
def every_page(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as tests_run:
        world = build_bilingual_world()
        site = world.site
        about = ContentPageFactory(parent=site.home, title="Om nätverket", slug="om-natverket")
        translate(about, site.en, title="About the network", slug="about")
        picture = get_image_model().objects.create(title="Bild", file=get_test_image_file())
        news = NewsPageFactory(
            parent=world.news_index,
            title="Årsmöte i Karlstad",
            slug="arsmote",
            listing_image=picture,
        )
        translate(news, site.en, title="Annual meeting in Karlstad", slug="annual-meeting")
        statement = PositionStatementPageFactory(
            parent=world.statements_index, title="Öppna lokaler", slug="lokaler"
        )
        EndorsementFactory(page=statement, organisation=world.members[0])
        translate(statement, site.en, title="Open premises", slug="premises")
        response = ConsultationResponsePageFactory(
            parent=world.register, title="Remissvar om kulturstöd", slug="kulturstod"
        )
        translate(response, site.en, title="Response on cultural funding", slug="cultural-funding")
        with tests_run():
            yield SimpleNamespace(**vars(world), news=news, organisation=world.members[0])


def public_pages(world):
    """(path, what a reader finds there) for every public page type, in both languages."""
    slug = world.organisation.slug
    name = world.organisation.name
    return [
        ("/", "Värmlands idéburna organisationer"),
        ("/en/", "Welcome"),
        ("/om-natverket/", "Om nätverket"),
        ("/en/about/", "About the network"),
        ("/nyheter/", "Årsmöte i Karlstad"),
        ("/en/news/", "Annual meeting in Karlstad"),
        ("/nyheter/arsmote/", "Årsmöte i Karlstad"),
        ("/en/news/annual-meeting/", "Annual meeting in Karlstad"),
        ("/stallningstaganden/", "Öppna lokaler"),
        ("/en/positions/", "Open premises"),
        ("/stallningstaganden/lokaler/", name),
        ("/en/positions/premises/", name),
        ("/remisser/", "Remissvar om kulturstöd"),
        ("/en/consultations/", "Response on cultural funding"),
        ("/remisser/kulturstod/", "Remissvar om kulturstöd"),
        ("/en/consultations/cultural-funding/", "Response on cultural funding"),
        ("/medlemmar/", name),
        ("/en/members/", name),
        (f"/medlemmar/{slug}/", name),
        (f"/en/members/{slug}/", name),
        ("/sok/?q=årsmöte", "Årsmöte i Karlstad"),
        ("/en/search/?q=meeting", "Annual meeting in Karlstad"),
        ("/flode/nyheter.rss", "Årsmöte i Karlstad"),
        ("/en/feed/news.atom", "Annual meeting in Karlstad"),
        ("/flode/stallningstaganden.atom", "Öppna lokaler"),
        ("/en/feed/positions.rss", "Open premises"),
        ("/flode/remissvar.rss", "Remissvar om kulturstöd"),
        ("/en/feed/consultation-responses.atom", "Response on cultural funding"),
        ("/sitemap-pages.xml", "/en/news/annual-meeting/"),
        ("/api/v2/pages/?type=news.NewsPage&fields=title", "Annual meeting in Karlstad"),
        (f"/api/v2/pages/{world.news.pk}/", "Årsmöte i Karlstad"),
        ("/api/v2/images/", "Bild"),
    ]


@pytest.fixture
def site_with_every_page(db, every_page):
    return fresh(every_page)


# Redis down -----------------------------------------------------------------------------------


def test_every_public_page_and_the_api_answer_without_redis(site_with_every_page, redis_down):
    client = Client(raise_request_exception=False)
    failed = {}
    for url, text in public_pages(site_with_every_page):
        response = client.get(url)
        content = response.content.decode()
        if response.status_code != 200 or text not in content:
            failed[url] = response.status_code
    assert failed == {}


def test_redis_down_is_logged_once_a_minute_not_for_each_call(
    site_with_every_page, redis_down, clock, caplog
):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="idekammare.cache"):
        client.get("/")
        client.get("/en/news/")
        clock.advance(10)  # the cache tries Redis again, which is still down
        client.get("/nyheter/")
        clock.advance(60)
        client.get("/")

    [first, second] = cache_warnings(caplog)
    assert first.startswith("Cache unavailable: Error 111 connecting to 127.0.0.1:1.")
    assert second == first


@pytest.mark.parametrize(
    ("operation", "answer"),
    [
        (lambda: cache.get("nyckel"), None),
        (lambda: cache.get("nyckel", "standard"), "standard"),
        (lambda: cache.get_many(["a", "b"]), {}),
        (lambda: cache.has_key("nyckel"), False),
        (lambda: cache.add("nyckel", 1), False),
        (lambda: cache.set("nyckel", 1), None),
        # Django's set_many answers with the keys it could not store.
        (lambda: cache.set_many({"a": 1, "b": 2}), ["a", "b"]),
        (lambda: cache.get_or_set("nyckel", "ny"), "ny"),
        (lambda: cache.touch("nyckel"), False),
        (lambda: cache.delete("nyckel"), False),
        (lambda: cache.delete_many(["a", "b"]), None),
        (lambda: cache.clear(), False),
    ],
)
def test_every_cache_operation_answers_as_a_miss(redis_down, operation, answer):
    assert operation() == answer


@pytest.mark.parametrize("counting", ["incr", "decr", "incr_version"])
def test_a_counter_is_missing_as_django_reports_a_missing_key(redis_down, counting):
    with pytest.raises(ValueError, match="not found"):
        getattr(cache, counting)("nyckel")


def test_the_async_operations_answer_as_misses_too(redis_down):
    async def use_the_cache():
        return (
            await cache.aget("nyckel", "standard"),
            await cache.aadd("nyckel", 1),
            await cache.aget_or_set("nyckel", "ny"),
        )

    assert asyncio.run(use_the_cache()) == ("standard", False, "ny")


@pytest.fixture
def private_page(site_with_every_page):
    page = site_with_every_page.news
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="styrelsen-2026"
    )
    return page


def send_password(client, page, password):
    form = client.get(page.url).content.decode()
    action = re.search(r'<form class="password-form" method="post" action="([^"]+)"', form)[1]
    return client.post(action, {"password": password, "return_url": page.url})


def test_without_redis_the_password_limit_lets_readers_through_rather_than_fail(
    private_page, redis_down
):
    client = Client()
    answers = [
        send_password(client, private_page, "fel") for _ in range(PAGE_PASSWORD.attempts + 2)
    ]

    assert {answer.status_code for answer in answers} == {200}
    answer = send_password(client, private_page, "styrelsen-2026")
    assert answer.status_code == 302
    assert "Årsmöte i Karlstad" in client.get(private_page.url).content.decode()


def test_without_redis_an_editor_signs_in(site_with_every_page, editor, redis_down):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "redaktor", "password": "ett-långt-lösenord"}, follow=True
    )
    assert response.status_code == 200
    assert "Logga ut" in response.content.decode()


def test_health_check_reports_the_cache_unavailable_and_the_site_up(db, redis_down):
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable"}


# Redis back -------------------------------------------------------------------------------------

REDIS_SERVER = shutil.which("redis-server")


@pytest.fixture
def needs_redis_server():
    """A real Redis to start and stop (Debian's redis-server, which .ci/run installs)."""
    if REDIS_SERVER is None:
        pytest.fail("These tests start a Redis of their own: install redis-server.", pytrace=False)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def redis_server(port):
    server = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        for _attempt in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.usefixtures("needs_redis_server")
def test_the_cache_is_used_again_once_redis_answers(db, settings, outage, clock, caplog):
    port = free_port()
    settings.CACHES = {
        "default": {**UNREACHABLE_REDIS["default"], "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }
    with caplog.at_level(logging.WARNING, logger="idekammare.cache"):
        cache.set("nyckel", "värde")
        assert cache.get("nyckel") is None
        with redis_server(port):
            assert cache.get("nyckel") is None  # left alone for a few seconds after the failure
            clock.advance(5)
            cache.set("nyckel", "värde")
            assert cache.get("nyckel") == "värde"
            assert Client().get("/healthz").json() == {"database": "ok", "cache": "ok"}

    assert [message.split(":")[0] for message in cache_warnings(caplog)] == [
        "Cache unavailable",
        "Cache available again",
    ]


@pytest.mark.usefixtures("needs_redis_server")
def test_the_system_check_is_silent_while_redis_answers(settings):
    port = free_port()
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {"default": {**UNREACHABLE_REDIS["default"], "LOCATION": settings.REDIS_URL}}
    assert [message.id for message in redis_is_reachable()] == ["idekammare.W001"]
    with redis_server(port):
        assert redis_is_reachable() == []


# The database down ----------------------------------------------------------------------------


@contextmanager
def database_unreachable(missing_directory):
    """Within the block, the site's database connection goes to a database that cannot be
    reached: a closed port (PostgreSQL) or a file in `missing_directory` (SQLite).

    The test's own connection, with its transaction, is put aside and back afterwards: closing
    it would end an in-memory SQLite database.
    """
    working = connections[DEFAULT_DB_ALIAS]
    unreachable = dict(working.settings_dict)
    if working.vendor == "sqlite":
        unreachable["NAME"] = str(missing_directory / "db.sqlite3")
    else:
        unreachable |= {"HOST": "127.0.0.1", "PORT": "1"}
    broken = type(working)(unreachable, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = broken
    try:
        yield
    finally:
        broken.close()
        connections[DEFAULT_DB_ALIAS] = working


@pytest.fixture
def database_down(db, tmp_path):
    with database_unreachable(tmp_path / "no-such-directory"):
        yield


SWEDISH = ("Webbplatsen är tillfälligt otillgänglig", "Försök igen om några minuter.")
ENGLISH = ("The site is temporarily unavailable", "Please try again in a few minutes.")


@pytest.mark.parametrize(
    ("url", "language", "words"),
    [
        ("/", "sv", SWEDISH),
        ("/nyheter/arsmote/", "sv", SWEDISH),
        ("/sok/?q=lokaler", "sv", SWEDISH),
        ("/flode/nyheter.rss", "sv", SWEDISH),
        ("/sitemap.xml", "sv", SWEDISH),
        ("/en/", "en", ENGLISH),
        ("/en/news/annual-meeting/", "en", ENGLISH),
        ("/en/search/?q=premises", "en", ENGLISH),
    ],
)
def test_without_the_database_readers_are_asked_to_come_back(
    site_with_every_page, database_down, url, language, words
):
    response = Client(raise_request_exception=False).get(url)
    html = response.content.decode()

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert f'<html lang="{language}"' in html
    heading, advice = words
    assert f"<h1>{heading}</h1>" in html
    assert advice in html


def test_without_the_database_the_api_answers_json(site_with_every_page, database_down):
    response = Client(raise_request_exception=False).get("/api/v2/pages/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "message": "The site is temporarily unavailable. Please try again in a few minutes."
    }


def test_without_the_database_a_signed_in_editor_gets_the_same_page(
    site_with_every_page, editor, tmp_path, caplog
):
    # The session is read by middleware, before any view (and again after it): those errors
    # reach the same page, and the log has one line for the request.
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    with database_unreachable(tmp_path / "no-such-directory"), caplog.at_level(logging.WARNING):
        response = client.get("/admin/pages/")

    assert response.status_code == 503
    assert "<h1>Webbplatsen är tillfälligt otillgänglig</h1>" in response.content.decode()
    [line] = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert line.startswith("Database unavailable: GET /admin/pages/ (")


def test_health_check_answers_503_without_the_database(database_down):
    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_request_without_the_database_is_one_line_in_the_log(
    site_with_every_page, database_down, caplog
):
    with caplog.at_level(logging.WARNING):
        Client(raise_request_exception=False).get("/sok/?q=lokaler")

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR"
    assert re.fullmatch(
        r"Database unavailable: GET /sok/ \((connection failed: .*Connection refused"
        r"|unable to open database file)\)",
        record.getMessage(),
    )
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


@contextmanager
def request_log_as_json():
    """What the django.request logger writes within the block, as LOG_FORMAT=json writes it."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield output
    finally:
        logger.removeHandler(handler)


def test_the_json_log_has_one_object_per_line_with_the_path(site_with_every_page, database_down):
    with request_log_as_json() as output:
        Client(raise_request_exception=False).get("/en/news/")

    [line] = output.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["path"] == "/en/news/"
    assert entry["status"] == 503
    assert entry["message"].startswith("Database unavailable: GET /en/news/ (")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["time"])
    assert "exception" not in entry


# Other errors stay 500s, with their traceback ---------------------------------------------------


def wrong_query(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")


def failing_view(request):
    raise RuntimeError("något oväntat")


urlpatterns = [path("fel-fraga/", wrong_query), path("trasig/", failing_view), *site_urlpatterns]


@pytest.fixture
def reader(settings, db):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", ["/fel-fraga/", "/trasig/"])
def test_other_errors_are_the_500_page_with_their_traceback_in_the_log(reader, url, caplog):
    with caplog.at_level(logging.WARNING):
        response = reader.get(url)

    assert response.status_code == 500
    assert "<h1>Något gick fel</h1>" in response.content.decode()
    assert "Retry-After" not in response
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == f"Internal Server Error: {url}"
    assert record.exc_info is not None


def test_the_json_log_keeps_the_traceback_of_other_errors(reader):
    with request_log_as_json() as output:
        reader.get("/trasig/")

    entry = json.loads(output.getvalue())
    assert entry["message"] == "Internal Server Error: /trasig/"
    assert entry["exception"].startswith("Traceback")
    assert "RuntimeError: något oväntat" in entry["exception"]
