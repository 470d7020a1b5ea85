"""Fixtures shared by every app's tests: a bilingual site built from factories."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from home.core.publication import loading_content
from home.factories import HomePageFactory
from members.factories import MemberDirectoryPageFactory, MemberOrganisationFactory
from news.factories import NewsIndexPageFactory
from positions.factories import ConsultationIndexPageFactory, PositionIndexPageFactory

pytest_plugins = ["tests.review_fixtures", "tests.worlds"]

PASSWORD = "ett-långt-lösenord"


def make_user(username, *groups, **fields):
    user = get_user_model().objects.create_user(
        username,
        email=f"{username}@idekammaren.example",
        password=PASSWORD,
        **fields,
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def queries(client, url):
    """The queries a warm GET of `url` costs, asserting it answers 200."""
    client.get(url)  # the first request makes image renditions and warms Wagtail's site cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def translate(source, locale, **fields):
    """A translation of a page or snippet in `locale`, with `fields` set; pages are published."""
    translation = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if isinstance(translation, Page):
        with loading_content():
            translation.save_revision().publish()
        return translation.specific
    translation.save()
    return translation


@pytest.fixture(autouse=True)
def empty_cache():
    """Tests roll back the database but not the cache, which holds the site chrome."""
    cache.clear()


@pytest.fixture(autouse=True)
def swedish_first():
    """Each test starts in the site's default language, whatever an earlier request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def site(db):
    sv = Locale.objects.get(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="start")
    default_site = Site.objects.get(is_default_site=True)
    welcome = default_site.root_page
    default_site.root_page = home
    default_site.save()
    welcome.delete()
    home_en = translate(home, en, slug="home", title="Home", hero_heading="Welcome")
    return SimpleNamespace(sv=sv, en=en, home=home, home_en=home_en, site=default_site)


@pytest.fixture
def news_index(site):
    index = NewsIndexPageFactory(parent=site.home)
    translate(index, site.en, title="News", slug="news")
    return index


@pytest.fixture
def statements_index(site):
    index = PositionIndexPageFactory(parent=site.home)
    translate(index, site.en, title="Positions", slug="positions")
    return index


@pytest.fixture
def register(site):
    index = ConsultationIndexPageFactory(parent=site.home)
    translate(index, site.en, title="Consultations", slug="consultations")
    return index


@pytest.fixture
def directory(site):
    page = MemberDirectoryPageFactory(parent=site.home)
    translate(page, site.en, title="Members", slug="members")
    return page


@pytest.fixture
def members(db):
    return MemberOrganisationFactory.create_batch(12)
