"""The figures a review screen, the editor's tally and the dashboard show."""

from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import TaskState

from member_review.choices import DecisionRule


def review_summary(state):
    task = state.task.specific
    tally = state.tally()
    needed = task.endorsements_needed(tally.eligible)
    still_needed = max(needed - tally.endorse, 0)
    return {
        "task": task,
        "state": state,
        "tally": tally,
        "rule": task.rule_description(),
        "distance": distance_from_passing(task, tally, still_needed),
        "segments": [
            ("endorse", _("Endorse"), tally.endorse, tally.percent(tally.endorse)),
            ("abstain", _("Abstain"), tally.abstain, tally.percent(tally.abstain)),
            ("object", _("Object"), tally.object, tally.percent(tally.object)),
            (
                "unanswered",
                _("Not yet answered"),
                tally.not_answered,
                tally.percent(tally.not_answered),
            ),
        ],
    }


def distance_from_passing(task, tally, still_needed):
    if tally.object and task.objection_blocks:
        return _("An organisation has objected, which stops the statement.")
    if still_needed:
        text = ngettext(
            "%(count)d more endorsement is needed.",
            "%(count)d more endorsements are needed.",
            still_needed,
        ) % {"count": still_needed}
    elif task.decision_rule == DecisionRule.CONSENSUS and tally.object:
        text = _("Enough organisations endorse, but an objection stands in the way of consensus.")
    elif task.decision_rule == DecisionRule.CONSENSUS:
        text = _(
            "Enough organisations endorse; the statement is adopted at the deadline unless someone objects."
        )
    else:
        text = _("Enough organisations endorse.")
    return text


def unanswered_organisations(state):
    """The organisations that have not answered, each with when it was last reminded (or None)."""
    return state.unanswered().annotate(
        last_reminded=Max("reminders__sent_at", filter=Q(reminders__task_state=state))
    )


def review_outcome(state, page):
    """How a closed review ended, for its review screen: a heading, the tally in words and, for
    an adopted text that is live, its address; None while the review is open."""
    if state.status == TaskState.STATUS_IN_PROGRESS:
        return None
    tally = state.tally()
    figures = _(
        "%(endorse)d of %(eligible)d member organisations endorse, %(abstain)d abstain, "
        "%(object)d object."
    ) % {
        "endorse": tally.endorse,
        "eligible": tally.eligible,
        "abstain": tally.abstain,
        "object": tally.object,
    }
    if state.status == TaskState.STATUS_APPROVED:
        label = _("Adopted by the members")
    elif state.status == TaskState.STATUS_REJECTED:
        label = _("Not adopted")
    else:
        label = _("Stopped: the text was changed or withdrawn, and these votes no longer count")
    adopted_and_live = state.status == TaskState.STATUS_APPROVED and page.live
    return {
        "label": label,
        "figures": figures,
        "closed_at": state.finished_at,
        "page_url": page.url if adopted_and_live else None,
    }
