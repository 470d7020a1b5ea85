"""Calls outside their pages: the RSS and Atom feeds per language, the open-data API, the sitemap,
and the cache tags that an answer purges. None of them shows more of the answers than the page."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.db import connection
from django.test.utils import CaptureQueriesContext

import feedparser
import pytest

from calls.answers import save_answer
from calls.factories import days
from calls.models import Answer, CallAnswer

from .conftest import make_call

pytestmark = pytest.mark.django_db

SECRET = "En anteckning bara för redaktörerna."


@pytest.fixture
def calls(world):
    """An open call with an answer, and a closed one with two participants, one named."""
    open_call = make_call(
        world, title="Öppen förfrågan", slug="oppen", reply_by=days(5), work_starts=days(9)
    )
    CallAnswer.objects.create(
        call=open_call, organisation=world.members[0], answer=Answer.PARTICIPATE,
        consent_to_name=True, note=SECRET,
    )  # fmt: skip
    closed = make_call(
        world, title="Stängd förfrågan", slug="stangd", reply_by=days(-5), work_starts=days(1)
    )
    for organisation, consent in ((world.members[1], True), (world.members[2], False)):
        CallAnswer.objects.create(
            call=closed, organisation=organisation, answer=Answer.PARTICIPATE,
            consent_to_name=consent, note=SECRET,
        )  # fmt: skip
    CallAnswer.objects.create(
        call=closed, organisation=world.members[3], answer=Answer.DECLINE, consent_to_name=True
    )
    return open_call, closed


def test_the_feeds_parse_in_both_languages_and_say_no_more_than_the_pages(client, world, calls):
    open_call, closed = calls
    for url, titles, taking_part in [
        (
            "/forfragningar/rss/",
            {open_call.title, closed.title},
            "Stängd. 2 organisationer deltar.",
        ),
        (
            "/en/calls/rss/",
            {open_call.english.title, closed.english.title},
            "Closed. 2 organisations take part.",
        ),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo
        assert {entry.title for entry in feed.entries} == titles
        text = response.content.decode()
        assert taking_part in text
        for hidden in (SECRET, world.members[0].name, world.members[2].name, world.members[3].name):
            assert hidden not in text

    atom = client.get("/en/calls/atom/")
    assert atom.status_code == 200
    feed = feedparser.parse(atom.content)
    assert feed.version == "atom10"
    assert {entry.title for entry in feed.entries} == {
        open_call.english.title,
        closed.english.title,
    }


def test_the_calls_page_announces_its_feeds(client, world):
    html = client.get("/forfragningar/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert "http://testserver/forfragningar/rss/" in html
    assert "http://testserver/en/calls/atom/" in client.get("/en/calls/").content.decode()


def test_the_api_gives_what_is_sought_and_only_the_public_part_of_the_answers(client, world, calls):
    open_call, closed = calls
    fields = (
        "partner,summary,organisation_kinds,municipalities,competences,organisations_sought,"
        "work_starts,work_ends,reply_by,participation"
    )
    response = client.get(f"/api/v2/pages/?type=calls.CallPage&fields={fields}")
    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()["items"]}

    assert items[open_call.pk]["participation"] == {
        "closed": False,
        "organisations_taking_part": None,
        "named_organisations": [],
    }
    for page in (closed, closed.english):
        assert items[page.pk]["participation"] == {
            "closed": True,
            "organisations_taking_part": 2,
            "named_organisations": [world.members[1].name],
        }
    assert items[open_call.pk]["reply_by"] == days(5).isoformat()
    assert items[open_call.pk]["partner"] == "Region Värmland"
    assert SECRET not in response.content.decode()
    assert world.members[3].name not in response.content.decode()


def test_the_api_listing_costs_the_same_for_2_as_for_20_calls(client, world):
    def add(count, reply_by):
        for _ in range(count):
            call = make_call(world, english=False, reply_by=reply_by, work_starts=days(9))
            for organisation in world.members[:3]:
                CallAnswer.objects.create(
                    call=call, organisation=organisation, answer=Answer.PARTICIPATE,
                    consent_to_name=True,
                )  # fmt: skip

    url = "/api/v2/pages/?type=calls.CallPage&fields=competences,topics,participation&limit=20"

    def cost():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(1, days(5))
    add(1, days(-5))
    few = cost()
    add(9, days(5))
    add(9, days(-5))
    assert cost() == few


def test_every_call_is_in_the_sitemap_in_both_languages(client, world, calls):
    open_call, closed = calls
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-pages.xml" in index
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    for page in (open_call, closed):
        assert f"http://localhost{page.url}" in sitemap or page.url in sitemap
        assert page.english.url in sitemap


class Varnish(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.tags.update(self.headers["xkey-purge"].split())
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def varnish(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Varnish)
    server.tags = set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.core.xkey_purge.XkeyBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.tags
    server.shutdown()
    server.server_close()


def test_an_answer_purges_the_call_its_translation_their_listings_and_feeds_and_the_api(
    client, world, open_call, varnish, django_capture_on_commit_callbacks
):
    shown_on = {
        open_call.url: f"page-{open_call.pk}",
        "/forfragningar/": f"listing-{world.index.pk}",
        "/forfragningar/rss/": f"listing-{world.index.pk}",
        open_call.english.url: f"page-{open_call.english.pk}",
        "/en/calls/atom/": f"listing-{world.index_en.pk}",
    }
    tags = {}
    for url in shown_on:
        response = client.get(url)
        assert response.status_code == 200, url
        tags[url] = set(response["xkey"].split())

    with django_capture_on_commit_callbacks(execute=True):
        save_answer(open_call, world.representatives[0], answer=Answer.PARTICIPATE)

    for url, tag in shown_on.items():
        assert tag in tags[url], url
        assert tag in varnish, url
    assert "api" in varnish
