"""What each response tells Varnish and browsers: whether it may be shared, for how long, what
it varies on, and what it shows (its `xkey` cache tags); see home/core/http_cache.py."""

from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from conftest import make_user, translate
from home.factories import ContentPageFactory
from news.factories import NewsPageFactory
from positions.factories import ConsultationResponsePageFactory, PositionStatementPageFactory
from tests.worlds import fixtures_from_the_shared_world

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()

LONG = "public, max-age=60, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400"
SHORT = "public, max-age=60, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"
NOT_FOUND = "public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"


def cache_control(response):
    return ", ".join(sorted(part.strip() for part in response["Cache-Control"].split(",")))


def expected(value):
    return ", ".join(sorted(part.strip() for part in value.split(",")))


def vary(response):
    return {name.strip() for name in response.get("Vary", "").split(",") if name.strip()}


def tags(response):
    return set(response["xkey"].split())


def assert_private(response):
    assert "private" in response["Cache-Control"], response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert "xkey" not in response


@pytest.fixture
def pages(site, news_index, statements_index, register, directory, members):
    """One page of each type, in Swedish and English."""
    sv = SimpleNamespace(
        home=site.home,
        content=ContentPageFactory(parent=site.home, slug="om-oss"),
        news_index=news_index,
        news=NewsPageFactory(parent=news_index, slug="nyhet"),
        statements_index=statements_index,
        statement=PositionStatementPageFactory(parent=statements_index, slug="lokaler"),
        register=register,
        response=ConsultationResponsePageFactory(parent=register, slug="remissvar"),
        directory=directory,
    )
    en = SimpleNamespace(
        **{
            name: page.get_translation(site.en)
            for name, page in vars(sv).items()
            if page.get_translations().filter(locale=site.en).exists()
        },
        content=translate(sv.content, site.en, slug="about"),
        news=translate(sv.news, site.en, slug="item"),
        statement=translate(sv.statement, site.en, slug="premises"),
        response=translate(sv.response, site.en, slug="response"),
    )
    for page in vars(en).values():
        page.refresh_from_db()
    return SimpleNamespace(sv=sv, en=en, organisation=members[0])


def page_tags(page, *more):
    return {"all", "chrome", f"page-{page.pk}", f"listing-{page.pk}", *more}


def sections_of(language):
    return {
        f"listing-{page.pk}"
        for page in (
            language.news_index,
            language.statements_index,
            language.register,
            language.directory,
            language.content,
        )
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_type_may_be_kept_by_varnish_and_names_what_it_shows(client, pages, language):
    lang = getattr(pages, language)
    organisation_url = f"{lang.directory.url}{pages.organisation.slug}/"
    cases = {
        lang.home.url: page_tags(lang.home, *sections_of(lang)),
        lang.content.url: page_tags(lang.content),
        lang.news_index.url: page_tags(lang.news_index),
        lang.news.url: page_tags(lang.news),
        lang.statements_index.url: page_tags(lang.statements_index),
        lang.statement.url: page_tags(lang.statement),
        lang.register.url: page_tags(lang.register),
        lang.response.url: page_tags(lang.response),
        lang.directory.url: page_tags(lang.directory),
        organisation_url: page_tags(lang.directory),
    }
    for url, wanted in cases.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert cache_control(response) == expected(LONG), url
        assert tags(response) == wanted, url
        # The path decides the language; the session can add the editors' bar to the page.
        assert vary(response) == {"Cookie"}, url
        assert not response.cookies, url


@pytest.mark.parametrize("language", ["sv", "en"])
def test_feeds_are_shared_and_tagged_with_their_section(client, pages, language):
    lang = getattr(pages, language)
    feeds = {
        "news-rss": lang.news_index,
        "news-atom": lang.news_index,
        "statements-rss": lang.statements_index,
        "statements-atom": lang.statements_index,
        "consultation-responses-rss": lang.register,
        "consultation-responses-atom": lang.register,
    }
    for name, index in feeds.items():
        with translation.override(language):
            url = reverse(name)
        response = client.get(url)
        assert response.status_code == 200, url
        assert cache_control(response) == expected(LONG), url
        assert tags(response) == page_tags(index), url
        assert vary(response) == set(), url


@pytest.mark.parametrize(
    ("url", "wanted"),
    [
        ("/sok/", {"all", "chrome", "search"}),
        ("/sok/?q=lokaler", {"all", "chrome", "search"}),
        ("/en/search/?q=premises", {"all", "chrome", "search"}),
    ],
)
def test_search_is_shared_briefly(client, pages, url, wanted):
    response = client.get(url)
    assert response.status_code == 200
    assert cache_control(response) == expected(SHORT)
    assert tags(response) == wanted
    assert "Accept-Language" not in vary(response)


def test_filtered_and_paginated_listings_are_shared_briefly(client, pages):
    for url in [
        f"{pages.sv.news_index.url}?page=1",
        f"{pages.en.register.url}?year={pages.sv.response.received_date.year}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert cache_control(response) == expected(SHORT), url


@pytest.mark.parametrize(
    ("url", "wanted", "control"),
    [
        ("/sitemap.xml", {"all", "sitemap"}, LONG),
        ("/robots.txt", {"all"}, LONG),
        ("/api/v2/pages/", {"all", "api"}, LONG),
        ("/api/v2/pages/?type=news.NewsPage", {"all", "api"}, SHORT),
        ("/api/v2/images/", {"all", "api"}, LONG),
    ],
)
def test_machine_readable_responses_are_shared(client, pages, url, wanted, control):
    response = client.get(url)
    assert response.status_code == 200
    assert cache_control(response) == expected(control)
    assert tags(response) == wanted
    assert "Accept-Language" not in vary(response)
    assert "Cookie" not in vary(response)


def test_an_api_detail_is_shared(client, pages):
    response = client.get(f"/api/v2/pages/{pages.en.news.pk}/")
    assert response.status_code == 200
    assert cache_control(response) == expected(LONG)
    assert tags(response) == {"all", "api"}


@pytest.mark.parametrize("url", ["/finns-inte/", "/en/missing/", "/api/v2/pages/999999/"])
def test_a_404_is_shared_for_a_minute_until_a_page_is_published(client, site, url):
    response = client.get(url)
    assert response.status_code == 404
    assert cache_control(response) == expected(NOT_FOUND)
    assert tags(response) == {"all", "chrome", "not-found"}


def test_a_page_behind_a_password_is_never_shared(client, pages):
    PageViewRestriction.objects.create(
        page=pages.sv.news, restriction_type=PageViewRestriction.PASSWORD, password="hemligt-1234"
    )
    form = client.get(pages.sv.news.url)
    assert form.status_code == 200
    assert_private(form)

    restriction = pages.sv.news.view_restrictions.get()
    unlocked = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, pages.sv.news.pk]),
        {"password": "hemligt-1234", "return_url": pages.sv.news.url},
    )
    assert_private(unlocked)
    assert unlocked.cookies
    page = client.get(pages.sv.news.url)
    assert page.status_code == 200
    assert_private(page)


def test_a_page_for_logged_in_readers_is_never_shared(client, pages):
    PageViewRestriction.objects.create(
        page=pages.sv.statement, restriction_type=PageViewRestriction.LOGIN
    )
    assert_private(client.get(pages.sv.statement.url))
    client.force_login(make_user("styrelsen"))
    response = client.get(pages.sv.statement.url)
    assert response.status_code == 200
    assert_private(response)


def test_an_editor_never_gets_a_shared_response(client, pages):
    client.force_login(make_user("redaktor", "Redaktörer"))
    for url in [pages.sv.home.url, pages.en.news.url, "/sok/?q=lokaler", "/api/v2/pages/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response)


def test_the_admin_and_the_health_check_are_never_shared(client, site):
    assert_private(client.get("/admin/login/"))
    assert_private(client.get("/healthz"))
    client.force_login(make_user("admin", is_superuser=True))
    assert_private(client.get("/admin/"))


def test_what_sets_a_cookie_or_changes_something_is_never_shared(client, pages):
    login = client.get("/admin/login/")
    assert login.cookies
    assert_private(login)
    assert_private(client.post(pages.sv.news.url))
    assert_private(client.options("/api/v2/pages/"))
