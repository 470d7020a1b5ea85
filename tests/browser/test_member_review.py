"""Member review in the admin, as representatives, editors and administrators use it.

Each user works in a browser context of their own, logged in through the admin's login form.
The demo has one statement in member review under the majority rule (7 of 12 active member
organisations needed): representant1 and representant2 endorse, representant3 abstains.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from member_review.models import MemberReviewTaskState, Vote
from member_review.voting import review_url
from members.models import Representative
from positions.models import PositionIndexPage, PositionStatementPage
from tests.browser.test_accessibility import AXE_OPTIONS, describe_violations

TITLE = "Föreningslokaler ska vara öppna för alla"
PUBLIC_URL = "/stallningstaganden/foreningslokaler-ska-vara-oppna-for-alla/"
REVIEW_URL = re.compile(r"/admin/medlemsgranskning/\d+/$")
NEW_TITLE = "Biblioteken ska vara öppna hela året"

ENDORSE = "Ställer oss bakom"
OBJECT = "Invänder"
CHOICES = "Vår organisations hållning"
REASON = "Motivering"
SUBMIT_VOTE = "Registrera vår röst"
RECORDED = "Er organisations röst är registrerad: {choice}."
REASON_MISSING = "Skriv en motivering till invändningen."
ENDED = "Så slutade granskningen"
PREVIEW_BANNER = "Förhandsvisning: texten granskas av medlemmarna och är inte publicerad."

# Our markup only: the review screen's content, the tally in the page editor and the dashboard
# panel (the panel's id gets Wagtail's "-section" suffix). Wagtail's admin chrome is not ours.
REVIEW_SCREEN = ".member-review"
DASHBOARD_PANEL = "#member-reviews-section"


def organisation_of(username):
    return Representative.objects.select_related("organisation").get(user__username=username)


def log_in(new_context, username):
    """A page of a fresh context, logged in to the admin as `username`, on the dashboard."""
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def member_reviews_panel(page):
    return page.get_by_role("region", name="Medlemsgranskningar")


def open_review_from_dashboard(page, title=TITLE):
    member_reviews_panel(page).get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(REVIEW_URL)
    expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()


def vote(page, choice, reason=None):
    page.get_by_role("group", name=CHOICES).get_by_role("radio", name=choice, exact=True).check()
    if reason is not None:
        page.get_by_role("textbox", name=REASON).fill(reason)
    page.get_by_role("button", name=SUBMIT_VOTE).click()


def expect_recorded(page, choice):
    expect(page).to_have_url(REVIEW_URL)
    expect(
        page.get_by_role("status").filter(has_text=RECORDED.format(choice=choice))
    ).to_be_visible()


def in_review():
    """The demo's statement in member review (the demo's other reviews have ended)."""
    return MemberReviewTaskState.objects.get(
        status=MemberReviewTaskState.STATUS_IN_PROGRESS, workflow_state__status="in_progress"
    )


def public_status(new_context, path=PUBLIC_URL):
    response = new_context().new_page().goto(path)
    assert response is not None
    return response.status


def tally_counts(tally):
    """{label: count} from a tally's legend, e.g. {"Står bakom": 2, ...}."""
    expect(tally).to_be_visible()
    counts = {}
    for item in tally.locator(".member-review-tally__item").all():
        label = item.locator("dt").inner_text().strip()
        counts[label] = int(item.locator("dd").inner_text().split()[0])
    return counts


@pytest.fixture(scope="module")
def axe():
    return Axe()


def assert_accessible(axe, page, selector):
    """axe's WCAG 2.1 A/AA rules on the elements `selector` matches, and nothing else."""
    expect(page.locator(selector).first).to_be_visible()
    results = axe.run(page, context=selector, options=AXE_OPTIONS).response
    assert results["passes"], f"axe checked nothing in {selector} on {page.url}"
    assert not results["violations"], describe_violations(
        f"{page.url} ({selector})", results["violations"]
    )


def test_seventh_endorsement_publishes_the_statement(new_context, live_demo_site, client, axe):
    # 2 endorse and 1 abstain in the demo. Four more representatives endorse through the review
    # screen's form (Django's test client: the same POST the browser sends, without a browser
    # each); the fifth, the deciding seventh endorsement, is cast in Chromium.
    state = in_review()
    for username in ["representant4", "representant5", "representant6", "representant7"]:
        client.force_login(organisation_of(username).user)
        response = client.post(review_url(state), {"choice": "endorse"})
        assert response.status_code == 302, response.content.decode()
    assert public_status(new_context) == 404, "live after 6 endorsements"

    page = log_in(new_context, "representant8")
    panel = member_reviews_panel(page)
    expect(panel.get_by_role("row", name=TITLE)).to_contain_text("Har inte svarat")
    open_review_from_dashboard(page)

    vote(page, ENDORSE)

    # The deciding vote closes the review and publishes the reviewed revision.
    expect_recorded(page, ENDORSE)
    ended = page.get_by_role("region", name=ENDED)
    expect(ended).to_contain_text("Antagen av medlemmarna.")
    expect(ended).to_contain_text("7 av 12 medlemsorganisationer står bakom")
    expect(page.get_by_role("button", name=SUBMIT_VOTE)).to_have_count(0)
    expect(page.get_by_text("Tid kvar")).to_have_count(0)
    assert_accessible(axe, page, REVIEW_SCREEN)
    ended.get_by_role("link", name="Läs den publicerade texten").click()
    expect(page).to_have_url(re.compile(re.escape(PUBLIC_URL) + "$"))

    public = new_context().new_page()
    response = public.goto(PUBLIC_URL)
    assert response is not None and response.status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    endorsers = public.get_by_role("region", name="Bakom ställningstagandet står")
    expect(endorsers).to_contain_text("7 av 12 medlemsorganisationer står bakom")
    endorsing = [f"representant{number}" for number in (1, 2, 4, 5, 6, 7, 8)]
    names = [organisation_of(username).organisation.name for username in endorsing]
    expect(endorsers.get_by_role("listitem")).to_have_count(7)
    for name in names:
        expect(endorsers.get_by_role("link", name=name, exact=True)).to_be_visible()
    # Abstentions are never public.
    expect(endorsers).not_to_contain_text(organisation_of("representant3").organisation.name)


def test_objection_needs_a_reason_and_then_rejects_the_statement(new_context, live_demo_site):
    organisation = organisation_of("representant4").organisation
    page = log_in(new_context, "representant4")
    open_review_from_dashboard(page)

    vote(page, OBJECT)

    reason = page.get_by_role("textbox", name=REASON)
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_accessible_description(re.compile(re.escape(REASON_MISSING)))
    expect(page.locator(".member-review__reason").get_by_text(REASON_MISSING)).to_be_visible()
    expect(page.get_by_role("radio", name=OBJECT, exact=True)).to_be_checked()
    expect(page.get_by_text("Er organisation har inte röstat ännu.")).to_be_visible()
    votes = Vote.objects.filter(task_state=in_review())
    assert not votes.filter(organisation=organisation).exists()
    assert votes.count() == 3

    vote(page, OBJECT, reason="Lokalstödet måste också omfatta friluftsgårdar.")

    expect_recorded(page, OBJECT)
    expect(page.get_by_role("region", name=ENDED)).to_contain_text("Inte antagen.")
    vote_cast = votes.get(organisation=organisation)
    assert (vote_cast.choice, vote_cast.reason) == (
        "object",
        "Lokalstödet måste också omfatta friluftsgårdar.",
    )
    assert vote_cast.task_state.status == MemberReviewTaskState.STATUS_REJECTED
    assert public_status(new_context) == 404
    page.goto("/admin/")
    expect(member_reviews_panel(page)).to_have_count(0)


def test_editor_follows_the_tally_on_the_review_screen_and_in_the_editor(
    new_context, live_demo_site
):
    expected = {"Står bakom": 2, "Avstår": 1, "Invänder": 0, "Har inte svarat": 9}
    page = log_in(new_context, "redaktor")
    expect(member_reviews_panel(page).get_by_role("row", name=TITLE)).to_contain_text(
        "2 av 12 står bakom"
    )
    open_review_from_dashboard(page)

    expect(page.get_by_role("button", name=SUBMIT_VOTE)).to_have_count(0)
    votes = page.get_by_role("region", name="Röster hittills")
    assert tally_counts(votes.locator(".member-review-tally")) == expected
    expect(votes).to_contain_text("12 aktiva medlemsorganisationer kan rösta.")

    page.get_by_role("link", name="Redigera sidan").click()

    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert tally_counts(page.locator(".member-review-tally")) == expected


def test_submitted_statement_reaches_the_representatives_after_editorial_approval(
    new_context, live_demo_site
):
    index = PositionIndexPage.objects.get(locale__language_code="sv")
    editor = log_in(new_context, "redaktor")
    editor.goto(f"/admin/pages/{index.pk}/add_subpage/")
    expect(editor).to_have_url(re.compile(r"/admin/pages/add/positions/positionstatementpage/"))
    editor.locator("#id_title").fill(NEW_TITLE)
    editor.get_by_role("textbox", name="Sammanfattning").fill(
        "Biblioteken är öppna mötesplatser; kommunerna bör inte stänga dem på sommaren."
    )
    # The body is required: one heading block is the least it takes.
    editor.get_by_role("button", name="Lägg till ett block").click()
    editor.get_by_role("option", name="Rubrik", exact=True).click()
    editor.locator("input[name='body-0-value']").fill("Varför det spelar roll")
    editor.get_by_role("button", name="Fler åtgärder").click()
    editor.get_by_role("button", name="Lämna in till Ställningstagande").click()

    expect(
        editor.get_by_role("status").filter(has_text=f"Sida '{NEW_TITLE}' skapad och inlämnad")
    ).to_be_visible()

    admin = log_in(new_context, "admin")
    awaiting = admin.get_by_role("region", name="Inväntar din granskning")
    row = awaiting.get_by_role("row").filter(has_text=NEW_TITLE)
    row.get_by_role("button", name="Handlingar").click()
    row.get_by_role("button", name="Godkänn", exact=True).click()
    expect(member_reviews_panel(admin).get_by_role("row", name=NEW_TITLE)).to_contain_text(
        "0 av 12 står bakom"
    )

    representative = log_in(new_context, "representant1")
    row = member_reviews_panel(representative).get_by_role("row", name=NEW_TITLE)
    expect(row).to_contain_text("Har inte svarat")
    open_review_from_dashboard(representative, NEW_TITLE)
    expect(representative.get_by_role("button", name=SUBMIT_VOTE)).to_be_visible()
    statement = PositionStatementPage.objects.child_of(index).get(title=NEW_TITLE)
    assert not statement.live
    assert public_status(new_context, statement.url) == 404


def test_member_review_screens_meet_wcag_21_aa(new_context, live_demo_site, axe):
    representative = log_in(new_context, "representant4")
    assert_accessible(axe, representative, DASHBOARD_PANEL)
    open_review_from_dashboard(representative)
    assert_accessible(axe, representative, REVIEW_SCREEN)

    vote(representative, OBJECT)  # no reason: the form comes back with an error
    expect(representative.get_by_text(REASON_MISSING)).to_be_visible()
    assert_accessible(axe, representative, REVIEW_SCREEN)

    vote(representative, ENDORSE)
    expect_recorded(representative, ENDORSE)
    # The success message itself is Wagtail's markup (.messages), fading in: not checked here.
    assert_accessible(axe, representative, REVIEW_SCREEN)

    # The text under review, previewed: a banner says that it is not published.
    with representative.expect_popup() as opened:
        representative.get_by_role("link", name="Läs texten som granskas").click()
    preview = opened.value
    expect(preview.get_by_role("note")).to_have_text(PREVIEW_BANNER)
    expect(preview.get_by_role("region", name="Bakom ställningstagandet står")).to_have_count(0)
    assert_accessible(axe, preview, "main")
    preview.close()

    # Any other part of the admin: a page saying so, with the way back to the reviews.
    representative.goto("/admin/pages/")
    expect(
        representative.get_by_role("heading", name="Inte öppet för medlemsrepresentanter")
    ).to_be_visible()
    assert_accessible(axe, representative, ".representative-refused")

    editor = log_in(new_context, "redaktor")
    assert_accessible(axe, editor, DASHBOARD_PANEL)
    open_review_from_dashboard(editor)
    assert_accessible(axe, editor, REVIEW_SCREEN)
    editor.get_by_role("link", name="Redigera sidan").click()
    assert_accessible(axe, editor, REVIEW_SCREEN)


def test_the_login_page_carries_the_networks_name_and_meets_wcag_21_aa(new_context, axe):
    page = new_context().new_page()
    page.goto("/admin/login/")

    expect(page).to_have_title("Logga in - Idékammaren")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in till Idékammaren")
    expect(page.get_by_role("img", name="Idékammaren")).to_be_visible()
    assert_accessible(axe, page, "main")
