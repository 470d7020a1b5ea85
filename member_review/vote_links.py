"""The personal link in each invitation: one representative, one review, no login.

The link carries the user's and the review's ids, signed with the site's SECRET_KEY. It is checked
against the database each time it is opened, so it needs no expiry of its own and no table: it
works while the review is open, the user is active and still represents an organisation that
votes in it, and stops working the moment any of that ends.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from member_review.models import MemberReviewTaskState

from .voting import refusal

SALT = "member_review.vote_link"


class LinkRefused(Exception):
    """A link that cannot be used, with the sentence that says why and the status to answer."""

    def __init__(self, message, status, review=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.review = review


@dataclass(frozen=True)
class Ballot:
    """What an accepted link opens: the review, its page, the user and their organisation."""

    review: MemberReviewTaskState
    page: object
    user: object
    organisation: object


def vote_link(review, user, language=None):
    """The absolute address of `user`'s link to `review`, in `language` (the site's by default)."""
    token = signing.dumps({"user": user.pk, "review": review.pk}, salt=SALT)
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("member_review_vote_link", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def open_link(token):
    """The ballot `token` opens, or LinkRefused."""
    try:
        ids = signing.loads(token, salt=SALT)
        user = get_user_model().objects.get(pk=ids["user"])
        review = MemberReviewTaskState.objects.select_related(
            "task", "revision", "workflow_state"
        ).get(pk=ids["review"])
    except (signing.BadSignature, ObjectDoesNotExist, KeyError, TypeError, ValueError):
        raise LinkRefused(
            _("This link is not valid. Check that you copied the whole address from the e-mail."),
            status=404,
        ) from None
    if not user.is_active:
        raise LinkRefused(_("This link no longer works: its account is deactivated."), 403)
    page = review.workflow_state.content_object.specific
    if closed := refusal(review, page):
        raise LinkRefused(closed, 410, review)
    organisation = review.voting_organisation(user)
    if organisation is None:
        raise LinkRefused(
            _(
                "This link no longer works: you no longer represent a member organisation that "
                "votes in this review."
            ),
            403,
            review,
        )
    return Ballot(review=review, page=page, user=user, organisation=organisation)
