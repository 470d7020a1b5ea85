"""The electorate is fixed when a member review starts: membership changes later do not move
the denominator, the decision or the public "N av M"."""

from django.db.models import ProtectedError

from wagtail.models import PageLogEntry, TaskState

import pytest

from conftest import make_user
from member_review.choices import DecisionRule, VoteChoice
from member_review.voting import VoteRefused, cast_vote
from members.factories import MemberOrganisationFactory
from members.models import MemberOrganisation, Representative

pytestmark = pytest.mark.django_db


def use_rule(task, **fields):
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()


def test_adoption_follows_the_electorate_recorded_at_the_start(
    client, review, members, administrator, directory
):
    use_rule(review.task, decision_rule=DecisionRule.MAJORITY, objection_blocks=False)
    state = review.state
    assert state.electorate().count() == 12

    # Six endorse; then, mid-review, all but one other member are made inactive, a new member
    # joins, and one with a vote is deleted.
    for representative in review.representatives[:6]:
        cast_vote(state, representative, VoteChoice.ENDORSE)
    MemberOrganisation.objects.exclude(pk=members[6].pk).update(active=False)
    newcomer = MemberOrganisationFactory(name="Nya föreningen")
    newcomer_rep = make_user("nykomling", "Medlemsrepresentanter")
    Representative.objects.create(user=newcomer_rep, organisation=newcomer)
    with pytest.raises(ProtectedError):
        members[0].delete()

    assert state.tally().eligible == 12
    assert state.tally().endorse == 6
    # Counted against today's members this was "1 av 1" and adopted; it needs 7 of 12.
    assert review.task.decide(state.tally()) is None
    with pytest.raises(VoteRefused):
        cast_vote(state, newcomer_rep, VoteChoice.ENDORSE)
    with pytest.raises(VoteRefused):  # a member that left keeps its vote but casts no new one
        cast_vote(state, review.representatives[0], VoteChoice.ABSTAIN)

    cast_vote(state, review.representatives[6], VoteChoice.ENDORSE)

    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    page = type(review.page).objects.get(pk=review.page.pk)
    assert page.live
    html = client.get(page.url).content.decode()
    assert "7 av 12 medlemsorganisationer står bakom" in html
    adopted = PageLogEntry.objects.get(page=page, action="member_review.adopted")
    assert adopted.user is None
    assert adopted.data["endorse"] == 7 and adopted.data["eligible"] == 12
    assert not PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", user=review.representatives[6]
    ).exists()


def test_an_organisation_with_votes_cannot_be_deleted_in_the_admin(
    client, review, members, administrator
):
    cast_vote(review.state, review.representatives[0], VoteChoice.ENDORSE)
    client.force_login(administrator)

    response = client.post(
        f"/admin/snippets/members/memberorganisation/delete/{members[0].pk}/", follow=True
    )

    assert response.status_code == 200
    assert MemberOrganisation.objects.filter(pk=members[0].pk).exists()
    assert review.state.votes.count() == 1


def test_editors_cannot_change_membership(client, members, editor):
    client.force_login(editor)
    organisation = members[0]

    add = client.get("/admin/snippets/members/memberorganisation/add/")
    delete = client.post(f"/admin/snippets/members/memberorganisation/delete/{organisation.pk}/")
    edit = client.get(f"/admin/snippets/members/memberorganisation/edit/{organisation.pk}/")

    assert add.status_code in (302, 403)
    assert delete.status_code in (302, 403)
    assert MemberOrganisation.objects.filter(pk=organisation.pk).exists()
    assert edit.status_code == 200
    assert 'name="active"' not in edit.content.decode()


def test_editors_cannot_delete_a_page_in_member_review(client, review, editor):
    client.force_login(editor)

    client.post(f"/admin/pages/{review.page.pk}/delete/")

    assert type(review.page).objects.filter(pk=review.page.pk).exists()
