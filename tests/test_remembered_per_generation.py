"""What a public request looks up once per generation (home.core.navigation.generation) and keeps in
the cache: the site, the route to a page, a deep page's translations and the endorsers of a
statement. A reader sees each change the moment it is committed; the page's own content is read
from the database on every request, so an unpublished page is gone at once."""

import pytest

from conftest import translate
from home.factories import ContentPageFactory
from news.factories import NewsPageFactory
from positions.factories import EndorsementFactory, PositionStatementPageFactory
from tests.worlds import fixtures_from_the_shared_world

pytestmark = pytest.mark.django_db

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change as an editor makes it: what runs after the commit runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def status(client, url):
    return client.get(url).status_code


def redirected_to(client, url):
    """Where the old address sends the reader: Wagtail makes a redirect when a page moves."""
    response = client.get(url)
    assert response.status_code == 301
    return response["Location"]


def test_a_page_renamed_answers_at_its_new_address_and_the_old_one_sends_readers_there(
    client, news_index, committed
):
    news = NewsPageFactory(parent=news_index, title="Nytt möte", slug="nytt-mote")
    assert status(client, "/nyheter/nytt-mote/") == 200
    with committed():
        news.slug = "mote-i-kil"
        news.save()
    assert redirected_to(client, "/nyheter/nytt-mote/") == "/nyheter/mote-i-kil/"
    assert status(client, "/nyheter/mote-i-kil/") == 200


def test_a_page_moved_answers_under_its_new_parent(client, site, news_index, committed):
    news = NewsPageFactory(parent=news_index, title="Årsmötet", slug="arsmotet")
    about = ContentPageFactory(parent=site.home, title="Om oss", slug="om-oss")
    assert status(client, "/nyheter/arsmotet/") == 200
    with committed():
        news.move(about, pos="last-child")
    assert redirected_to(client, "/nyheter/arsmotet/") == "/om-oss/arsmotet/"
    assert status(client, "/om-oss/arsmotet/") == 200


def test_an_unpublished_page_is_gone_before_anything_after_the_commit_has_run(client, news_index):
    news = NewsPageFactory(parent=news_index, title="Felaktig nyhet", slug="felaktig")
    assert status(client, "/nyheter/felaktig/") == 200
    news.unpublish()  # no new generation: the route is still known
    assert status(client, "/nyheter/felaktig/") == 404


def test_the_site_given_a_new_root_page_shows_it_at_its_address(client, site, committed):
    assert "<h1>Värmlands idéburna organisationer" in client.get("/").content.decode()
    landing = ContentPageFactory(parent=site.home, title="Tillfällig startsida", slug="tillfallig")
    with committed():
        site.site.root_page = landing
        site.site.save()
    assert "<h1>Tillfällig startsida</h1>" in client.get("/").content.decode()


def test_a_translation_published_is_linked_from_the_page_at_once(
    client, site, news_index, committed
):
    news = NewsPageFactory(parent=news_index, title="Samverkan i länet", slug="samverkan")
    assert 'href="/en/" lang="en"' in client.get("/nyheter/samverkan/").content.decode()
    with committed():
        translate(news, site.en, title="Cooperation in the county", slug="cooperation")
    html = client.get("/nyheter/samverkan/").content.decode()
    assert 'href="/en/news/cooperation/" lang="en"' in html


def test_an_endorsing_organisation_renamed_is_named_anew_on_the_statement(
    client, statements_index, members, committed
):
    statement = PositionStatementPageFactory(parent=statements_index, slug="lokalstod")
    EndorsementFactory(page=statement, organisation=members[0])
    assert members[0].name in client.get("/stallningstaganden/lokalstod/").content.decode()
    with committed():
        members[0].name = "Föreningen Nytt Namn"
        members[0].save()
    html = client.get("/stallningstaganden/lokalstod/").content.decode()
    assert ">Föreningen Nytt Namn</a>" in html


def test_a_listing_renamed_is_named_anew_above_its_pages(client, news_index, committed):
    NewsPageFactory(parent=news_index, title="Vårmöte", slug="varmote")
    assert '<a href="/nyheter/">Nyheter</a>' in client.get("/nyheter/varmote/").content.decode()
    index = type(news_index).objects.get(pk=news_index.pk)  # the shared world's object stays
    with committed():
        index.title = "Aktuellt"
        index.save()
    assert '<a href="/nyheter/">Aktuellt</a>' in client.get("/nyheter/varmote/").content.decode()
