"""A bilingual site with the calls page, twelve member organisations with a representative each,
an editor and an administrator: built once per module, each test in a savepoint of its own.

tests/worlds.py builds worlds the same way; it imports the other apps' factories, which this app's
tests may not (pyproject.toml's import contracts), so the few lines are repeated here."""

import copy
from contextlib import contextmanager
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from calls.factories import CallIndexPageFactory, CallPageFactory, days
from conftest import make_user, translate
from home.factories import HomePageFactory
from members.factories import CompetenceFactory, MemberOrganisationFactory
from members.models import Representative


@contextmanager
def built_once(django_db_blocker):
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
    translate(home, en, slug="home", title="Home", hero_heading="Welcome")
    index = CallIndexPageFactory(parent=home, show_in_menus=True)
    index_en = translate(index, en, title="Calls", slug="calls")
    members = MemberOrganisationFactory.create_batch(12)
    representatives = []
    for number, organisation in enumerate(members, start=1):
        user = make_user(
            f"representant{number}",
            "Medlemsrepresentanter",
            first_name="Rep",
            last_name=str(number),
        )
        Representative.objects.create(user=user, organisation=organisation)
        representatives.append(user)
    return SimpleNamespace(
        sv=sv,
        en=en,
        home=home,
        index=index,
        index_en=index_en,
        members=members,
        representatives=representatives,
        editor=make_user("redaktor", "Redaktörer", first_name="Rut", last_name="Redaktör"),
        administrator=make_user("admin", is_superuser=True),
        no_page_rights=admin_user_without_page_rights(),
    )


def admin_user_without_page_rights():
    """Someone who reaches the admin but may edit no page (say, who keeps the member register)."""
    user = make_user("kansli")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture(scope="module")
def calls_world(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as tests_run:
        built = build_world()
        with tests_run():
            yield built


@pytest.fixture
def world(db, calls_world):
    """The test's own copy of the world's objects, which it may change in memory."""
    return copy.deepcopy(calls_world)


def make_call(world, english=True, **fields):
    """A live Swedish call under the calls page, with a live English translation."""
    call = CallPageFactory(parent=world.index, **fields)
    if english:
        call.english = translate(call, world.en, title=f"{call.title} (in English)")
    return call


@pytest.fixture
def open_call(world):
    return make_call(
        world,
        title="Unga röster i folkhälsoarbetet",
        slug="unga-roster",
        summary="Regionen söker fyra föreningar som når unga.",
        organisations_sought=4,
        reply_by=days(10),
        work_starts=days(30),
    )


@pytest.fixture
def competences(db):
    return {
        "unga": CompetenceFactory(name="Unga", slug="unga", kind="target-group"),
        "arabiska": CompetenceFactory(name="Arabiska", slug="arabiska", kind="language"),
    }
