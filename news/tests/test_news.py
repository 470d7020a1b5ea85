import re

from django.test import TestCase

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from conftest import translate
from home.core.publication import loading_content
from home.factories import ContactPersonFactory, TopicFactory
from home.models import HomePage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage


def card_titles(response):
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


class TestNewsPageTypes(WagtailPageTestCase):
    def test_news_index_sits_under_the_home_page(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_news_items_sit_only_in_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())


@pytest.mark.django_db
class TestNewsThroughTheAdmin:
    def test_editor_creates_a_news_item_with_topics_and_contacts(self, admin_client, news_index):
        topic = TopicFactory(name="Folkhälsa", slug="folkhalsa")
        contact = ContactPersonFactory(name="Kim Exempelsson")
        form_data = nested_form_data(
            {
                "title": "Ny mötesplats i Sunne",
                "slug": "ny-motesplats-i-sunne",
                "date": "2026-11-20",
                "introduction": "En ny mötesplats öppnar i Sunne.",
                "body": streamfield([("paragraph", rich_text("<p>Välkomna på invigningen.</p>"))]),
                "action-publish": "publish",
            }
        )
        # nested_form_data would number list items; checkboxes send repeated keys instead.
        form_data |= {"topics": [topic.pk], "contact_persons": [contact.pk]}
        response = admin_client.post(f"/admin/pages/add/news/newspage/{news_index.pk}/", form_data)
        assert response.status_code == 302
        page = NewsPage.objects.get(slug="ny-motesplats-i-sunne")
        assert page.live
        assert list(page.topics.all()) == [topic]

        html = TestCase.client_class().get("/nyheter/ny-motesplats-i-sunne/").content.decode()
        assert "<h1>Ny mötesplats i Sunne</h1>" in html
        assert "Kontaktpersoner" in html and "Kim Exempelsson" in html
        assert '<a href="/nyheter/?topic=folkhalsa">Folkhälsa</a>' in html


@pytest.mark.django_db
class TestNewsPages:
    def test_news_item_renders_in_both_languages(self, client, site, news_index):
        item = NewsPageFactory(parent=news_index, title="Partnerskap klart", slug="partnerskap")
        translate(item, site.en, title="Partnership agreed", slug="partnership")
        sv = client.get("/nyheter/partnerskap/")
        en = client.get("/en/news/partnership/")
        assert sv.status_code == en.status_code == 200
        assert "<h1>Partnerskap klart</h1>" in sv.content.decode()
        assert '<html lang="en">' in en.content.decode()
        assert "<h1>Partnership agreed</h1>" in en.content.decode()

    def test_draft_news_item_is_not_listed_or_served(self, client, news_index):
        NewsPageFactory(
            parent=news_index, title="Utkast som inte är klart", slug="utkast", live=False
        )
        assert client.get("/nyheter/utkast/").status_code == 404
        assert "Utkast som inte är klart" not in card_titles(client.get("/nyheter/"))


@pytest.mark.django_db
class TestNewsListing:
    def test_newest_first_twelve_per_page(self, client, news_index):
        for number in range(14):
            NewsPageFactory(parent=news_index, title=f"Nyhet {number:02d}")
        first = client.get("/nyheter/")
        assert card_titles(first)[:2] == ["Nyhet 13", "Nyhet 12"]
        assert len(card_titles(first)) == 12
        second = client.get("/nyheter/?page=2")
        assert card_titles(second) == ["Nyhet 01", "Nyhet 00"]
        assert 'aria-current="page">2</a>' in second.content.decode()

    @pytest.mark.parametrize("page", ["0", "-1", "3", "abc", "1.5", "99999999999999999999"])
    def test_a_page_number_outside_the_listing_is_a_404(self, client, news_index, page):
        NewsPageFactory(parent=news_index)
        assert client.get("/nyheter/", {"page": page}).status_code == 404

    def test_filter_by_topic_in_either_language(self, client, site, news_index):
        health = TopicFactory(name="Folkhälsa", slug="folkhalsa")
        translate(health, site.en, name="Public health", slug="public-health")
        tagged = NewsPageFactory(parent=news_index, title="Om hälsa", topics=[health])
        NewsPageFactory(parent=news_index, title="Om kultur")
        translate(tagged, site.en, title="On health", slug="on-health")

        assert card_titles(client.get("/nyheter/?topic=folkhalsa")) == ["Om hälsa"]
        assert card_titles(client.get("/en/news/?topic=public-health")) == ["On health"]
        assert (
            'aria-current="true">Folkhälsa</a>'
            in client.get("/nyheter/?topic=folkhalsa").content.decode()
        )

    @pytest.mark.parametrize("topic", ["finns-inte", "<script>", "folkhalsa' OR 1=1"])
    def test_an_unknown_topic_is_a_404(self, client, news_index, topic):
        TopicFactory(slug="folkhalsa")
        assert client.get("/nyheter/", {"topic": topic}).status_code == 404

    def test_home_page_shows_the_three_latest(self, client, news_index):
        for number in range(5):
            NewsPageFactory(parent=news_index, title=f"Nyhet {number}")
        html = client.get("/").content.decode()
        slot = re.search(
            r'<section class="home-slot" aria-labelledby="latest-news">.*?</section>', html, re.S
        )
        assert slot is not None
        assert re.findall(r"<a href=\"[^\"]+\">(Nyhet \d)</a>", slot.group(0)) == [
            "Nyhet 4",
            "Nyhet 3",
            "Nyhet 2",
        ]
        assert "Senaste nytt" in slot.group(0)


@pytest.mark.django_db
def test_topics_and_contacts_follow_the_swedish_page_through_wagtail_localize(site, news_index):
    from wagtail_localize.models import TranslationSource

    health, culture = TopicFactory(slug="folkhalsa"), TopicFactory(slug="kultur")
    first, second = ContactPersonFactory(), ContactPersonFactory()
    item = NewsPageFactory(parent=news_index, topics=[health], contact_persons=[first])
    with loading_content():
        item.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(item)
    english, _ = source.create_or_update_translation(site.en, fallback=True)
    assert list(english.topics.all()) == [health]

    item.topics = [culture]
    item.contact_persons = [first, second]
    with loading_content():
        item.save_revision().publish()
    source.update_from_db()
    english, _ = source.create_or_update_translation(site.en, fallback=True)

    assert list(english.topics.all()) == [culture]
    assert set(english.contact_persons.all()) == {first, second}
