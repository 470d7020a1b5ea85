"""Every page type, in both languages, passes axe-core's WCAG 2.1 A and AA rules."""

from wagtail.models import Page, PageViewRestriction

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    "resultTypes": ["violations"],
}

PAGES = [
    pytest.param("sv", "/", 200, id="sv-home"),
    pytest.param("sv", "/om-natverket/", 200, id="sv-content-page"),
    pytest.param("sv", "/finns-inte/", 404, id="sv-404"),
    pytest.param("sv", "/nyheter/", 200, id="sv-news-index"),
    pytest.param(
        "sv", "/nyheter/ideburet-offentligt-partnerskap-med-region-varmland/", 200, id="sv-news"
    ),
    pytest.param("sv", "/stallningstaganden/", 200, id="sv-statement-index"),
    pytest.param("sv", "/stallningstaganden/unga-vuxnas-psykiska-halsa/", 200, id="sv-statement"),
    pytest.param("sv", "/remisser/", 200, id="sv-consultation-register"),
    pytest.param("sv", "/remisser/sou-2026-7-ett-starkt-civilsamhalle/", 200, id="sv-response"),
    pytest.param("sv", "/medlemmar/", 200, id="sv-member-directory"),
    pytest.param("sv", "/medlemmar/grannkraft/", 200, id="sv-member-organisation"),
    pytest.param("en", "/en/", 200, id="en-home"),
    pytest.param("en", "/en/about/", 200, id="en-content-page"),
    pytest.param("en", "/en/does-not-exist/", 404, id="en-404"),
    pytest.param("en", "/en/news/", 200, id="en-news-index"),
    pytest.param(
        "en", "/en/news/idea-driven-public-partnership-with-region-varmland/", 200, id="en-news"
    ),
    pytest.param("en", "/en/positions/", 200, id="en-statement-index"),
    pytest.param("en", "/en/positions/young-adults-mental-health/", 200, id="en-statement"),
    pytest.param("en", "/en/consultations/", 200, id="en-consultation-register"),
    pytest.param(
        "en", "/en/consultations/sou-2026-7-a-stronger-civil-society/", 200, id="en-response"
    ),
    pytest.param("en", "/en/members/", 200, id="en-member-directory"),
    pytest.param("en", "/en/members/grannkraft/", 200, id="en-member-organisation"),
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


@pytest.mark.parametrize(("language", "path", "status"), PAGES)
def test_page_meets_wcag_21_aa(open_page, axe, language, path, status):
    page, response = open_page(path, language)

    assert response is not None
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    assert page.locator("html").get_attribute("lang") == language
    headings = page.locator("h1").all_inner_texts()
    assert len(headings) == 1, f"{path} has {len(headings)} <h1> elements: {headings}"

    results = axe.run(page, options=AXE_OPTIONS).response
    assert results["passes"], f"axe checked nothing on {path}; did the page render?"
    assert not results["violations"], describe_violations(page.url, results["violations"])


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
