"""What feed readers, crawlers and link previews find: feed links, sitemap, robots.txt, cards, JSON-LD."""

import json
import re
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import feedparser
import pytest

from conftest import queries, translate
from home.core.publication import loading_content
from home.factories import ContentPageFactory
from home.models import NetworkSettings
from news.factories import NewsPageFactory
from tests.sitemaps import SITEMAP, XHTML, sitemap_pages, url_entries

FEED_TYPES = {"application/rss+xml", "application/atom+xml"}


class Elements(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def feed_links(response):
    return [
        attrs
        for tag, attrs in Elements(response.content.decode()).found
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") in FEED_TYPES
    ]


def meta(response, name):
    for tag, attrs in Elements(response.content.decode()).found:
        if tag == "meta" and name in (attrs.get("name"), attrs.get("property")):
            return attrs["content"]
    return None


def structured_data(response):
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(script) for script in scripts]


def image():
    return get_image_model().objects.create(title="Bild", file=get_test_image_file())


ALL_SECTIONS = pytest.mark.usefixtures("news_index", "statements_index", "register", "directory")


class TestFeedLinks:
    @ALL_SECTIONS
    @pytest.mark.parametrize(
        ("listing", "feed_title"),
        [
            ("/nyheter/", "Nyheter – Idékammaren"),
            ("/stallningstaganden/", "Ställningstaganden – Idékammaren"),
            ("/remisser/", "Remissvar – Idékammaren"),
            ("/en/news/", "News items – Idékammaren"),
            ("/en/positions/", "Position statements – Idékammaren"),
            ("/en/consultations/", "Consultation responses – Idékammaren"),
        ],
    )
    def test_listing_page_announces_its_feeds_which_a_reader_can_follow(
        self, client, listing, feed_title
    ):
        links = feed_links(client.get(listing))

        assert [(link["type"], link["title"]) for link in links] == [
            ("application/rss+xml", f"{feed_title} (RSS)"),
            ("application/atom+xml", f"{feed_title} (Atom)"),
        ]
        for link in links:
            feed = feedparser.parse(client.get(link["href"]).content)
            assert not feed.bozo, feed.bozo_exception
            assert feed.feed.title == feed_title
            assert feed.feed.link == f"http://testserver{listing}"

    @ALL_SECTIONS
    @pytest.mark.parametrize("home", ["/", "/en/"])
    def test_home_page_announces_all_three_feeds(self, client, home):
        links = feed_links(client.get(home))

        assert len(links) == 6
        language = "en" if home == "/en/" else "sv"
        expected = []
        for name in ("news", "statements", "consultation-responses"):
            for kind in ("rss", "atom"):
                with translation.override(language):
                    expected.append(f"http://testserver{reverse(f'{name}-{kind}')}")
        assert [link["href"] for link in links] == expected

    def test_home_page_announces_no_feed_for_a_missing_section(self, client, news_index):
        titles = [link["title"] for link in feed_links(client.get("/"))]

        assert titles == ["Nyheter – Idékammaren (RSS)", "Nyheter – Idékammaren (Atom)"]


def sitemap_entries(client, url):
    """Each address on one sitemap page, in order, with its alternates by language."""
    return [
        (
            entry.findtext(f"{SITEMAP}loc"),
            {link.get("hreflang"): link.get("href") for link in entry.iter(f"{XHTML}link")},
        )
        for entry in url_entries(client, url)
    ]


class TestSitemap:
    def sitemap(self, client):
        """Every address of the sitemap, over all its pages, with its alternates by language."""
        urls = {}
        for page in sitemap_pages(client):
            urls |= sitemap_entries(client, page)
        return urls

    def test_lists_both_languages_with_hreflang_alternates(self, client, site, news_index):
        item = NewsPageFactory(parent=news_index, slug="arsmote")
        translate(item, site.en, title="Annual meeting")
        NewsPageFactory(parent=news_index, slug="bara-svenska")

        urls = self.sitemap(client)

        translated = {
            "sv": "http://localhost/nyheter/arsmote/",
            "en": "http://localhost/en/news/arsmote/",
            "x-default": "http://localhost/nyheter/arsmote/",
        }
        assert urls["http://localhost/nyheter/arsmote/"] == translated
        assert urls["http://localhost/en/news/arsmote/"] == translated
        assert urls["http://localhost/"]["en"] == "http://localhost/en/"
        assert urls["http://localhost/nyheter/bara-svenska/"] == {
            "sv": "http://localhost/nyheter/bara-svenska/",
            "x-default": "http://localhost/nyheter/bara-svenska/",
        }

    def test_leaves_out_drafts_and_private_pages(self, client, site, news_index):
        NewsPageFactory(parent=news_index, slug="utkast", live=False)
        members_only = ContentPageFactory(parent=site.home, slug="for-medlemmar")
        PageViewRestriction.objects.create(
            page=members_only, restriction_type=PageViewRestriction.LOGIN
        )
        ContentPageFactory(parent=members_only, slug="protokoll")
        secret = NewsPageFactory(parent=news_index, slug="hemlig")
        PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )
        published = NewsPageFactory(parent=news_index, slug="publicerad")
        draft_translation = published.copy_for_translation(site.en)
        draft_translation.save_revision()

        urls = self.sitemap(client)

        assert "http://localhost/nyheter/publicerad/" in urls
        for hidden in ("utkast", "for-medlemmar", "protokoll", "hemlig"):
            assert not any(hidden in url for url in urls), hidden
        assert not any(url.startswith("http://localhost/en/news/publicerad") for url in urls)
        assert "en" not in urls["http://localhost/nyheter/publicerad/"]

    def test_costs_the_same_for_few_and_many_pages(self, client, news_index):
        NewsPageFactory.create_batch(5, parent=news_index)
        few = queries(client, "/sitemap.xml"), queries(client, "/sitemap-pages.xml")
        NewsPageFactory.create_batch(25, parent=news_index)
        assert (queries(client, "/sitemap.xml"), queries(client, "/sitemap-pages.xml")) == few


def test_robots_txt_keeps_crawlers_out_of_admin_search_and_vote_links_and_points_at_the_sitemap(
    client,
):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    with translation.override("sv"):
        swedish_search = reverse("search")
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert f"Disallow: {swedish_search}" in lines
    assert "Disallow: /en/search/" in lines
    assert "Disallow: /medlemsgranskning/" in lines
    assert "Disallow: /en/member-review/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize(
    "path", ["/robots.txt", "/sitemap.xml", "/sitemap-pages.xml", "/feed/news.rss"]
)
def test_crawlers_and_feed_readers_get_no_cookies(client, news_index, path):
    if path.startswith("/feed/"):
        path = reverse("news-rss")
    response = client.get(path)

    assert response.status_code == 200
    assert dict(response.cookies) == {}


class TestTwitterCards:
    def test_page_without_share_image_gets_a_summary_card(self, client, site):
        ContentPageFactory(
            parent=site.home,
            slug="om-oss",
            title="Om nätverket",
            search_description="Så arbetar Idékammaren i Värmlands kommuner.",
        )

        response = client.get("/om-oss/")

        assert meta(response, "twitter:card") == "summary"
        assert meta(response, "twitter:title") == "Om nätverket"
        assert meta(response, "twitter:description") == (
            "Så arbetar Idékammaren i Värmlands kommuner."
        )

    def test_page_with_share_image_gets_a_large_image_card(self, client, site):
        ContentPageFactory(parent=site.home, slug="om-oss", share_image=image())

        response = client.get("/om-oss/")

        assert meta(response, "twitter:card") == "summary_large_image"
        assert meta(response, "og:image").startswith("http://testserver/")


class TestStructuredData:
    def test_news_page_is_a_news_article_by_the_network(self, client, site, news_index):
        item = NewsPageFactory(
            parent=news_index,
            slug="arsmote",
            title="Årsmöte i Säffle",
            introduction="Föreningarna väljer ny styrelse.",
            listing_image=image(),
        )
        with loading_content():
            item.save_revision().publish()
        item.refresh_from_db()

        [article] = structured_data(client.get("/nyheter/arsmote/"))

        assert article["@context"] == "https://schema.org"
        assert article["@type"] == "NewsArticle"
        assert article["headline"] == "Årsmöte i Säffle"
        assert article["description"] == "Föreningarna väljer ny styrelse."
        assert article["datePublished"] == item.date.isoformat()
        assert article["dateModified"].startswith(item.last_published_at.date().isoformat())
        assert article["inLanguage"] == "sv"
        assert article["url"] == "http://testserver/nyheter/arsmote/"
        assert article["image"].startswith("http://testserver/media/images/")
        network = {"@type": "Organization", "name": "Idékammaren", "url": "http://testserver/"}
        assert article["author"] == network
        assert article["publisher"] == network

    def test_english_news_page_is_in_english(self, client, site, news_index):
        item = NewsPageFactory(parent=news_index, slug="arsmote")
        translate(item, site.en, title="Annual meeting")

        [article] = structured_data(client.get("/en/news/arsmote/"))

        assert article["headline"] == "Annual meeting"
        assert article["inLanguage"] == "en"
        assert article["publisher"]["url"] == "http://testserver/en/"

    def test_a_title_cannot_break_out_of_the_script(self, client, news_index):
        title = 'Lokaler </script><script>alert("å")</script> & <!-- mer'
        NewsPageFactory(parent=news_index, slug="lokaler", title=title)

        response = client.get("/nyheter/lokaler/")

        assert "<script>alert" not in response.content.decode()
        [article] = structured_data(response)
        assert article["headline"] == title

    def test_home_page_describes_the_network(self, client, site):
        settings = NetworkSettings.for_site(site.site)
        settings.network_name = "Idékammaren Värmland"
        settings.email = "info@idekammaren.example"
        settings.phone = "070-174 06 10"
        settings.postal_address = "Idékammaren Värmland\nIdégatan 4\n652 25 Karlstad"
        settings.social_links = [
            ("link", {"service": "facebook", "url": "https://www.facebook.com/idekammaren"}),
            ("link", {"service": "linkedin", "url": "https://www.linkedin.com/company/ik"}),
        ]
        settings.save()

        for home, url in (("/", "http://testserver/"), ("/en/", "http://testserver/en/")):
            [organisation] = structured_data(client.get(home))
            assert organisation == {
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": "Idékammaren Värmland",
                "url": url,
                "email": "info@idekammaren.example",
                "telephone": "070-174 06 10",
                "address": "Idékammaren Värmland, Idégatan 4, 652 25 Karlstad",
                "sameAs": [
                    "https://www.facebook.com/idekammaren",
                    "https://www.linkedin.com/company/ik",
                ],
            }
