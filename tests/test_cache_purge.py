"""A change purges from Varnish exactly the cache tags of what it changes, once committed, and a
Varnish that cannot be reached never undoes the change (home/core/xkey_purge.py)."""

import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

from django.urls import reverse

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from conftest import make_user, translate
from home.core.publication import loading_content
from home.factories import ContactPersonFactory, ContentPageFactory, TopicFactory
from home.models import NetworkSettings
from member_review.choices import VoteChoice
from member_review.voting import cast_vote
from news.factories import NewsPageFactory
from positions.factories import (
    ConsultationCaseFactory,
    ConsultationResponsePageFactory,
    DeliveryFactory,
    EndorsementFactory,
    MemberInputFactory,
    PositionStatementPageFactory,
)
from tests.worlds import fixtures_from_the_shared_world

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()

ELSEWHERE = {"search", "sitemap", "api", "not-found"}


class Varnish(BaseHTTPRequestHandler):
    """Records each request, as (method, path, headers), before it answers."""

    def do_PURGE(self):
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.received.append((self.command, self.path, headers))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def varnish(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Varnish)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.core.xkey_purge.XkeyBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield SimpleNamespace(received=server.received, purged=lambda: purged(server.received))
    server.shutdown()
    server.server_close()


def purged(received):
    tags = set()
    for method, path, headers in received:
        assert (method, path) == ("PURGE", "/")
        tags |= set(headers["xkey-purge"].split())
    return tags


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks of the block, as the end of a request's transaction does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish(page):
    with loading_content():
        page.save_revision().publish()


@pytest.fixture
def news_item(news_index, site):
    page = NewsPageFactory(parent=news_index, slug="nyhet")
    english = translate(page, site.en, slug="item")
    return SimpleNamespace(sv=page, en=english, en_index=news_index.get_translation(site.en))


def test_publishing_a_news_item_purges_it_its_translation_their_listings_and_what_lists_everything(
    varnish, committing, news_item, news_index
):
    with committing():
        publish(news_item.sv)
        assert varnish.received == []  # nothing before the commit

    assert varnish.purged() == {
        f"page-{news_item.sv.pk}",
        f"page-{news_item.en.pk}",
        f"listing-{news_index.pk}",
        f"listing-{news_item.en_index.pk}",
        *ELSEWHERE,
    }


def test_unpublishing_purges_the_same(varnish, committing, news_item, news_index):
    with committing():
        news_item.sv.unpublish()
    assert varnish.purged() == {
        f"page-{news_item.sv.pk}",
        f"page-{news_item.en.pk}",
        f"listing-{news_index.pk}",
        f"listing-{news_item.en_index.pk}",
        *ELSEWHERE,
    }


def test_deleting_purges_the_same(varnish, committing, news_index):
    page = NewsPageFactory(parent=news_index, slug="borttagen")
    with committing():
        page.delete()
    assert varnish.purged() == {f"page-{page.pk}", f"listing-{news_index.pk}", *ELSEWHERE}


def test_moving_a_menu_page_purges_both_parents_the_pages_under_it_and_the_chrome(
    varnish, committing, site
):
    moved = ContentPageFactory(parent=site.home, slug="flyttad")
    below = ContentPageFactory(parent=moved, slug="under")
    target = ContentPageFactory(parent=site.home, slug="mal")
    with committing():
        moved.move(target, pos="last-child")
    assert varnish.purged() == {
        f"page-{moved.pk}",
        f"page-{below.pk}",
        f"listing-{site.home.pk}",
        f"listing-{target.pk}",
        "chrome",
        *ELSEWHERE,
    }


def test_publishing_a_section_purges_the_chrome(varnish, committing, news_index, site):
    with committing():
        publish(news_index)
    assert "chrome" in varnish.purged()
    assert f"listing-{site.home.pk}" in varnish.purged()


def test_nothing_is_sent_while_the_change_is_rolled_back(varnish, news_item):
    publish(news_item.sv)  # the test's transaction never commits
    assert varnish.received == []


def test_site_settings_and_footer_purge_the_chrome(varnish, committing, site):
    with committing():
        NetworkSettings.for_site(site.site)  # made with its defaults, as a page view does
    varnish.received.clear()
    with committing():
        settings = NetworkSettings.for_site(site.site)
        settings.email = "kansliet@idekammaren.example"
        settings.save()
    assert varnish.purged() == {"chrome"}


def test_a_topic_purges_the_chrome_the_search_and_the_api(varnish, committing, db):
    with committing():
        TopicFactory(name="Folkhälsa")
    assert varnish.purged() == {"chrome", "search", "api"}


def test_a_contact_person_purges_the_pages_that_name_them(varnish, committing, news_item):
    person = ContactPersonFactory()
    news_item.sv.contact_persons.set([person])
    publish(news_item.sv)
    elsewhere = NewsPageFactory(parent=news_item.sv.get_parent(), slug="annan")
    with committing():
        person.phone = "054-123 45 67"
        person.save()
    assert varnish.purged() == {f"page-{news_item.sv.pk}"}
    assert f"page-{elsewhere.pk}" not in varnish.purged()

    varnish.received.clear()
    with committing():
        person.delete()
    assert varnish.purged() == {f"page-{news_item.sv.pk}"}


def test_an_issuing_authority_purges_its_consultation_responses(varnish, committing, register):
    response = ConsultationResponsePageFactory(parent=register, slug="remissvar")
    with committing():
        response.authority.name = "Region Värmland"
        response.authority.save()
    assert varnish.purged() == {
        f"page-{response.pk}",
        f"listing-{register.pk}",
        "api",
        "search",
    }


def test_a_consultation_case_and_its_deliveries_purge_the_response_in_every_language(
    varnish, committing, register, site, members
):
    response = ConsultationResponsePageFactory(parent=register, slug="remissvar")
    english = translate(response, site.en)
    shown = {
        f"page-{response.pk}",
        f"page-{english.pk}",
        f"listing-{register.pk}",
        f"listing-{register.get_translation(site.en).pk}",
        "api",
    }
    with committing():
        case = ConsultationCaseFactory(page=response)
    assert varnish.purged() == shown

    varnish.received.clear()
    with committing():
        case.uptake = "unknown"
        case.save()
    assert varnish.purged() == shown

    varnish.received.clear()
    with committing():
        delivery = DeliveryFactory(case=case)
    assert varnish.purged() == shown

    varnish.received.clear()
    with committing():
        delivery.delete()
    assert varnish.purged() == shown


def test_the_members_input_purges_nothing(varnish, committing, register, members):
    """Never public: nothing shows it, so nothing is purged when it changes."""
    case = ConsultationCaseFactory(page=ConsultationResponsePageFactory(parent=register))
    with committing():
        member_input = MemberInputFactory(case=case, organisation=members[0])
        member_input.text = "Vi ändrar oss."
        member_input.save()
        member_input.delete()
    assert varnish.received == []


def test_a_member_organisation_purges_the_directory_and_the_texts_it_endorses(
    varnish, committing, statements_index, directory, members, site
):
    statement = PositionStatementPageFactory(parent=statements_index, slug="lokaler")
    EndorsementFactory(page=statement, organisation=members[0])
    with committing():
        members[0].website = "https://exempel.example"
        members[0].save()
    assert varnish.purged() == {
        f"listing-{directory.pk}",
        f"listing-{directory.get_translation(site.en).pk}",
        f"page-{statement.pk}",
        f"listing-{statements_index.pk}",
        "search",
        "api",
    }


def test_a_page_made_private_purges_everything(varnish, committing, news_item):
    with committing():
        PageViewRestriction.objects.create(
            page=news_item.sv, restriction_type=PageViewRestriction.LOGIN
        )
    # The restriction is shared with the English translation, which purges the same.
    assert varnish.purged() == {"all"}


def test_adopting_a_statement_purges_it_in_every_language_and_the_members_pages(
    varnish, committing, review, statements_index, directory, site
):
    english_index = statements_index.get_translation(site.en)
    with committing():
        for representative in review.representatives[:7]:
            cast_vote(review.state, representative, VoteChoice.ENDORSE)
    review.page.refresh_from_db()
    assert review.page.live
    assert varnish.purged() == {
        f"page-{review.page.pk}",
        f"listing-{statements_index.pk}",
        f"listing-{directory.pk}",
        f"listing-{directory.get_translation(site.en).pk}",
        *ELSEWHERE,
    }
    assert f"listing-{english_index.pk}" not in varnish.purged()  # not translated yet


def closed_port():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


def test_a_varnish_that_refuses_leaves_the_publish_working_and_logs_a_warning(
    client, settings, committing, site, caplog
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.core.xkey_purge.XkeyBackend",
            "LOCATION": f"http://127.0.0.1:{closed_port()}",
        }
    }
    client.force_login(make_user("admin", is_superuser=True))
    page = ContentPageFactory(parent=site.home, slug="om-oss")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "Ny rubrik",
            "slug": page.slug,
            "introduction": "",
            "body": streamfield([("paragraph", rich_text("<p>Ny text.</p>"))]),
            "action-publish": "1",
        }
    )
    with caplog.at_level(logging.WARNING, logger="home.core.xkey_purge"), committing():
        response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    page.refresh_from_db()
    assert page.title == "Ny rubrik"
    assert any("Could not purge" in record.getMessage() for record in caplog.records)
