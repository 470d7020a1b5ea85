from home.core.navigation import start_new_generation
from home.factories import ContentPageFactory

from .test_pages import DemoSiteTestCase

# The page and its view restrictions (two): the site, the route, the chrome and the latest items
# come from the cache.
HOME_PAGE_QUERIES = 3
# After a change (a new generation) the first reader's request builds the chrome and the latest
# items again; each slot reads its rows and the view restrictions that keep private pages out.
# The council's next meeting (council/) is one such slot: 2 of these.
HOME_PAGE_QUERIES_AFTER_A_CHANGE = 26


class HomePageQueryBudgetTests(DemoSiteTestCase):
    def test_home_page_stays_within_its_query_budget(self):
        self.client.get("/")  # the first request warms Wagtail's per-process site cache
        with self.assertNumQueries(HOME_PAGE_QUERIES):
            self.assertEqual(self.client.get("/").status_code, 200)
        start_new_generation()
        with self.assertNumQueries(HOME_PAGE_QUERIES_AFTER_A_CHANGE):
            self.assertEqual(self.client.get("/").status_code, 200)

    def test_more_menu_pages_cost_no_more_queries(self):
        for number in range(20):
            ContentPageFactory(parent=self.home_sv, title=f"Menysida {number}", show_in_menus=True)
        self.client.get("/")  # warms Wagtail's per-process site cache
        start_new_generation()
        with self.assertNumQueries(HOME_PAGE_QUERIES_AFTER_A_CHANGE):
            response = self.client.get("/")
        self.assertContains(response, "Menysida 19")
        with self.assertNumQueries(HOME_PAGE_QUERIES):
            self.client.get("/")
