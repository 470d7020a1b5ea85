"""Fixtures shared by every app's tests: a bilingual site built from factories."""

from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from home.core.publication import loading_content
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory
from positions.factories import (
    ConsultationIndexPageFactory,
    MemberDirectoryPageFactory,
    MemberOrganisationFactory,
    PositionIndexPageFactory,
)


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
