"""Shared fixtures for the browser tests: one Chromium per session, demo content per test.

Every test here drives Debian's Chromium through Playwright against pytest-django's live server.
Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER=1 (as in CI), in which
case they fail so that a missing browser cannot pass unnoticed.
"""

import io
import os
from pathlib import Path

from django.core.management import call_command

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread for as long as the
# session's browser lives. Django's ORM sees that running loop and raises
# SynchronousOnlyOperation for every query made by fixtures and tests, even though those
# queries are ordinary blocking calls made between browser steps and never from a coroutine.
# This has to be set before the first query and stay set for the rest of the session.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

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


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        browser_unavailable(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except Error as error:
            browser_unavailable(f"Chromium at {CHROMIUM} could not be launched: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def demo_site(django_db_serialized_rollback, live_server):
    """The live server with the demo site loaded, once per test.

    live_server makes the test transactional: the server thread has its own database
    connection, so the demo content must be committed for it to be visible there, and each
    test ends with a flush of every table. The flush also removes what migrations created
    (Wagtail's root page, the editors group) that the demo loader builds on;
    serialized rollback puts that back at the start of each test.
    """
    call_command("load_demo_content", "--force", stdout=io.StringIO())
    return live_server


@pytest.fixture
def new_context(browser, demo_site):
    """Open a fresh browser context on the demo site: `new_context("en", viewport=...)`.

    Relative URLs in page.goto() resolve against the live server. Every context opened
    during a test is closed at its end.
    """
    contexts = []

    def open_context(language="sv", **options):
        options.setdefault("locale", LOCALES[language])
        context = browser.new_context(base_url=demo_site.url, **options)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(new_context):
    """Open a path in a new page of a fresh context; returns (page, navigation response)."""

    def visit(path, language="sv", **context_options):
        page = new_context(language, **context_options).new_page()
        response = page.goto(path)
        return page, response

    return visit
