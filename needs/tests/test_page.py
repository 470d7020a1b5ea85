"""The public page "Behov vi ser" / "Needs we see": its entries, filters, languages and feeds."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase

import feedparser
import pytest

from home.models import HomePage
from needs.models import NeedsPage, NeedStatus
from needs.tests.makers import new_need, public_need


class TestNeedsPageType(WagtailPageTestCase):
    def test_the_page_sits_under_the_home_page_alone(self):
        self.assertAllowedParentPageTypes(NeedsPage, {HomePage})
        self.assertAllowedSubpageTypes(NeedsPage, set())


def titles(response):
    html = response.content.decode()
    part = (
        html.split('<ul class="register">', 1)[1].split("</ul>", 1)[0] if "register" in html else ""
    )
    return [line.split(">", 1)[1].split("</h2>")[0] for line in part.split("<h2")[1:]]


def test_the_page_lists_the_public_signals_with_topic_place_organisations_and_answer(client, world):
    public_need(world, public_title="Mötesplatser i byarna", municipality="torsby")
    public_need(
        world,
        organisation=world.organisations[1],
        public_title="Barnpassning under SFI",
        status=NeedStatus.ANSWERED,
        region_answer="Ett försök startar i höst.",
        answered_at=timezone.now(),
    )
    new_need(world, title="Ny, inte granskad")

    response = client.get(world.page.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Barnpassning under SFI", "Mötesplatser i byarna"]
    assert '<a href="/behov-vi-ser/?topic=folkhalsa">Folkhälsa</a> · Torsby' in html
    assert "Ett försök startar i höst." in html
    assert "Besvarad av regionen" in html and "Vidarebefordrad till regionen" in html
    assert '<a href="/medlemmar/livsgladje/">Livsglädje Filipstad</a>' in html
    assert "Ny, inte granskad" not in html
    assert "Set-Cookie" not in response.headers


def test_filters_by_topic_and_municipality_with_the_whole_county_everywhere(client, world):
    public_need(world, public_title="I Sunne", municipality="sunne")
    public_need(world, public_title="I hela länet", municipality="hela-lanet")
    public_need(world, public_title="Kultur i Arvika", municipality="arvika", topic=world.culture)
    url = world.page.url

    assert sorted(titles(client.get(url, {"municipality": "sunne"}))) == [
        "I Sunne",
        "I hela länet",
    ]
    assert titles(client.get(url, {"municipality": "hela-lanet"})) == ["I hela länet"]
    assert titles(client.get(url, {"topic": "kultur"})) == ["Kultur i Arvika"]
    assert titles(client.get(url, {"topic": "kultur", "municipality": "sunne"})) == []
    for bad in ({"topic": "okänt"}, {"municipality": "oslo"}, {"page": "9"}):
        assert client.get(url, bad).status_code == 404


def test_the_english_page_shows_the_english_texts_or_the_swedish_marked_as_swedish(client, world):
    public_need(world, public_title="Mötesplatser", public_title_en="Meeting places")
    public_need(
        world,
        public_title="Bara på svenska",
        public_title_en="",
        public_summary="Sammanfattningen finns bara på svenska.",
        public_summary_en="",
    )

    html = client.get(world.page_en.url).content.decode()

    assert "<h2>Meeting places</h2>" in html
    assert '<h2 lang="sv">Bara på svenska</h2>' in html
    assert '<p lang="sv">Sammanfattningen finns bara på svenska.</p>' in html
    assert '<a href="/en/needs-we-see/?topic=public-health">Public health</a>' in html


def test_the_feeds_carry_the_public_signals_in_each_language(client, world):
    need = public_need(world, public_title="Mötesplatser", public_title_en="Meeting places")
    new_need(world, title="Ny, inte granskad")

    rss = feedparser.parse(client.get(f"{world.page.url}rss/").content)
    atom = feedparser.parse(client.get(f"{world.page_en.url}atom/").content)

    assert [entry.title for entry in rss.entries] == ["Mötesplatser"]
    assert rss.entries[0].link == f"http://testserver/behov-vi-ser/#signal-{need.pk}"
    assert "Ser behovet: Föreningen Grannkraft" in rss.entries[0].description
    assert [entry.title for entry in atom.entries] == ["Meeting places"]
    assert atom.entries[0].contributors[0].name == "Föreningen Grannkraft"
    html = client.get(world.page.url).content.decode()
    assert 'type="application/rss+xml"' in html and "/behov-vi-ser/rss/" in html


def test_the_api_gives_the_page_its_public_signals(client, world):
    public_need(world, public_title="Mötesplatser", public_title_en="Meeting places")
    new_need(world, title="Ny, inte granskad")

    sv = client.get(f"/api/v2/pages/{world.page.pk}/").json()["needs"]
    en = client.get(f"/api/v2/pages/{world.page_en.pk}/").json()["needs"]

    assert [(entry["title"], entry["status"]) for entry in sv] == [("Mötesplatser", "forwarded")]
    assert sv[0]["organisations"] == ["Föreningen Grannkraft"]
    assert sv[0]["topic"] == {"name": "Folkhälsa", "slug": "folkhalsa"}
    assert en[0]["title"] == "Meeting places"
    assert en[0]["topic"] == {"name": "Public health", "slug": "public-health"}
    assert "description" not in sv[0] and "Ny, inte granskad" not in str(sv + en)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_search_finds_the_page_by_a_public_signals_words(client, world, language):
    public_need(
        world,
        public_title="Skoterleder för hemtjänsten",
        public_title_en="Snowmobile tracks for home care",
    )
    with_words = {"sv": ("/sok/", "skoterleder"), "en": ("/en/search/", "snowmobile")}
    path, word = with_words[language]

    html = client.get(path, {"q": word}).content.decode()

    page = world.page if language == "sv" else world.page_en
    assert f'<a href="{page.url}">{page.title}</a>' in html


def test_the_dashboards_show_new_signals_to_editors_and_our_signals_to_representatives(
    world, people
):
    new_need(world, title="Väntar på redaktionen")
    editor, representative, other = Client(), Client(), Client()
    editor.force_login(people.editor)
    representative.force_login(people.representative)
    other.force_login(people.other)

    assert "Väntar på redaktionen" in editor.get(reverse("wagtailadmin_home")).content.decode()
    dashboard = representative.get(reverse("wagtailadmin_home")).content.decode()
    assert "Behov vi ser: våra signaler" in dashboard and "Väntar på redaktionen" in dashboard
    assert "Väntar på redaktionen" not in other.get(reverse("wagtailadmin_home")).content.decode()
