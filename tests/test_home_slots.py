"""The home page's latest items are kept in the cache (templates/home/home_page.html), and a reader
sees each change at once: a news item published or unpublished, an authority renamed, an
organisation leaving, a deadline passing at midnight."""

import datetime
import re

from django.utils import timezone

import pytest

from news.factories import NewsPageFactory
from positions.factories import ConsultationResponsePageFactory, IssuingAuthorityFactory
from tests.worlds import fixtures_from_the_shared_world

pytestmark = pytest.mark.django_db

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


def home_page(client):
    return client.get("/").content.decode()


def slot(html, slot_id):
    match = re.search(
        rf'<section class="home-slot[^"]*" aria-labelledby="{slot_id}">.*?</section>', html, re.S
    )
    return match.group(0) if match else ""


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change as an editor makes it: what runs after the commit runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_news_item_shows_on_the_home_page_as_soon_as_it_is_published_and_leaves_when_unpublished(
    client, news_index, committed
):
    assert "Ny mötesplats i Kil" not in home_page(client)
    with committed():
        news = NewsPageFactory(
            parent=news_index, title="Ny mötesplats i Kil", date=timezone.localdate()
        )
    assert "Ny mötesplats i Kil" in slot(home_page(client), "latest-news")

    with committed():
        news.unpublish()
    assert "Ny mötesplats i Kil" not in home_page(client)


def test_an_authority_renamed_is_named_anew_beside_its_open_consultation(
    client, register, committed
):
    with committed():
        authority = IssuingAuthorityFactory(name="Kils kommun")
        ConsultationResponsePageFactory(
            parent=register,
            authority=authority,
            status="preparing",
            response_deadline=timezone.localdate() + datetime.timedelta(days=10),
        )
    assert "Kils kommun" in slot(home_page(client), "open-consultations")

    with committed():
        authority.name = "Kommunstyrelsen i Kil"
        authority.save()
    assert "Kommunstyrelsen i Kil" in slot(home_page(client), "open-consultations")


def test_an_organisation_leaving_is_counted_no_more(client, members, committed):
    assert "12 medlemsorganisationer står bakom nätverket" in home_page(client)
    with committed():
        members[0].active = False
        members[0].save()
    assert "11 medlemsorganisationer står bakom nätverket" in home_page(client)


def test_a_consultation_leaves_the_open_ones_the_day_after_its_deadline(
    client, register, committed, monkeypatch
):
    today = timezone.localdate()
    with committed():
        ConsultationResponsePageFactory(
            parent=register,
            title="Remiss om lokalstöd",
            status="preparing",
            response_deadline=today,
        )
    assert "Remiss om lokalstöd" in slot(home_page(client), "open-consultations")

    monkeypatch.setattr(
        timezone, "localdate", lambda *args, **kwargs: today + datetime.timedelta(days=1)
    )
    assert "Remiss om lokalstöd" not in home_page(client)
