"""Every page type, in both languages, passes axe-core's WCAG 2.1 A and AA rules.

The pages are read, never changed: one test visits them all, each in a fresh browser context and
reported as its own subtest, so the demo database is restored once for them rather than once each.
"""

from wagtail.models import Page, PageViewRestriction

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    "resultTypes": ["violations"],
}

PAGES = [
    ("sv-home", "sv", "/", 200),
    ("sv-content-page", "sv", "/om-natverket/", 200),
    ("sv-404", "sv", "/finns-inte/", 404),
    ("sv-news-index", "sv", "/nyheter/", 200),
    ("sv-news", "sv", "/nyheter/ideburet-offentligt-partnerskap-med-region-varmland/", 200),
    ("sv-statement-index", "sv", "/stallningstaganden/", 200),
    ("sv-statement", "sv", "/stallningstaganden/unga-vuxnas-psykiska-halsa/", 200),
    (
        "sv-statement-with-a-separate-statement",
        "sv",
        "/stallningstaganden/fritidsgardar-ska-finnas-i-hela-lanet/",
        200,
    ),
    ("sv-how-members-review", "sv", "/sa-granskar-medlemmarna/", 200),
    ("sv-consultation-register", "sv", "/remisser/", 200),
    ("sv-response", "sv", "/remisser/sou-2026-7-ett-starkt-civilsamhalle/", 200),
    ("sv-response-with-package-and-follow-up", "sv", "/remisser/folkhalsostrategi-2027-2030/", 200),
    ("sv-member-directory", "sv", "/medlemmar/", 200),
    ("sv-member-organisation", "sv", "/medlemmar/grannkraft/", 200),
    # The competence directory (members/): its filters, and a page with competences and reach
    (
        "sv-member-directory-by-competence",
        "sv",
        "/medlemmar/?language=arabiska&method=laxhjalp&municipality=hammaro",
        200,
    ),
    ("sv-member-organisation-with-reach", "sv", "/medlemmar/gransbygdens-gemenskap/", 200),
    ("sv-calendar", "sv", "/kalender/", 200),
    ("sv-event", "sv", "/kalender/studiecirkelledare-i-praktiken/", 200),
    ("sv-contact", "sv", "/kontakt/", 200),  # the contact page and its form (home/)
    # The council (council/): its page, a past meeting with minutes and decisions, the next one
    ("sv-council", "sv", "/radet/", 200),
    ("sv-council-meeting", "sv", "/radet/mote-om-partnerskapets-forsta-halvar/", 200),
    ("sv-council-next-meeting", "sv", "/radet/mote-om-regionens-utvecklingsstrategi/", 200),
    # Calls from the region (calls/): open and closed calls, an open call, a closed one with names
    ("sv-calls", "sv", "/forfragningar/", 200),
    ("sv-open-call", "sv", "/forfragningar/unga-roster-i-folkhalsoarbetet/", 200),
    ("sv-closed-call", "sv", "/forfragningar/lovaktiviteter-for-barn/", 200),
    # Needs we see (needs/): the public signals, filtered to the whole county and beyond
    ("sv-needs", "sv", "/behov-vi-ser/", 200),
    ("sv-needs-by-municipality", "sv", "/behov-vi-ser/?municipality=filipstad", 200),
    ("en-home", "en", "/en/", 200),
    ("en-content-page", "en", "/en/about/", 200),
    ("en-404", "en", "/en/does-not-exist/", 404),
    ("en-news-index", "en", "/en/news/", 200),
    ("en-news", "en", "/en/news/idea-driven-public-partnership-with-region-varmland/", 200),
    ("en-statement-index", "en", "/en/positions/", 200),
    ("en-statement", "en", "/en/positions/young-adults-mental-health/", 200),
    ("en-consultation-register", "en", "/en/consultations/", 200),
    ("en-response", "en", "/en/consultations/sou-2026-7-a-stronger-civil-society/", 200),
    ("en-member-directory", "en", "/en/members/", 200),
    ("en-member-organisation", "en", "/en/members/grannkraft/", 200),
    (
        "en-member-directory-by-competence",
        "en",
        "/en/members/?target_group=newcomers&kind=faith-community",
        200,
    ),
    ("en-calendar", "en", "/en/calendar/", 200),
    ("en-event", "en", "/en/calendar/leading-study-circles/", 200),
    ("en-contact", "en", "/en/contact/", 200),
    ("en-council", "en", "/en/the-council/", 200),
    ("en-council-meeting", "en", "/en/the-council/meeting-on-the-first-half-year/", 200),
    ("en-calls", "en", "/en/calls/", 200),
    ("en-closed-call", "en", "/en/calls/holiday-activities-for-children/", 200),
    ("en-needs", "en", "/en/needs-we-see/", 200),
    ("en-how-members-review", "en", "/en/how-member-organisations-review/", 200),
]


def node_target(node):
    """axe's CSS selector for a node; a list of lists when it sits in an iframe or shadow DOM."""
    return " >> ".join(
        " ".join(part) if isinstance(part, list) else part for part in node["target"]
    )


def describe_violations(url, violations):
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for violation in violations:
        node = violation["nodes"][0]
        summary = "; ".join(
            line.strip() for line in (node.get("failureSummary") or "").splitlines() if line.strip()
        ).replace(":; ", ": ")
        lines += [
            f"- {violation['id']} (impact: {violation['impact']}): {violation['help']}",
            f"    {len(violation['nodes'])} node(s); first: {node_target(node)}",
            f"    html: {' '.join(node['html'].split())[:300]}",
            f"    fix: {summary}",
            f"    rule: {violation['helpUrl']}",
        ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    return Axe()


def test_every_page_type_meets_wcag_21_aa(open_page, axe, subtests):
    for name, language, path, status in PAGES:
        with subtests.test(name):
            page, response = open_page(path, language)

            assert response is not None
            assert response.status == status, f"{path} answered {response.status}, not {status}"
            assert page.locator("html").get_attribute("lang") == language
            headings = page.locator("h1").all_inner_texts()
            assert len(headings) == 1, f"{path} has {len(headings)} <h1> elements: {headings}"

            results = axe.run(page, options=AXE_OPTIONS).response
            assert results["passes"], f"axe checked nothing on {path}; did the page render?"
            assert not results["violations"], describe_violations(page.url, results["violations"])
            page.context.close()


def test_the_password_form_of_a_private_page_meets_wcag_21_aa(live_demo_site, open_page, axe):
    private = Page.objects.get(url_path="/start/om-natverket/")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="styrelsen-2026"
    )
    page, response = open_page("/om-natverket/")
    assert page.locator("h1").inner_text() == "Lösenord krävs"

    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Fortsätt").click()

    assert page.locator("#password-error").is_visible()
    results = axe.run(page, options=AXE_OPTIONS).response
    assert results["passes"]
    assert not results["violations"], describe_violations(page.url, results["violations"])

    page.get_by_label("Lösenord").fill("styrelsen-2026")
    page.get_by_role("button", name="Fortsätt").click()
    assert page.locator("h1").inner_text() == "Om nätverket"
