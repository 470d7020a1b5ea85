from django.db import transaction
from django.utils.translation import gettext as _

from .models import running_reviews_of


def restart_review_on_new_revision(page, revision):
    """A new revision during member review starts the review again on the new text.

    Called by the page after `save_revision()`. The earlier votes stay with the cancelled task
    state, in the history, and no longer count.
    """
    with transaction.atomic():
        state = (
            running_reviews_of(page).select_for_update().exclude(revision_id=revision.pk).first()
        )
        if state is None:
            return
        state.cancel(
            user=revision.user,
            resume=True,
            comment=_("The text was edited during the member review, so the review started again."),
        )
