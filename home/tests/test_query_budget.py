from home.factories import ContentPageFactory

from .test_pages import DemoSiteTestCase

HOME_PAGE_QUERIES = 12


class HomePageQueryBudgetTests(DemoSiteTestCase):
    def test_home_page_stays_within_its_query_budget(self):
        self.client.get("/")  # the first request warms Wagtail's per-process site cache
        with self.assertNumQueries(HOME_PAGE_QUERIES):
            self.assertEqual(self.client.get("/").status_code, 200)

    def test_more_menu_pages_cost_no_more_queries(self):
        for number in range(20):
            ContentPageFactory(parent=self.home_sv, title=f"Menysida {number}", show_in_menus=True)
        self.client.get("/")
        with self.assertNumQueries(HOME_PAGE_QUERIES):
            response = self.client.get("/")
        self.assertContains(response, "Menysida 19")
