"""Who sees what of a member review: representatives vote, editors follow the tally."""

from positions.models.organisations import Representative
from positions.models.review import running_reviews_of

VOTE = "vote"
TALLY = "tally"


def review_role(user, page):
    """VOTE for a representative of an active member, TALLY for those who may edit the page."""
    if Representative.voting_organisation(user) is not None:
        return VOTE
    if page.permissions_for_user(user).can_edit():
        return TALLY
    return None


def running_review(page):
    """The member review `page` is in now, or None."""
    return running_reviews_of(page).select_related("task", "revision").first()
