"""Who sees what of a member review: representatives vote, editors follow the tally."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from members.models import Representative

from .models import running_reviews_of

VOTE = "vote"
TALLY = "tally"


def review_role(user, state, page):
    """VOTE for a representative of an organisation in the review's electorate, TALLY for those
    who may edit the page; a representative of any other organisation sees nothing of it."""
    if Representative.voting_organisation(user) is not None:
        return VOTE if state.electorate().filter(representatives__user=user).exists() else None
    if page.permissions_for_user(user).can_edit():
        return TALLY
    return None


def running_review(page):
    """The member review `page` is in now, or None."""
    return running_reviews_of(page).select_related("task", "revision").first()


def edits_pages(user):
    """Whether `user` may add, edit, publish, delete or lock any page: an editor's admin."""
    return PagePermissionPolicy().user_has_any_permission(
        user, {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
    )
