"""The words of a member review: decision rules, votes, outcomes, a tally, and the one rule on
what a vote must carry. Imports no model, so that forms, voting and models can all use it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

OBJECTION_NEEDS_REASON = _("Please give a reason for the objection.")
MOST_WORDS_IN_A_SEPARATE_STATEMENT = 200


class DecisionRule(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus")
    MAJORITY = "majority", _("Majority")
    QUALIFIED = "qualified", _("Qualified majority")


class VoteChoice(models.TextChoices):
    ENDORSE = "endorse", _("We endorse")
    ABSTAIN = "abstain", _("We abstain")
    OBJECT = "object", _("We object")


class Outcome(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")


@dataclass(frozen=True)
class Tally:
    endorse: int
    abstain: int
    object: int
    eligible: int

    @property
    def answered(self):
        return self.endorse + self.abstain + self.object

    @property
    def not_answered(self):
        return max(self.eligible - self.answered, 0)

    def percent(self, count):
        return round(100 * count / self.eligible) if self.eligible else 0


def validate_reason(choice, reason):
    """An objection must say why; the editors revise the text from the reasons. Every path that
    records a vote (the review screen, Wagtail's workflow actions, the model, the database's
    constraint) states this rule through here."""
    if choice == VoteChoice.OBJECT and not (reason or "").strip():
        raise ValidationError(OBJECTION_NEEDS_REASON, code="objection_needs_reason")


def validate_separate_statement(choice, text):
    """A separate statement ("särskilt yttrande") is for an organisation that abstains or objects,
    in at most 200 words. The review screen, the vote link's page and cast_vote state this rule
    through here."""
    text = (text or "").strip()
    if not text:
        return
    if choice == VoteChoice.ENDORSE:
        raise ValidationError(
            _("A separate statement is for an organisation that abstains or objects."),
            code="separate_statement_needs_dissent",
        )
    if len(text.split()) > MOST_WORDS_IN_A_SEPARATE_STATEMENT:
        raise ValidationError(
            _("A separate statement has at most %(count)d words; this one has %(words)d.")
            % {"count": MOST_WORDS_IN_A_SEPARATE_STATEMENT, "words": len(text.split())},
            code="separate_statement_too_long",
        )
