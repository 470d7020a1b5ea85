"""A world for the signals' tests, built once per module: the bilingual site with the needs page
in both languages, a topic, three member organisations and people in each role."""

import copy
from contextlib import contextmanager
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from conftest import make_user, translate
from home.factories import HomePageFactory, TopicFactory
from members.factories import MemberDirectoryPageFactory, MemberOrganisationFactory
from members.models import Representative
from needs.factories import NeedsPageFactory
from needs.models import NeedsPage


@contextmanager
def built_once(django_db_blocker):
    """As tests.worlds.built_once (which this app may not import, tests/ reaching every app): a
    transaction to build in, rolled back after the module; tests run with the database closed
    until each opens it for itself."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        translation.override(settings.LANGUAGE_CODE, deactivate=True),
    ):
        yield django_db_blocker.block
        transaction.set_rollback(True)


def build_world():
    sv = Locale.objects.get(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="start")
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()
    home_en = translate(home, en, slug="home", title="Home", hero_heading="Welcome")
    page = NeedsPageFactory(parent=home, show_in_menus=True)
    page_en = translate(
        page, en, title="Needs we see", slug="needs-we-see", introduction="Needs and answers."
    )
    page_en = NeedsPage.objects.get(pk=page_en.pk)  # as published, with its address
    directory = MemberDirectoryPageFactory(parent=home)
    translate(directory, en, title="Members", slug="members")
    health = TopicFactory(name="Folkhälsa", slug="folkhalsa")
    translate(health, en, name="Public health", slug="public-health")
    culture = TopicFactory(name="Kultur", slug="kultur")
    organisations = [
        MemberOrganisationFactory(name=name, slug=slug)
        for name, slug in [
            ("Föreningen Grannkraft", "grannkraft"),
            ("Livsglädje Filipstad", "livsgladje"),
            ("Trygghetsnätet Kristinehamn", "trygghetsnatet"),
        ]
    ]
    people = SimpleNamespace(
        editor=make_user("redaktor", "Redaktörer", first_name="Rut", last_name="Redaktör"),
        administrator=make_user("administrator", "Administratörer", first_name="Ada"),
        superuser=make_user("admin", is_superuser=True),
        representative=make_user("representant1", "Medlemsrepresentanter", first_name="Rolf"),
        colleague=make_user("representant1b", "Medlemsrepresentanter", first_name="Rakel"),
        other=make_user("representant2", "Medlemsrepresentanter", first_name="Olle"),
        third=make_user("representant3", "Medlemsrepresentanter", first_name="Tova"),
    )
    for user, organisation in [
        (people.representative, organisations[0]),
        (people.colleague, organisations[0]),
        (people.other, organisations[1]),
        (people.third, organisations[2]),
    ]:
        Representative.objects.create(user=user, organisation=organisation)
    return SimpleNamespace(
        sv=sv,
        en=en,
        home=home,
        home_en=home_en,
        page=page,
        page_en=page_en,
        health=health,
        culture=culture,
        organisations=organisations,
        people=people,
    )


@pytest.fixture(scope="module")
def needs_world(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as tests_run:
        built = build_world()
        with tests_run():
            yield built


@pytest.fixture
def world(db, needs_world):
    """The test's own copy of the world (see tests/worlds.py)."""
    return copy.deepcopy(needs_world)


@pytest.fixture
def people(world):
    return world.people
