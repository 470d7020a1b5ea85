"""What search engines and link previews read in a page's head: its title and its description."""

import re
from html import unescape

from django.db import models

from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models

import pytest

from home.factories import ContentPageFactory
from home.models import NetworkSettings
from home.models.mixins import META_DESCRIPTION_LENGTH, shortened

TEXT_FIELDS = (models.CharField, models.TextField, RichTextField)


def head(response):
    return response.content.decode().split("</head>")[0]


def meta(response, name):
    """The content of every <meta> named `name` (name= or property=), unescaped as a browser does."""
    pattern = rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">'
    return [unescape(content) for content in re.findall(pattern, head(response))]


def title(response):
    return unescape(re.search(r"<title>(.*?)</title>", head(response), re.S)[1])


@pytest.mark.parametrize(
    "page_model",
    [model for model in get_page_models() if model is not Page],
    ids=lambda model: model._meta.label,
)
def test_every_page_type_names_the_field_that_describes_it(page_model):
    name = getattr(page_model, "meta_description_field", None)

    assert name, f"{page_model._meta.label} has no meta_description_field"
    assert isinstance(page_model._meta.get_field(name), TEXT_FIELDS)


class TestDescription:
    def test_the_introduction_describes_a_page_whose_search_description_is_empty(
        self, client, site
    ):
        ContentPageFactory(
            parent=site.home, slug="om", introduction="Så arbetar nätverket\n  i länets kommuner."
        )

        response = client.get("/om/")

        for name in ("description", "og:description", "twitter:description"):
            assert meta(response, name) == ["Så arbetar nätverket i länets kommuner."], name

    def test_the_search_description_comes_first(self, client, site):
        ContentPageFactory(
            parent=site.home,
            slug="om",
            introduction="Ingressen.",
            search_description="Vad sökmotorerna ska visa.",
        )

        response = client.get("/om/")

        assert meta(response, "description") == ["Vad sökmotorerna ska visa."]
        assert meta(response, "og:description") == ["Vad sökmotorerna ska visa."]

    def test_no_description_without_either(self, client, site):
        ContentPageFactory(parent=site.home, slug="om", introduction="")

        response = client.get("/om/")

        assert meta(response, "description") == []
        assert meta(response, "og:description") == []

    def test_a_long_introduction_is_cut_after_a_whole_word(self, client, site):
        words = "Föreningarna i Värmland samverkar med regionen om folkhälsa och integration. " * 5
        ContentPageFactory(parent=site.home, slug="om", introduction=words)

        [description] = meta(client.get("/om/"), "description")

        assert len(description) <= META_DESCRIPTION_LENGTH
        assert description.endswith("…")
        kept = description.removesuffix("…")
        assert words.startswith(kept)
        assert words[len(kept)] in " ."

    def test_markup_in_the_text_stays_text(self, client, site):
        hostile = 'Möte "><script>alert(1)</script> & <b>fest</b>'
        ContentPageFactory(parent=site.home, slug="om", introduction=hostile)

        response = client.get("/om/")

        assert "<script>alert" not in head(response)
        assert meta(response, "description") == [hostile]

    def test_the_home_page_is_described_by_its_introduction(self, client, site):
        response = client.get("/")

        assert meta(response, "description") == [site.home.hero_introduction]

    def test_a_member_organisation_is_described_by_its_description(
        self, client, directory, members
    ):
        organisation = members[0]
        organisation.description = "Vi driver läxhjälp och språkcaféer i Kil."
        organisation.save()

        response = client.get(f"/medlemmar/{organisation.slug}/")

        assert meta(response, "description") == ["Vi driver läxhjälp och språkcaféer i Kil."]
        assert meta(response, "og:title") == [organisation.name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Kort\ttext\n med  luft ", "Kort text med luft"),
        ("a" * 200, "a" * 159 + "…"),
        ("ord " * 38 + "ordet", "ord " * 38 + "ordet"),
        ("ord " * 39 + "ordet slutar", ("ord " * 39).rstrip() + "…"),
        ("ord, " * 40, ("ord, " * 32).rstrip(", ") + "…"),
    ],
)
def test_shortened_keeps_whole_words_within_the_limit(text, expected):
    assert shortened(text) == expected
    assert len(shortened(text)) <= META_DESCRIPTION_LENGTH


class TestTitle:
    @pytest.fixture
    def network(self, site):
        settings = NetworkSettings.for_site(site.site)
        settings.network_name = "Idékammaren Värmland"
        settings.save()
        return settings

    @pytest.mark.parametrize("url", ["/", "/en/"])
    def test_the_home_page_is_titled_with_the_network_name_alone(self, client, network, url):
        response = client.get(url)

        assert title(response) == "Idékammaren Värmland"
        assert meta(response, "og:title") == ["Idékammaren Värmland"]
        assert meta(response, "twitter:title") == ["Idékammaren Värmland"]
        assert meta(response, "og:site_name") == ["Idékammaren Värmland"]

    def test_other_pages_are_titled_page_then_network(self, client, site, network):
        ContentPageFactory(parent=site.home, slug="om", title="Om nätverket")

        response = client.get("/om/")

        assert title(response) == "Om nätverket – Idékammaren Värmland"
        assert meta(response, "og:title") == ["Om nätverket"]

    def test_a_page_not_found_keeps_the_network_after_its_title(self, client, network):
        assert title(client.get("/finns-inte/")) == "Sidan hittades inte – Idékammaren Värmland"
