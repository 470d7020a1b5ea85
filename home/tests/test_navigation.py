import re

from django.template.loader import render_to_string

from home.factories import ContentPageFactory
from home.models import FooterText, NetworkSettings

from .test_pages import DemoSiteTestCase


def language_links(html):
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" lang="(\w+)"', switcher)}


def hreflang_alternates(html):
    return dict(re.findall(r'rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))


class LanguageSwitcherTests(DemoSiteTestCase):
    def test_switcher_links_to_the_pages_translation(self):
        html = self.client.get("/om-natverket/").content.decode()
        self.assertEqual(language_links(html), {"sv": "/om-natverket/", "en": "/en/about/"})
        self.assertIn('aria-current="true">Svenska</a>', html)

        html = self.client.get("/en/about/").content.decode()
        self.assertEqual(language_links(html), {"sv": "/om-natverket/", "en": "/en/about/"})
        self.assertIn('aria-current="true">English</a>', html)

    def test_hreflang_alternates_name_every_live_translation(self):
        html = self.client.get("/en/about/").content.decode()
        self.assertEqual(
            hreflang_alternates(html),
            {
                "sv": "http://testserver/om-natverket/",
                "x-default": "http://testserver/om-natverket/",
                "en": "http://testserver/en/about/",
            },
        )

    def test_page_without_translation_links_to_the_other_home_page(self):
        ContentPageFactory(parent=self.home_sv, title="Bara på svenska", slug="bara-svenska")
        html = self.client.get("/bara-svenska/").content.decode()
        self.assertEqual(language_links(html), {"sv": "/bara-svenska/", "en": "/en/"})
        self.assertEqual(
            hreflang_alternates(html),
            {
                "sv": "http://testserver/bara-svenska/",
                "x-default": "http://testserver/bara-svenska/",
            },
        )

    def test_draft_translation_is_not_linked(self):
        self.about_en.unpublish()
        html = self.client.get("/om-natverket/").content.decode()
        self.assertEqual(language_links(html)["en"], "/en/")
        self.assertNotIn("/en/about/", html)


class MenuAndFooterTests(DemoSiteTestCase):
    def test_menu_lists_live_pages_marked_show_in_menus_in_the_active_language(self):
        ContentPageFactory(parent=self.home_sv, title="Inte i menyn", show_in_menus=False)
        ContentPageFactory(parent=self.home_sv, title="Remissvar i menyn", show_in_menus=True)
        html = self.client.get("/").content.decode()
        menu = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
        self.assertIn(">Om nätverket</a>", menu)
        self.assertIn(">Remissvar i menyn</a>", menu)
        self.assertNotIn("Inte i menyn", menu)
        self.assertNotIn("Tillgänglighetsredogörelse", menu)

        menu_en = re.search(
            r'<nav class="main-menu".*?</nav>', self.client.get("/en/").content.decode(), re.S
        ).group(0)
        self.assertIn('<a href="/en/about/">About the network</a>', menu_en)
        self.assertNotIn("Om nätverket", menu_en)

    def test_menu_marks_the_current_page(self):
        html = self.client.get("/om-natverket/").content.decode()
        self.assertIn('<a href="/om-natverket/" aria-current="page">Om nätverket</a>', html)

    def test_footer_shows_contact_details_and_text_in_the_active_language(self):
        response = self.client.get("/")
        self.assertContains(response, '<a href="mailto:info@idekammaren.example">')
        self.assertContains(response, '<a href="tel:+46701740610">070-174 06 10</a>')
        self.assertContains(response, "Idégatan 4")
        self.assertContains(response, FooterText.objects.get(locale=self.sv).text)
        self.assertContains(response, '<a href="/tillganglighet/">Tillgänglighetsredogörelse</a>')
        self.assertContains(response, '<a href="/personuppgifter/">Personuppgifter och kakor</a>')
        self.assertContains(response, ">LinkedIn</a>")

        response = self.client.get("/en/")
        self.assertContains(response, FooterText.objects.get(locale=self.en).text)
        self.assertContains(response, '<a href="/en/accessibility/">Accessibility statement</a>')
        self.assertContains(response, '<a href="/en/privacy/">Personal data and cookies</a>')

    def test_footer_follows_an_edit_of_the_site_setting(self):
        settings = NetworkSettings.objects.get()
        settings.email = "kansliet@idekammaren.example"
        settings.save()
        self.assertContains(self.client.get("/en/"), "kansliet@idekammaren.example")


class HomeSlotTests(DemoSiteTestCase):
    def test_an_empty_slot_renders_nothing(self):
        html = render_to_string(
            "components/home_slot.html",
            {"slot_id": "latest-news", "heading": "Senaste nytt", "items": []},
        )
        self.assertEqual(html.strip(), "")

    def test_a_filled_slot_lists_its_items(self):
        html = render_to_string(
            "components/home_slot.html",
            {
                "slot_id": "latest-news",
                "heading": "Senaste nytt",
                "items": [
                    {"title": "Nytt partnerskap", "url": "/nyheter/iop/", "summary": "Ett avtal."}
                ],
                "more_url": "/nyheter/",
                "more_label": "Alla nyheter",
            },
        )
        self.assertInHTML('<h2 id="latest-news">Senaste nytt</h2>', html)
        self.assertInHTML('<a href="/nyheter/iop/">Nytt partnerskap</a>', html)
        self.assertInHTML('<a class="more-link" href="/nyheter/">Alla nyheter</a>', html)


class ChromeRenewalTests(DemoSiteTestCase):
    def test_a_section_made_private_leaves_the_menu(self):
        from wagtail.models import PageViewRestriction

        self.assertContains(self.client.get("/"), '<a href="/om-natverket/">Om nätverket</a>')
        with self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(page=self.about_sv, restriction_type="login")
        self.assertNotContains(self.client.get("/"), '<a href="/om-natverket/">Om nätverket</a>')
