"""What keeps the site quick with many pages: indexed dates, sorts without bodies, a bounded API
offset and a sitemap in pages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from conftest import queries, translate
from home.core.sitemap import PagesSitemap
from news.factories import NewsPageFactory
from news.models import NewsPage
from positions.factories import ConsultationResponsePageFactory, PositionStatementPageFactory
from positions.feeds import ConsultationResponseFeed
from positions.models.consultations import open_consultations
from positions.models.statements import statements_under
from tests.sitemaps import SITEMAP, XHTML, sitemap_pages, url_entries
from tests.worlds import fixtures_from_the_shared_world

PAGES = "/api/v2/pages/"


site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


def news(index, count):
    return [
        NewsPageFactory(parent=index, date=datetime.date(2026, 1, 1) + datetime.timedelta(n))
        for n in range(count)
    ]


# Indexes ---------------------------------------------------------------------------------------


def index_scans(queryset):
    """The plan of `queryset` on PostgreSQL when it may neither scan a table nor sort."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plans")
def test_listings_read_their_order_from_an_index(news_index, statements_index, register):
    listings = {
        "news_date_idx": news_index.news(),
        "positions_adopted_idx": statements_under(statements_index),
        "positions_deadline_idx": open_consultations(register.consultations()),
        "positions_closed_on_idx": register.closed_consultations(register.consultations()),
        "positions_submitted_idx": ConsultationResponseFeed().entries(register),
    }
    for index, listing in listings.items():
        plan = index_scans(listing[:12])
        assert f"using {index} on" in plan, plan
        # The index gives the first column's order, NULLS LAST included; what is left of the
        # order is a sort within equal dates at most.
        assert "Sort Key" not in plan or "Presorted Key" in plan, plan


# No bodies in sorts ----------------------------------------------------------------------------


def sorted_windows(captured, table):
    """The queries that sort rows of `table` and take a window of them."""
    return [
        query["sql"]
        for query in captured
        if table in query["sql"] and "ORDER BY" in query["sql"] and "LIMIT" in query["sql"]
    ]


@pytest.fixture
def many_of_each(news_index, statements_index, register):
    news(news_index, 14)
    for _ in range(3):
        PositionStatementPageFactory(parent=statements_index)
        ConsultationResponsePageFactory(parent=register)


@pytest.mark.usefixtures("many_of_each")
@pytest.mark.parametrize(
    ("url", "table"),
    [
        ("/nyheter/?page=2", "news_newspage"),
        ("/stallningstaganden/", "positions_positionstatementpage"),
        ("/remisser/", "positions_consultationresponsepage"),
        ("/flode/nyheter.rss", "news_newspage"),
        ("/en/feed/positions.atom", "positions_positionstatementpage"),
        ("/flode/remissvar.rss", "positions_consultationresponsepage"),
        (f"{PAGES}?type=news.NewsPage&fields=body&order=-date&offset=12", "news_newspage"),
        (f"{PAGES}?type=positions.PositionStatementPage&fields=*", "positions_positionstatement"),
        (f"{PAGES}?type=positions.ConsultationResponsePage&order=title", "positions_consultation"),
    ],
)
def test_a_sorted_window_of_a_listing_carries_no_body(client, url, table):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)

    assert response.status_code == 200
    windows = sorted_windows(captured, table)
    assert windows
    for sql in windows:
        assert '"body"' not in sql, sql


def test_the_api_reads_bodies_for_its_window_in_the_listings_order(client, news_index):
    items = news(news_index, 5)

    data = client.get(f"{PAGES}?type=news.NewsPage&fields=date,body&order=-date&limit=3").json()

    assert [item["id"] for item in data["items"]] == [item.pk for item in items[::-1][:3]]
    assert all("body" in item for item in data["items"])
    assert data["meta"]["total_count"] == 5


# The API's offset ------------------------------------------------------------------------------


def test_the_api_reads_no_deeper_than_its_offset_cap(client, news_index, monkeypatch):
    monkeypatch.setattr("idekammare.api.MAX_OFFSET", 3)
    news(news_index, 6)
    listing = f"{PAGES}?type=news.NewsPage&order=date"

    assert len(client.get(f"{listing}&offset=3").json()["items"]) == 3
    too_deep = client.get(f"{listing}&offset=4")
    assert too_deep.status_code == 400
    assert too_deep.json() == {
        "message": "offset cannot be higher than 3; "
        "narrow the listing with filters or reverse its order"
    }
    # Past the end there is nothing to skip over: no items, as before the cap.
    past_the_end = client.get(f"{listing}&offset=6")
    assert past_the_end.status_code == 200
    assert past_the_end.json()["items"] == []


# The sitemap index -----------------------------------------------------------------------------


def entries(client, url):
    return [
        (
            entry.findtext(f"{SITEMAP}loc"),
            entry.findtext(f"{SITEMAP}lastmod"),
            sorted((link.get("hreflang"), link.get("href")) for link in entry.iter(f"{XHTML}link")),
        )
        for entry in url_entries(client, url)
    ]


def test_the_sitemap_is_an_index_of_one_page_while_the_site_fits_on_one(client, news_index):
    item, *_rest = news(news_index, 3)
    published = datetime.datetime(2026, 5, 4, 12, 30, tzinfo=datetime.UTC)
    NewsPage.objects.filter(pk=item.pk).update(last_published_at=published)

    assert sitemap_pages(client) == ["http://testserver/sitemap-pages.xml"]
    urls = {
        location: lastmod for location, lastmod, _links in entries(client, "/sitemap-pages.xml")
    }
    assert "http://localhost/nyheter/" in urls
    assert urls[item.full_url] == timezone.localtime(published).isoformat()


def test_sitemap_pages_hold_every_address_once_with_its_alternates(
    client, site, news_index, monkeypatch
):
    item, *_rest = news(news_index, 4)
    translate(item, site.en, title="Annual meeting", slug="annual-meeting")
    whole = entries(client, "/sitemap-pages.xml")
    monkeypatch.setattr(PagesSitemap, "limit", len(whole) - 2)

    pages = sitemap_pages(client)

    assert pages == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-pages.xml?p=2",
    ]
    assert entries(client, pages[0]) + entries(client, pages[1]) == whole
    translated = {
        ("en", "http://localhost/en/news/annual-meeting/"),
        ("sv", item.full_url),
        ("x-default", item.full_url),
    }
    for location, _lastmod, links in whole:
        if location in (item.full_url, "http://localhost/en/news/annual-meeting/"):
            assert set(links) == translated
    assert client.get("/sitemap-pages.xml?p=3").status_code == 404
    assert client.get("/sitemap-pages.xml?p=abc").status_code == 404
    assert client.get("/sitemap-other.xml").status_code == 404


def test_a_sitemap_page_costs_the_same_for_5_pages_as_for_50(client, site, news_index):
    for item in news(news_index, 5):
        translate(item, site.en)
    few = queries(client, "/sitemap.xml"), queries(client, "/sitemap-pages.xml")
    news(news_index, 45)

    assert (queries(client, "/sitemap.xml"), queries(client, "/sitemap-pages.xml")) == few
