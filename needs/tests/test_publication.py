"""Nothing of a signal is public unless an editor published it, it is forwarded to the region or
answered, its organisation agrees and it is not merged into another: on the page, its feeds, the
search and the API alike. Withdrawn consent takes it off at once."""

import json
import re
import threading
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from needs.models import Need, NeedStatus
from needs.tests.makers import public_need

SECRET = {
    "public_title": "Fjällbyarnas hemliga behov av snöskoter",
    "public_summary": "Ingen utanför nätverket får läsa om snöskoterbehovet i fjällbyarna.",
    "public_title_en": "The mountain villages' secret need for snowmobiles",
    "public_summary_en": "Nobody outside may read about the snowmobile need of the villages.",
    "description": "Vad föreningen själv skrev om skotrarna, aldrig offentligt.",
}
SECRET_WORD = {"sv": "snöskoterbehovet", "en": "snowmobile"}
SECRET_TEXTS = [*SECRET.values()]


def search_url(language, word):
    with translation.override(language):
        return f"{reverse('search')}?{urlencode({'q': word})}"


def surfaces(world, language):
    """The public addresses that show signals, in `language`."""
    page = world.page if language == "sv" else world.page_en
    return [
        page.url,
        f"{page.url}rss/",
        f"{page.url}atom/",
        f"/api/v2/pages/?type=needs.NeedsPage&fields=needs&locale={language}",
        f"/api/v2/pages/{page.pk}/",
    ]


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        text = json.dumps(response.json(), ensure_ascii=False)
    return unescape(unescape(text))  # a feed's descriptions are HTML inside XML


def found(client, language, word):
    """The titles the site search finds for `word`."""
    html = client.get(search_url(language, word)).content.decode()
    return re.findall(r'<h3 class="search-result__title"><a href="[^"]*">([^<]*)</a>', html)


def assert_shown(client, world, control_titles, hidden_texts):
    for language in ("sv", "en"):
        for url in surfaces(world, language):
            text = text_of(client, url)
            for title in control_titles[language]:
                assert title in text, (url, title)
            for secret in hidden_texts:
                assert secret not in text, (url, secret)


@pytest.fixture
def control(world):
    return public_need(
        world,
        public_title="Mötesplatser för äldre i byarna",
        public_summary="Äldre i byarna saknar mötesplatser; snöskoterbehovet är ett annat.",
        public_title_en="Meeting places for older people in the villages",
        public_summary_en="Older people lack meeting places; the snowmobile need is another.",
    )


CONTROL_TITLES = {
    "sv": ["Mötesplatser för äldre i byarna"],
    "en": ["Meeting places for older people in the villages"],
}


def test_the_rule_lets_through_only_what_is_published_with_the_region_and_consented(world):
    shown = public_need(world)
    answered = public_need(
        world,
        status=NeedStatus.ANSWERED,
        region_answer="Regionen svarar.",
        answered_at=timezone.now(),
    )
    hidden = [
        public_need(world, consent_to_publish=False),
        public_need(world, published=False),
        public_need(world, status=NeedStatus.NEW),
        public_need(world, status=NeedStatus.CLOSED),
        public_need(world, status=NeedStatus.CLOSED, merged_into=shown),
    ]

    assert set(Need.objects.public()) == {shown, answered}
    assert all(need.is_public for need in (shown, answered))
    assert [bool(need.not_public_because()) for need in hidden] == [True] * 5


@pytest.mark.parametrize(
    "state",
    [
        {"consent_to_publish": False},
        {"published": False},
        {"status": NeedStatus.NEW},
        {"status": NeedStatus.CLOSED},
    ],
    ids=["without consent", "not published", "new", "closed"],
)
def test_a_signal_that_is_not_public_is_on_no_public_surface(client, world, control, state):
    public_need(world, organisation=world.organisations[1], **SECRET, **state)

    assert_shown(client, world, CONTROL_TITLES, SECRET_TEXTS)
    for language, word in SECRET_WORD.items():
        # The control names the word too: the search works, and finds the page by the control.
        assert found(client, language, word) == [
            (world.page if language == "sv" else world.page_en).title
        ]
        assert found(client, language, "fjällbyarna") == []


def test_the_organisation_gives_and_withdraws_consent_and_the_public_surfaces_follow(
    client, world, people, control, django_capture_on_commit_callbacks
):
    secret = public_need(
        world, organisation=world.organisations[1], consent_to_publish=False, **SECRET
    )
    representative = Client()
    representative.force_login(people.other)
    consent = reverse("needs:consent", args=[secret.pk])

    assert representative.post(consent, {"consent": "1"}).status_code == 302
    shown = {"sv": [SECRET["public_title"]], "en": [SECRET["public_title_en"]]}
    assert_shown(client, world, shown, [SECRET["description"]])
    assert found(client, "sv", "fjällbyarna") == [world.page.title]

    assert representative.post(consent, {"consent": "0"}).status_code == 302
    assert_shown(client, world, CONTROL_TITLES, SECRET_TEXTS)
    assert found(client, "sv", "fjällbyarna") == []
    actions = list(secret.events.values_list("action", "user__username"))
    assert actions == [
        ("consent_given", "representant2"),
        ("consent_withdrawn", "representant2"),
    ]


def test_a_merged_group_names_only_the_organisations_that_agree(client, world):
    grannkraft, livsgladje, trygghetsnatet = world.organisations
    group = public_need(world, organisation=grannkraft, public_title="Ensamhet bland äldre")
    public_need(
        world,
        organisation=livsgladje,
        status=NeedStatus.CLOSED,
        published=False,
        merged_into=group,
    )
    public_need(
        world,
        organisation=trygghetsnatet,
        status=NeedStatus.CLOSED,
        consent_to_publish=False,
        merged_into=group,
    )

    for url in surfaces(world, "sv")[:3]:
        text = text_of(client, url)
        assert text.count("Ensamhet bland äldre") == 1, url
        assert "Föreningen Grannkraft" in text, url
        assert "Livsglädje Filipstad" in text, url
        assert "Trygghetsnätet Kristinehamn" not in text, url
    api = client.get(surfaces(world, "sv")[3]).json()["items"][0]["needs"]
    assert [entry["organisations"] for entry in api] == [
        ["Föreningen Grannkraft", "Livsglädje Filipstad"]
    ]


class Varnish(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.tags |= set(self.headers["xkey-purge"].split())
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
    yield server
    server.shutdown()
    server.server_close()


def test_withdrawn_consent_purges_the_needs_page_in_both_languages_and_the_api(
    world, people, varnish, django_capture_on_commit_callbacks
):
    need = public_need(world)
    client = Client()
    client.force_login(people.representative)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("needs:consent", args=[need.pk]), {"consent": "0"})

    assert response.status_code == 302
    assert {
        f"page-{world.page.pk}",
        f"page-{world.page_en.pk}",
        f"listing-{world.home.pk}",
        "search",
        "api",
    } <= varnish.tags
