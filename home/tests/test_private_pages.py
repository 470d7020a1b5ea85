"""Pages behind a password stay out of shared caches (Wagtail marks them never-cache); a deleted
contact person leaves every page."""

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from home.factories import ContactPersonFactory
from news.factories import NewsPageFactory

PASSWORD = "styrelsen-2026"


@pytest.fixture
def restricted(news_index):
    page = NewsPageFactory(parent=news_index, title="Styrelsens protokoll", slug="protokoll")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def unlock(client, page, restriction):
    return client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": PASSWORD, "return_url": page.url},
    )


def test_a_page_behind_a_password_is_never_kept_by_a_shared_cache(client, restricted):
    page, restriction = restricted
    assert "Styrelsens protokoll" not in client.get(page.url).content.decode()

    unlock(client, page, restriction)
    response = client.get(page.url)

    assert "Styrelsens protokoll" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_child_of_a_restricted_page_is_private_too(client, news_index):
    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    child = NewsPageFactory(parent=news_index, title="Internt", slug="internt")
    unlock(client, news_index, news_index.view_restrictions.get())

    response = client.get(child.url)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_public_pages_stay_cacheable(client, news_index):
    page = NewsPageFactory(parent=news_index, slug="offentlig")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


def test_deleting_a_contact_person_removes_them_from_every_live_page(client, news_index):
    person = ContactPersonFactory(name="Kim Exempelsson")
    pages = [NewsPageFactory(parent=news_index, slug=f"nyhet-{n}") for n in range(2)]
    for page in pages:
        page.contact_persons.set([person])
        page.save_revision().publish()
    assert "Kim Exempelsson" in client.get(pages[0].url).content.decode()

    person.delete()

    for page in pages:
        html = client.get(page.url).content.decode()
        assert "Kim Exempelsson" not in html
        assert "Kontaktpersoner" not in html
