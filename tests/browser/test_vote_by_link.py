"""A representative votes from the invitation e-mail, in Swedish and in English, without logging in.

The demo's statement in member review sends its invitations again, as when a review opens; the
link is taken from the e-mail in the outbox and opened in a fresh browser.
"""

import re

from django.core.mail import get_connection

from wagtail.users.models import UserProfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import deliver_queued_mail
from member_review.models import MemberReviewTaskState, Vote
from member_review.notifications import review_messages
from members.models import Representative
from tests.browser.test_accessibility import AXE_OPTIONS, describe_violations

TITLE = "Föreningslokaler ska vara öppna för alla"
LINK = re.compile(r"http://[^/\s]+(/(?:en/member-review|medlemsgranskning)/[^/\s]+/)")


@pytest.fixture(scope="module")
def axe():
    return Axe()


def assert_accessible(axe, page):
    results = axe.run(page, options=AXE_OPTIONS).response
    assert results["passes"], f"axe checked nothing on {page.url}"
    assert not results["violations"], describe_violations(page.url, results["violations"])


def invitation_link(username, language="sv"):
    """Send the open review's invitations again and take `username`'s link from the outbox."""
    representative = Representative.objects.select_related("user", "organisation").get(
        user__username=username
    )
    profile = UserProfile.get_for_user(representative.user)
    profile.preferred_language = language
    profile.save()
    review = MemberReviewTaskState.objects.get(
        status=MemberReviewTaskState.STATUS_IN_PROGRESS, workflow_state__status="in_progress"
    )
    get_connection().send_messages(list(review_messages(review)))
    # The demo's own invitations are still in the outbox: the last message is the one just sent.
    message = [m for m in deliver_queued_mail() if representative.user.email in m.to][-1]
    return LINK.search(message.body).group(1), representative.organisation


@pytest.mark.parametrize(
    "language, username, your_vote, choice, button, recorded",
    [
        (
            "sv",
            "representant4",
            "Er röst för {name}",
            "Ställer oss bakom",
            "Registrera vår röst",
            "Er organisations röst är registrerad: Ställer oss bakom.",
        ),
        (
            "en",
            "representant5",
            "Your vote for {name}",
            "We endorse",
            "Register our vote",
            "Your organisation's vote is recorded: We endorse.",
        ),
    ],
    ids=["sv", "en"],
)
def test_a_representative_votes_from_the_e_mail_without_logging_in(
    new_context, live_demo_site, axe, language, username, your_vote, choice, button, recorded
):
    path, organisation = invitation_link(username, language)
    page = new_context(language).new_page()

    page.goto(path)

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    vote = page.get_by_role("region", name=your_vote.format(name=organisation.name))
    expect(vote).to_be_visible()
    assert_accessible(axe, page)
    votes = Vote.objects.filter(task_state__status=MemberReviewTaskState.STATUS_IN_PROGRESS)
    assert not votes.filter(organisation=organisation).exists()

    vote.get_by_role("radio", name=choice, exact=True).check()
    vote.get_by_role("button", name=button).click()

    expect(page.get_by_role("status")).to_have_text(recorded)
    assert votes.get(organisation=organisation).choice == "endorse"
    assert_accessible(axe, page)
    # The link logged no one in: the admin still asks for a password.
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
