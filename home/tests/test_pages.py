import re
from io import StringIO

from django.core.management import call_command
from django.test import RequestFactory, TestCase
from django.utils import translation
from django.views.defaults import server_error

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from home.core.publication import loading_content
from home.models import ContentPage, HomePage


@pytest.mark.usefixtures("demo_world")
class DemoSiteTestCase(WagtailPageTestCase):
    """The demo site, loaded once for all the test cases of a module (tests.worlds.demo_world).

    Each class's own changes in setUpTestData, and each test's, are rolled back after it as in
    any Django TestCase.
    """

    @classmethod
    def setUpTestData(cls):
        if not HomePage.objects.exists():  # run without pytest's fixtures: a load per class
            call_command("load_demo_content", "--force", stdout=StringIO())
        cls.sv = Locale.objects.get(language_code="sv")
        cls.en = Locale.objects.get(language_code="en")
        cls.home_sv = HomePage.objects.get(locale=cls.sv)
        cls.home_en = HomePage.objects.get(locale=cls.en)
        cls.about_sv = ContentPage.objects.get(locale=cls.sv, slug="om-natverket")
        cls.about_en = ContentPage.objects.get(locale=cls.en, slug="about")

    @classmethod
    def tearDownClass(cls):
        # Django's TestCase closes the connections after rolling the class's data back, which
        # would end the module's transaction with the demo in it too (on PostgreSQL; SQLite's
        # in-memory database ignores it). Roll back as Django does, and keep the connection.
        if cls._databases_support_transactions() and cls._databases_support_savepoints():
            cls._rollback_atomics(cls.cls_atomics)
        super(TestCase, cls).tearDownClass()

    def login(self):
        """Wagtail's helper logs in by password without a request, which django-axes refuses."""
        user = self.create_test_user()
        self.client.force_login(user)
        return user


class PageTypeRulesTests(DemoSiteTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_content_pages_go_under_the_home_page_or_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_editor_creates_a_content_page_through_the_admin(self):
        self.login()
        self.assertCanCreate(
            self.home_sv,
            ContentPage,
            nested_form_data(
                {
                    "title": "Så blir du medlem",
                    "slug": "bli-medlem",
                    "introduction": "Alla idéburna organisationer i Värmland kan bli medlemmar.",
                    "body": streamfield(
                        [
                            ("heading", "Ansökan"),
                            ("paragraph", rich_text("<p>Skicka en ansökan till styrelsen.</p>")),
                        ]
                    ),
                }
            ),
        )
        page = ContentPage.objects.get(slug="bli-medlem")
        self.assertEqual(page.get_parent().specific, self.home_sv)
        self.assertEqual(page.body[0].value, "Ansökan")

    def test_admin_creates_a_home_page_through_the_admin(self):
        self.login()
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {
                    "title": "Ny startsida",
                    "slug": "ny-startsida",
                    "hero_heading": "Välkommen",
                    "hero_introduction": "En introduktion till nätverket.",
                    "body": streamfield([("paragraph", rich_text("<p>Om oss.</p>"))]),
                }
            ),
        )


def preview_data(page):
    """The edit form's data for a preview. StreamField inputs are built by the admin's JavaScript,
    so they cannot be scraped from the edit view's HTML."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "body": streamfield([("paragraph", rich_text("<p>Förhandsvisning.</p>"))]),
    }
    if isinstance(page, HomePage):
        fields |= {"hero_heading": page.hero_heading, "hero_introduction": page.hero_introduction}
    else:
        fields["introduction"] = page.introduction
    return nested_form_data(fields)


class RoutingAndRenderingTests(DemoSiteTestCase):
    def test_swedish_pages_route_render_and_preview(self):
        for page in (self.home_sv, self.about_sv):
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page, post_data=preview_data(page))

    def test_english_pages_render_and_preview_under_the_en_prefix(self):
        for page, url in ((self.home_en, "/en/"), (self.about_en, "/en/about/")):
            with self.subTest(page=page.title):
                self.assertEqual(page.url, url)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page, post_data=preview_data(page))

    def test_english_paths_find_english_pages(self):
        # assertPageIsRoutable does not know about the /en/ prefix, which i18n_patterns strips.
        with translation.override("en"):
            for path, page in (("/about/", self.about_en), ("/", self.home_en)):
                request = RequestFactory().get(path)
                self.assertEqual(Page.find_for_request(request, path).specific, page)

    def test_home_page_shows_hero_and_presentation_in_swedish(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<html lang="sv">', html)
        self.assertEqual(len(re.findall(r"<h1[\s>]", html)), 1)
        self.assertContains(response, "Värmlands idéburna organisationer talar med en röst")
        self.assertContains(response, "Partnerskap med Region Värmland")
        self.assertContains(response, "Hoppa till huvudinnehållet")
        self.assertContains(response, '<main id="main"')

    def test_english_home_page_is_english(self):
        response = self.client.get("/en/")
        html = response.content.decode()
        self.assertIn('<html lang="en">', html)
        self.assertEqual(len(re.findall(r"<h1[\s>]", html)), 1)
        self.assertContains(response, "The civil society of Värmland speaks with one voice")
        self.assertContains(response, "Skip to main content")

    def test_content_page_has_one_h1_and_its_body(self):
        response = self.client.get("/om-natverket/")
        html = response.content.decode()
        self.assertEqual(len(re.findall(r"<h1[\s>]", html)), 1)
        self.assertContains(response, "<h1>Om nätverket</h1>", html=True)
        self.assertContains(response, "<h2>Bli medlem</h2>", html=True)

    def test_meta_description_and_open_graph_come_from_promote_fields(self):
        self.about_sv.seo_title = "Om Idékammaren Värmland"
        with loading_content():
            self.about_sv.save_revision().publish()
        response = self.client.get("/om-natverket/")
        self.assertContains(
            response,
            '<meta name="description" content="Vilka vi är, vad idékammaren gör och hur man blir '
            'medlem.">',
        )
        self.assertContains(
            response, '<meta property="og:title" content="Om Idékammaren Värmland">'
        )
        self.assertContains(
            response, '<meta property="og:url" content="http://testserver/om-natverket/">'
        )
        self.assertContains(response, '<meta property="og:locale" content="sv_SE">')
        self.assertContains(
            response, "<title>Om Idékammaren Värmland – Idékammaren Värmland</title>"
        )

    def test_draft_page_is_not_served(self):
        self.about_sv.unpublish()
        self.assertEqual(self.client.get("/om-natverket/").status_code, 404)


class ErrorPageTests(DemoSiteTestCase):
    def test_404_in_swedish(self):
        response = self.client.get("/finns-inte/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="sv">', status_code=404)
        self.assertContains(response, "Sidan hittades inte", status_code=404)
        self.assertContains(response, '<a href="/">Gå till startsidan</a>', status_code=404)

    def test_404_in_english(self):
        response = self.client.get("/en/does-not-exist/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="en">', status_code=404)
        self.assertContains(response, "Page not found", status_code=404)
        self.assertContains(response, '<a href="/en/">Go to the home page</a>', status_code=404)

    def test_500_in_both_languages(self):
        for language, heading in (("sv", "Något gick fel"), ("en", "Something went wrong")):
            with self.subTest(language=language), translation.override(language):
                response = server_error(RequestFactory().get("/"))
                html = response.content.decode()
                self.assertEqual(response.status_code, 500)
                self.assertIn(f'<html lang="{language}">', html)
                self.assertIn(f"<h1>{heading}</h1>", html)

    def test_anonymous_readers_get_no_cookies(self):
        for path in ("/", "/en/", "/om-natverket/", "/en/about/", "/finns-inte/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(dict(response.cookies), {})
                self.assertNotIn("Set-Cookie", response.headers)
