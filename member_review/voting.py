"""Casting votes and settling a member review: every path that counts a vote goes through here."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.log_actions import LogContext, log
from wagtail.models import Comment, TaskState, WorkflowState

from .choices import Outcome, VoteChoice, validate_reason, validate_separate_statement


class VoteRefused(PermissionDenied):
    """A vote the rules do not allow; the message says why, in the reader's language."""


def review_url(task_state):
    return reverse("member_review:detail", args=[task_state.pk])


def refusal(task_state, page):
    """Why no vote can be cast on `task_state` now, or None while it is open."""
    if (
        task_state.status != TaskState.STATUS_IN_PROGRESS
        or task_state.workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
        or task_state.workflow_state.current_task_state_id != task_state.pk
    ):
        return _("This member review has closed.")
    if task_state.deadline_passed:
        return _("The deadline for this member review has passed.")
    if page.latest_revision_id != task_state.revision_id:
        return _("The text has changed since this review started; vote on the new review.")
    return None


@transaction.atomic
def cast_vote(
    task_state, user, choice, reason="", via=None, statement=None, publish_statement=False
):
    """Record `user`'s organisation's vote and settle the review if the vote decides it.

    `via` names the way the vote came when it was not the admin's review screen ("email": the
    personal link in the invitation); the page's history shows it. `statement` is the
    organisation's separate statement and `publish_statement` its consent to publication; None
    leaves a statement written earlier as it is, "" removes it, and an endorsement removes it.

    The task state row is locked first, so votes on one review are counted one at a time and the
    review completes exactly once, however many arrive together.
    """
    if choice not in VoteChoice.values:
        raise VoteRefused(_("Unknown vote."))
    state = (
        type(task_state.specific)
        .objects.select_for_update()
        .select_related("workflow_state", "task")
        .get(pk=task_state.pk)
    )
    page = state.workflow_state.content_object
    if reason_refused := refusal(state, page):
        raise VoteRefused(reason_refused)
    organisation = state.voting_organisation(user)
    if organisation is None:
        raise VoteRefused(_("Your organisation is not among those that vote in this review."))
    reason = (reason or "").strip()
    try:
        validate_reason(choice, reason)
        validate_separate_statement(choice, statement)
    except ValidationError as error:
        raise VoteRefused(error.messages[0]) from error

    record_separate_statement(state, organisation, user, choice, statement, publish_statement)
    previous = state.votes.filter(organisation=organisation).first()
    if previous and (previous.choice, previous.reason) == (choice, reason):
        return previous
    vote, _created = state.votes.update_or_create(
        organisation=organisation,
        defaults={"choice": choice, "reason": reason, "cast_by": user, "cast_at": timezone.now()},
    )
    log(
        instance=page.specific,
        action=f"member_review.vote.{choice}",
        user=user,
        revision=state.revision,
        data={
            "organisation": {"id": organisation.pk, "name": organisation.name},
            "task_state_id": state.pk,
            "previous": previous.choice if previous else None,
            "via": via,
        },
    )
    settle(state)
    return vote


def record_separate_statement(state, organisation, user, choice, text, publish):
    statements = state.separate_statements.filter(organisation=organisation)
    if choice == VoteChoice.ENDORSE or text == "":
        statements.delete()
    elif text is not None:
        state.separate_statements.update_or_create(
            organisation=organisation,
            defaults={
                "text": text.strip(),
                "publish": bool(publish),
                "written_by": user,
                "written_at": timezone.now(),
            },
        )


def settle(state, deadline_passed=False):
    """Approve or reject a locked, in-progress review if its votes decide it; return the outcome."""
    task = state.task.specific
    outcome = task.decide(state.tally(), deadline_passed=deadline_passed)
    # The decision is the members', not the representative's whose vote happened to settle it.
    with translation.override(settings.LANGUAGE_CODE), LogContext(user=None):
        if outcome == Outcome.APPROVE:
            state.approve(user=None, comment=result_summary(task, state))
        elif outcome == Outcome.REJECT:
            objections = list(state.current_votes().filter(choice=VoteChoice.OBJECT))
            state.reject(user=None, comment=rejection_comment(task, state, objections))
            comment_objections(state, objections)
    return outcome


def result_summary(task, state):
    tally = state.tally()
    return _(
        "%(endorse)d of %(eligible)d member organisations endorse, %(abstain)d abstain, "
        "%(object)d object. %(rule)s"
    ) % {
        "endorse": tally.endorse,
        "eligible": tally.eligible,
        "abstain": tally.abstain,
        "object": tally.object,
        "rule": task.rule_description(),
    }


def rejection_comment(task, state, objections):
    lines = [_("The member review did not pass."), result_summary(task, state)]
    lines += [
        _("Objection from %(organisation)s: %(reason)s")
        % {"organisation": vote.organisation.name, "reason": vote.reason}
        for vote in objections
    ]
    return "\n".join(lines)


def comment_objections(state, objections):
    """Each objection becomes a comment on the page, where the editors revise it."""
    page = state.workflow_state.content_object
    Comment.objects.bulk_create(
        Comment(
            page=page,
            user=vote.cast_by,
            text=_("Objection from %(organisation)s: %(reason)s")
            % {"organisation": vote.organisation.name, "reason": vote.reason},
            contentpath="title",
            revision_created=state.revision,
        )
        for vote in objections
        if vote.cast_by is not None
    )
