"""Fixtures shared by every app's tests: a bilingual site built from factories."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from home.core.navigation import start_new_generation
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
    """The queries a GET of `url` costs right after a change, asserting it answers 200.

    A change starts a new generation (home.core.navigation): nothing the page shows of other pages
    is cached then, except the site chrome, which the first reader's request built.
    """
    start_new_generation()
    client.get(url)  # the first request makes image renditions and warms Wagtail's site cache
    start_new_generation()
    client.get("/en/" if url.startswith("/en/") else "/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def deliver_queued_mail(limit=None):
    """Run the e-mail worker over every message that is due (or the first `limit`), as `manage.py
    db_worker --backend email --batch` does, but inside the test's transaction; returns
    `mail.outbox`."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="email",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    while limit != 0 and (due := DBTaskResult.objects.ready().filter(backend_name="email").first()):
        due.claim(worker.worker_id)
        worker.run_task(due)
        limit = None if limit is None else limit - 1
    return mail.outbox


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


@pytest.fixture(autouse=True, scope="session")
def mail_goes_through_the_outbox(django_test_environment):
    """Django's test environment sends mail straight to `mail.outbox`; the site queues it in its
    outbox, and so do the tests: `deliver_queued_mail()` runs the worker, which delivers there."""
    settings.EMAIL_BACKEND = "home.core.outbox.QueueingEmailBackend"


@pytest.fixture(autouse=True)
def empty_cache():
    """Tests roll back the database but not the caches, which hold the site chrome."""
    for alias in settings.CACHES:
        caches[alias].clear()


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
