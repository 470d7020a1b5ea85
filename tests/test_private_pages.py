"""Pages behind a password stay out of shared caches (Wagtail marks them never-cache), a page and
its translations share one privacy setting, and a deleted contact person leaves every page."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from conftest import make_user, translate
from home.core.publication import loading_content
from home.factories import ContactPersonFactory
from news.factories import NewsPageFactory
from tests.worlds import fixtures_from_the_shared_world

PASSWORD = "styrelsen-2026"


site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


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


def test_a_page_behind_a_password_asks_for_it_in_the_readers_language(client, restricted):
    page, restriction = restricted

    html = client.get(page.url).content.decode()

    assert "<h1>Lösenord krävs</h1>" in html
    assert '<label for="id_password">Lösenord</label>' in html
    assert "Styrelsens protokoll" not in html
    assert 'name="robots" content="noindex"' in html

    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "fel-lösenord", "return_url": page.url},
    )
    assert 'aria-invalid="true"' in response.content.decode()
    assert "Styrelsens protokoll" not in response.content.decode()


def test_a_page_for_logged_in_readers_sends_them_to_the_login(client, news_index):
    page = NewsPageFactory(parent=news_index, title="Medlemsbrev", slug="medlemsbrev")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={page.url}"


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
        with loading_content():
            page.save_revision().publish()
    assert "Kim Exempelsson" in client.get(pages[0].url).content.decode()

    person.delete()

    for page in pages:
        html = client.get(page.url).content.decode()
        assert "Kim Exempelsson" not in html
        assert "Kontaktpersoner" not in html


@pytest.fixture
def translated(client, news_index, site):
    """A Swedish news item with its English translation, and an administrator's client."""
    page = NewsPageFactory(parent=news_index, title="Styrelsens protokoll", slug="protokoll")
    english = translate(page, site.en, title="Board minutes", slug="minutes")
    english.refresh_from_db()
    client.force_login(make_user("admin", is_superuser=True))
    return page, english


def set_privacy(client, page, restriction_type, **fields):
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": restriction_type, **fields},
    )
    assert response.status_code == 200, response.content


def read_anonymously(page):
    return Client().get(page.url)


def test_making_a_page_private_in_the_admin_makes_its_translation_private(client, translated):
    page, english = translated
    assert "Board minutes" in read_anonymously(english).content.decode()

    set_privacy(client, page, "password", password=PASSWORD)

    response = read_anonymously(english)
    assert "Board minutes" not in response.content.decode()
    assert "<h1>Password required</h1>" in response.content.decode()
    assert '<label for="id_password">Password</label>' in response.content.decode()
    assert english.view_restrictions.get().password == PASSWORD
    listing = read_anonymously(english.get_parent()).content.decode()
    assert "Board minutes" not in listing


def test_a_page_made_public_again_is_public_in_every_language(client, translated):
    page, english = translated
    set_privacy(client, page, "password", password=PASSWORD)

    set_privacy(client, page, "none")

    assert not english.view_restrictions.exists()
    assert "Board minutes" in read_anonymously(english).content.decode()


def test_a_restriction_to_groups_reaches_the_translation_with_its_groups(client, translated):
    page, english = translated
    editors = Group.objects.get(name="Redaktörer")

    set_privacy(client, page, "groups", groups=[editors.pk])

    restriction = english.view_restrictions.get()
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert list(restriction.groups.all()) == [editors]
    assert read_anonymously(english).status_code == 302


def test_a_translation_made_later_is_private_from_the_start(restricted, site):
    page, _restriction = restricted

    english = translate(page, site.en, title="Board minutes", slug="minutes")
    english.refresh_from_db()

    assert english.view_restrictions.get().password == PASSWORD
    assert "Board minutes" not in read_anonymously(english).content.decode()


def test_deleting_a_page_leaves_its_translation_private(restricted, site):
    page, _restriction = restricted
    english = translate(page, site.en, title="Board minutes", slug="minutes")

    page.delete()

    assert english.view_restrictions.get().password == PASSWORD


def test_a_group_given_access_from_the_groups_side_reaches_the_translation(translated):
    page, english = translated
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    editors = Group.objects.get(name="Redaktörer")

    editors.pageviewrestriction_set.add(restriction)

    assert list(english.view_restrictions.get().groups.all()) == [editors]
