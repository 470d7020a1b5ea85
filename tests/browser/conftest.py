"""Shared fixtures for the browser tests: one Chromium and one demo site load for the directory.

Every test here drives Debian's Chromium through Playwright against pytest-django's live server.
Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER=1 (as in CI), in which
case they fail so that a missing browser cannot pass unnoticed.
"""

import io
import os
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# The test machines have no outside network: these flags stop Chromium's own background
# connections (updates, sync, field trials, QUIC probes) so that nothing waits on them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCALES = {"sv": "sv-SE", "en": "en-GB"}
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def pytest_collection_modifyitems(config, items):
    """Mark every test in this directory as a browser test (`-m "not browser"` skips them)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def browser_unavailable(reason):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1 is set)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def chromium_executable():
    """Skip (or fail) first thing, before pytest-django spends time creating the database."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        browser_unavailable(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    return CHROMIUM


@pytest.fixture(scope="package")
def browser(chromium_executable, django_db_setup):
    """Chromium, launched once for the tests in this directory and closed after the last one.

    Package scope, not session scope: Playwright's sync API leaves its asyncio loop marked as
    running in this thread until it stops, and that changes how Django behaves (below). Closing
    it after the browser tests keeps the rest of the suite unaffected.
    """
    from playwright.sync_api import Error, sync_playwright

    # Django keeps database connections in an asgiref Local that is a plain thread-local
    # while no event loop runs in the thread, and a context variable while one does. Once
    # Playwright runs, the ORM therefore uses a second connection object, which lacks the
    # database snapshot that pytest-django took after migrating (_test_serialized_contents),
    # so serialized rollback would silently restore nothing. Read the snapshot now, hand it
    # over once Playwright has started.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }

    # With that running loop, Django also raises SynchronousOnlyOperation for every query made
    # by fixtures and tests, although they are ordinary blocking calls made between browser
    # steps, never from a coroutine. Allow them while the browser runs, and only then: the
    # variable must not leak into the rest of the suite (manage.py check --deploy, run in a
    # subprocess by tests/test_settings.py, rejects it with async.E001).
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, snapshot in snapshots.items():
                connections[alias]._test_serialized_contents = snapshot
            try:
                chromium = playwright.chromium.launch(
                    executable_path=str(chromium_executable), headless=True, args=CHROMIUM_ARGS
                )
            except Error as error:
                browser_unavailable(
                    f"Chromium at {chromium_executable} could not be launched: {error}"
                )
            yield chromium
            chromium.close()
            # Close the connections opened while Playwright ran: once it stops they can no
            # longer be reached, and an open one stops pytest-django dropping a PostgreSQL
            # test database.
            connections.close_all()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


def restore(alias, snapshot):
    """Empty the database and load a snapshot, as serialized rollback does before each test."""
    # Building a Wagtail task row looks up its content type, which the flush has just removed;
    # with the cache filled first, the lookup cannot insert a row that collides with the snapshot's.
    # An empty database (after a transactional test) has no rows to cache, and must not get new ones.
    content_types = ContentType.objects.db_manager(alias)
    if content_types.exists():
        content_types.get_for_models(*apps.get_models())
    call_command(
        "flush",
        database=alias,
        interactive=False,
        verbosity=0,
        inhibit_post_migrate=True,
        # As TransactionTestCase does: the snapshot's rows keep their ids, and sequences
        # reset to 1 would hand those ids out again (PostgreSQL).
        reset_sequences=False,
    )
    connections[alias].creation.deserialize_db_from_string(snapshot)
    ContentType.objects.clear_cache()


@pytest.fixture(scope="package")
def demo_snapshot(browser, django_db_blocker):
    """Load the demo site once for the whole directory and make it what each test starts from.

    Loading the demo content takes seconds (dozens of pages published, images generated);
    restoring a snapshot of it takes a fraction of that. Serialized rollback restores the
    snapshot that pytest-django took after migrating at the start of every test, so the demo
    site is loaded once, its snapshot put in that place for the duration of the browser tests,
    and the migrated state restored afterwards for whatever runs next.
    """
    alias = DEFAULT_DB_ALIAS
    connection = connections[alias]
    migrated = getattr(connection, "_test_serialized_contents", None)
    if migrated is None:
        pytest.fail(
            "pytest-django took no snapshot of the migrated test database; the browser "
            "fixtures rely on serialized rollback (django_db_serialized_rollback)",
            pytrace=False,
        )
    with django_db_blocker.unblock():
        # Earlier transactional tests may have emptied the database: start from migrations.
        restore(alias, migrated)
        call_command("load_demo_content", "--force", stdout=io.StringIO())
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        connection._test_serialized_contents = migrated
        restore(alias, migrated)


@pytest.fixture
def live_demo_site(demo_snapshot, django_db_serialized_rollback, live_server):
    """The live server, serving the demo site; each test gets it fresh.

    live_server makes the test transactional: the server thread has its own database
    connection, so test data must be committed for it to see it, and each test ends with a
    flush of every table. Serialized rollback restores the demo snapshot before each test.
    """
    return live_server


@pytest.fixture
def new_context(browser, live_demo_site):
    """Open a fresh browser context on the demo site: `new_context("en", viewport=...)`.

    Relative URLs in page.goto() resolve against the live server. Every context opened
    during a test is closed at its end.
    """
    contexts = []

    def open_context(language="sv", **options):
        options.setdefault("locale", LOCALES[language])
        context = browser.new_context(base_url=live_demo_site.url, **options)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        leave_the_admin(context)
        context.close()


def leave_the_admin(context):
    """Leaving an admin editor sends Wagtail's "release editing session" request. With SQLite the
    live server thread shares the test's connection, so that request must be done before the
    flush that ends the test; give it the moment it takes."""
    admin_pages = [page for page in context.pages if "/admin/" in page.url]
    for page in admin_pages:
        page.goto("about:blank")
    if admin_pages:
        admin_pages[0].wait_for_timeout(500)


@pytest.fixture
def open_page(new_context):
    """Open a path in a new page of a fresh context; returns (page, navigation response)."""

    def visit(path, language="sv", **context_options):
        page = new_context(language, **context_options).new_page()
        response = page.goto(path)
        return page, response

    return visit
