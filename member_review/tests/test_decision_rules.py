"""The decision rules as the members read them: what passes, what fails, and when."""

from django.core.exceptions import ValidationError

import pytest

from member_review.choices import DecisionRule, Outcome, Tally, VoteChoice, validate_reason
from member_review.models import MemberReviewTask

pytestmark = pytest.mark.django_db


def task(rule, **options):
    return MemberReviewTask(decision_rule=rule, **options)


def tally(endorse=0, abstain=0, object=0, eligible=12):
    return Tally(endorse=endorse, abstain=abstain, object=object, eligible=eligible)


@pytest.mark.parametrize(
    ("endorse", "outcome"),
    [(6, None), (7, Outcome.APPROVE)],
)
def test_a_majority_passes_with_more_than_half_of_the_electorate(endorse, outcome):
    assert task(DecisionRule.MAJORITY).decide(tally(endorse=endorse)) == outcome


def test_a_majority_not_reached_by_the_deadline_is_rejected():
    assert task(DecisionRule.MAJORITY).decide(tally(endorse=6), deadline_passed=True) == (
        Outcome.REJECT
    )


@pytest.mark.parametrize(
    ("endorse", "outcome"),
    [(8, None), (9, Outcome.APPROVE)],
)
def test_a_qualified_majority_of_67_percent_of_12_needs_9(endorse, outcome):
    rule = task(DecisionRule.QUALIFIED, qualified_percent=67)
    assert rule.decide(tally(endorse=endorse)) == outcome


def test_consensus_waits_for_the_deadline_and_fails_on_an_objection():
    rule = task(DecisionRule.CONSENSUS, minimum_endorsements=3, objection_blocks=False)
    assert rule.decide(tally(endorse=11)) is None
    assert rule.decide(tally(endorse=3), deadline_passed=True) == Outcome.APPROVE
    assert rule.decide(tally(endorse=10, object=1), deadline_passed=True) == Outcome.REJECT


def test_a_blocking_objection_rejects_at_once_whatever_the_endorsements():
    assert (
        task(DecisionRule.MAJORITY, objection_blocks=True).decide(tally(endorse=11, object=1))
        == Outcome.REJECT
    )


def test_an_objection_needs_a_reason_and_other_votes_do_not():
    with pytest.raises(ValidationError) as refused:
        validate_reason(VoteChoice.OBJECT, "   ")
    assert refused.value.messages == ["Skriv en motivering till invändningen."]
    validate_reason(VoteChoice.OBJECT, "Texten saknar landsbygden.")
    validate_reason(VoteChoice.ABSTAIN, "")
