"""The council's pages, its feed and the home page's slot leave the shared cache when a meeting or
an organisation taking part changes."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import translate
from council.factories import CouncilMeetingPageFactory
from home.core.cache_purging import page_change


def tags(response):
    return set(response["xkey"].split())


def test_a_changed_meeting_purges_every_response_that_shows_it(client, world):
    meeting = CouncilMeetingPageFactory(parent=world.index, slug="nytt")
    english = translate(meeting, world.site.en, slug="new")
    purged = page_change(meeting)
    english_index = world.index_en
    shown_on = {
        "/radet/": f"listing-{world.index.pk}",
        "/radet/ical/": f"listing-{world.index.pk}",
        "/": f"listing-{world.index.pk}",
        "/radet/nytt/": f"page-{meeting.pk}",
        "/radet/ical/nytt/": f"listing-{world.index.pk}",
        "/en/the-council/ical/new/": f"listing-{english_index.pk}",
        "/en/the-council/new/": f"page-{english.pk}",
        "/en/the-council/": f"listing-{english_index.pk}",
        "/en/the-council/ical/": f"listing-{english_index.pk}",
        "/en/": f"listing-{english_index.pk}",
    }
    for url, tag in shown_on.items():
        response = client.get(url)
        assert response.status_code == 200, url
        if tag == "page-":
            (tag,) = {found for found in tags(response) if found.startswith("page-")}
        assert tag in tags(response), url
        assert tag in purged, url


class Varnish(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged |= set(self.headers["xkey-purge"].split())
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def varnish(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Varnish)
    server.purged = set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.core.xkey_purge.XkeyBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def test_a_renamed_organisation_purges_the_meetings_that_name_it(client, world, varnish, committed):
    with committed():
        world.organisations.grannkraft.name = "Grannkraft i Värmland"
        world.organisations.grannkraft.save()
    assert {f"page-{world.spring.pk}", f"page-{world.spring_en.pk}", "api"} <= varnish.purged
    assert f"page-{world.next.pk}" not in varnish.purged
    assert "Grannkraft i Värmland" in client.get("/radet/varens-mote/").content.decode()

    varnish.purged.clear()
    with committed():
        world.organisations.ljusglimt.delete()
    assert {f"page-{world.spring.pk}", f"page-{world.spring_en.pk}"} <= varnish.purged
