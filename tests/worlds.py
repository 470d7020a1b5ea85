"""Worlds the tests build once per module or class, and find as built in every test.

A world is built in a transaction of its own, opened before the first test that asks for it and
rolled back after the last test of its module (or class). Each test runs in a savepoint within
it (pytest-django's `db`, or Django's TestCase), so what one test changes is gone before the
next one starts, and what the world built is gone before the next module's tests.

Tests take deep copies of the world's objects, as Django's TestCase.setUpTestData hands out its
class attributes: a test that changes an object in memory (a page's `numchild` grows when a
child is added to it) leaves the next test's copy as the world built it.

A pytest plugin of the root conftest.
"""

import copy
from contextlib import contextmanager
from io import StringIO
from types import SimpleNamespace

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from conftest import translate
from home.factories import HomePageFactory
from members.factories import MemberDirectoryPageFactory, MemberOrganisationFactory
from news.factories import NewsIndexPageFactory
from positions.factories import ConsultationIndexPageFactory, PositionIndexPageFactory


@contextmanager
def built_once(django_db_blocker):
    """A transaction to build a world in, rolled back when the block ends.

    The block builds with the database open, in the site's default language, then runs the
    tests within `with tests_run():`, where the database is closed again until each test opens
    it for itself (the `django_db` mark, or a Django TestCase)::

        @pytest.fixture(scope="module")
        def world(django_db_setup, django_db_blocker):
            with built_once(django_db_blocker) as tests_run:
                built = build_the_world()
                with tests_run():
                    yield built
    """
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        translation.override(settings.LANGUAGE_CODE, deactivate=True),
    ):
        yield django_db_blocker.block
        transaction.set_rollback(True)


def fresh(world):
    """A test's own copy of the world's objects (see the module's docstring)."""
    return copy.deepcopy(world)


# The bilingual site, as the root conftest's `site`, `news_index`, ... fixtures build it -------


def build_site():
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


def build_news_index(site):
    index = NewsIndexPageFactory(parent=site.home)
    translate(index, site.en, title="News", slug="news")
    return index


def build_statements_index(site):
    index = PositionIndexPageFactory(parent=site.home)
    translate(index, site.en, title="Positions", slug="positions")
    return index


def build_register(site):
    index = ConsultationIndexPageFactory(parent=site.home)
    translate(index, site.en, title="Consultations", slug="consultations")
    return index


def build_directory(site):
    page = MemberDirectoryPageFactory(parent=site.home)
    translate(page, site.en, title="Members", slug="members")
    return page


def build_bilingual_world():
    """The bilingual site with all four sections and twelve member organisations."""
    site = build_site()
    return SimpleNamespace(
        site=site,
        news_index=build_news_index(site),
        statements_index=build_statements_index(site),
        register=build_register(site),
        directory=build_directory(site),
        members=MemberOrganisationFactory.create_batch(12),
    )


@pytest.fixture(scope="module")
def bilingual_world(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as tests_run:
        built = build_bilingual_world()
        with tests_run():
            yield built


@pytest.fixture
def shared_world(db, bilingual_world):
    return fresh(bilingual_world)


def fixtures_from_the_shared_world():
    """The root conftest's `site`, `news_index`, ..., `members`, taken from a world built once.

    A module opts in with::

        site, news_index, statements_index, register, directory, members = (
            fixtures_from_the_shared_world()
        )

    Its tests then find all four sections and the twelve members, whichever they ask for.
    """

    def taken(name):
        @pytest.fixture(name=name)
        def fixture(shared_world):
            return getattr(shared_world, name)

        return fixture

    names = ("site", "news_index", "statements_index", "register", "directory", "members")
    return [taken(name) for name in names]


# The demo site --------------------------------------------------------------------------------


def load_demo_content():
    call_command("load_demo_content", "--force", stdout=StringIO())


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the module; none of its rows outlives the module."""
    with django_db_blocker.unblock():
        pages_before = Page.objects.count()
    with built_once(django_db_blocker) as tests_run:
        load_demo_content()
        with tests_run():
            yield
    with django_db_blocker.unblock():
        assert Page.objects.count() == pages_before


# After transactional tests -------------------------------------------------------------------


@pytest.fixture(scope="module")
def migrated_database_afterwards(django_db_blocker):
    """After a module's last transactional test, put back what the migrations created.

    Serialized rollback restores that snapshot at the start of each such test, but the flush at
    the end of the last one would leave the database without its groups, tasks and workflows
    for whatever runs next.
    """
    yield
    snapshot = getattr(connection, "_test_serialized_contents", None)
    if snapshot is not None:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(snapshot)
