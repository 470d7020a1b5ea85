"""The remiss workflow in a browser: a representative gives input from the e-mail's personal link,
in Swedish and in English; an editor works the demo's answered consultation on its case screen."""

import re

from django.contrib.auth import get_user_model

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from members.models import Representative
from positions.models import ConsultationCase, MemberInput
from positions.remiss.input_links import input_link
from tests.browser.test_accessibility import AXE_OPTIONS, describe_violations
from tests.browser.test_member_review import log_in

OPEN = "regional-utvecklingsstrategi-2027-2035"
ANSWERED = "folkhalsostrategi-2027-2030"


@pytest.fixture(scope="module")
def axe():
    return Axe()


def assert_accessible(axe, page):
    results = axe.run(page, options=AXE_OPTIONS).response
    assert results["passes"], f"axe checked nothing on {page.url}"
    assert not results["violations"], describe_violations(page.url, results["violations"])


def link_path(username, language):
    case = ConsultationCase.objects.get(page__slug=OPEN)
    user = get_user_model().objects.get(username=username)
    return re.sub(r"^https?://[^/]+", "", input_link(case, user, language)), case


@pytest.mark.parametrize(
    "language, username, field, button, saved",
    [
        (
            "sv",
            "representant6",
            "Våra synpunkter",
            "Spara våra synpunkter",
            "Era synpunkter är sparade. Tack!",
        ),
        (
            "en",
            "representant7",
            "Our input",
            "Save our input",
            "Your organisation's input is saved. Thank you!",
        ),
    ],
    ids=["sv", "en"],
)
def test_a_representative_gives_input_from_the_e_mail_without_logging_in(
    new_context, live_demo_site, axe, language, username, field, button, saved
):
    path, case = link_path(username, language)
    organisation = Representative.objects.get(user__username=username).organisation
    page = new_context(language).new_page()

    page.goto(path)

    expect(page.get_by_role("heading", level=1)).to_have_text(case.page.referral_title)
    assert_accessible(axe, page)
    page.get_by_label(field).fill("Kollektivtrafiken avgör om unga kan delta i föreningslivet.")
    page.get_by_role("button", name=button).click()

    expect(page.get_by_role("status")).to_have_text(saved)
    assert MemberInput.objects.get(case=case, organisation=organisation).text.startswith(
        "Kollektivtrafiken"
    )
    assert_accessible(axe, page)
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def test_an_editor_reads_the_input_and_remakes_the_package_of_the_answered_response(
    new_context, live_demo_site, axe
):
    page = log_in(new_context, "redaktor")
    page.get_by_role("link", name="Remissärenden").click()
    page.get_by_role("link", name="Remiss: Regional utvecklingsstrategi 2027–2035").click()

    inputs = page.get_by_role("region", name="Medlemmarnas synpunkter")
    expect(inputs.get_by_role("heading", name="Synpunkter från 2 organisationer")).to_be_visible()
    assert_accessible(axe, page)

    page.get_by_role("link", name="Remissärenden").click()
    page.get_by_role("link", name="Remissvar: Folkhälsostrategi för Värmland 2027–2030").click()
    delivery = page.get_by_role("region", name="Skicka till myndigheten")
    expect(delivery).to_contain_text("Skickat 26 augusti 2026")
    expect(delivery).to_contain_text("registrator@region-varmland.example")
    assert_accessible(axe, page)

    page.get_by_role("button", name="Gör paketet igen").click()
    expect(page.get_by_text("PDF:en och Word-filen gjordes om.")).to_be_visible()
    pdf = page.get_by_role("region", name="Remisspaketet").get_by_role(
        "link", name=re.compile(r"\.pdf$")
    )
    expect(pdf).to_have_text(re.compile(r"^RV2026-0233 Idékammaren Värmland.*\.pdf$"))
