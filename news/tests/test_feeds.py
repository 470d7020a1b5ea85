"""The news feeds, as a feed reader gets them: RSS and Atom, in Swedish and in English."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from conftest import queries, translate
from news.factories import NewsPageFactory

FORMATS = ["rss", "atom"]
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def feed_url(name, language):
    with translation.override(language):
        return reverse(name)


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def published_on(entry):
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    return published.astimezone(STOCKHOLM).date()


@pytest.fixture
def meeting(news_index):
    return NewsPageFactory(
        parent=news_index,
        title="Årsmöte i Säffle: föreningar & kommuner möts",
        slug="arsmote-i-saffle",
        date=datetime.date(2026, 3, 14),
        introduction="Över hundra föreningar från hela länet träffas i Säffle för att välja styrelse.",
    )


@pytest.mark.parametrize("kind", FORMATS)
def test_swedish_feed_carries_title_link_date_and_summary(client, meeting, kind):
    feed = read_feed(client, feed_url(f"news-{kind}", "sv"))

    assert feed.feed.title == "Nyheter – Idékammaren"
    assert feed.feed.link == "http://testserver/nyheter/"
    assert feed.feed.language == "sv"
    [entry] = feed.entries
    assert entry.title == "Årsmöte i Säffle: föreningar & kommuner möts"
    assert entry.link == "http://testserver/nyheter/arsmote-i-saffle/"
    assert published_on(entry) == datetime.date(2026, 3, 14)
    assert "Över hundra föreningar från hela länet träffas i Säffle" in entry.summary


@pytest.mark.parametrize("kind", FORMATS)
def test_english_feed_has_only_the_english_translations(client, site, news_index, meeting, kind):
    translate(
        meeting,
        site.en,
        title="Annual meeting in Säffle",
        introduction="More than a hundred associations meet in Säffle.",
    )
    NewsPageFactory(parent=news_index, title="Bara på svenska")

    feed = read_feed(client, feed_url(f"news-{kind}", "en"))

    assert [entry.title for entry in feed.entries] == ["Annual meeting in Säffle"]
    assert feed.entries[0].link == "http://testserver/en/news/arsmote-i-saffle/"
    assert feed.feed.link == "http://testserver/en/news/"


def test_english_feed_address(news_index):
    assert feed_url("news-rss", "en") == "/en/feed/news.rss"
    assert feed_url("news-atom", "en") == "/en/feed/news.atom"


@pytest.mark.parametrize("kind", FORMATS)
def test_newest_first(client, news_index, kind):
    for day in (3, 9, 1):
        NewsPageFactory(
            parent=news_index, title=f"Nyhet den {day}", date=datetime.date(2026, 5, day)
        )

    feed = read_feed(client, feed_url(f"news-{kind}", "sv"))

    assert [entry.title for entry in feed.entries] == ["Nyhet den 9", "Nyhet den 3", "Nyhet den 1"]


@pytest.mark.parametrize("kind", FORMATS)
def test_drafts_and_private_news_never_appear(client, news_index, meeting, kind):
    NewsPageFactory(parent=news_index, title="Utkast som inte är klart", live=False)
    private = NewsPageFactory(parent=news_index, title="Bara för medlemmar")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    secret = NewsPageFactory(parent=news_index, title="Lösenordsskyddad")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    unpublished = NewsPageFactory(parent=news_index, title="Avpublicerad")
    unpublished.unpublish()

    feed = read_feed(client, feed_url(f"news-{kind}", "sv"))

    assert [entry.title for entry in feed.entries] == [meeting.title]


def test_no_feed_without_a_news_section(client, site):
    assert client.get(feed_url("news-rss", "sv")).status_code == 404


def test_feed_costs_the_same_for_few_and_many_items(client, news_index):
    def add(count):
        NewsPageFactory.create_batch(count, parent=news_index)

    add(5)
    few = queries(client, feed_url("news-rss", "sv"))
    add(25)
    assert queries(client, feed_url("news-rss", "sv")) == few
    assert few <= 6
