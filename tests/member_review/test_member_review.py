"""Member review as the network lives it: invitations, votes, adoption, refusals and restarts."""

import copy
import re
from datetime import datetime, time, timedelta
from io import StringIO

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.template.defaultfilters import date as format_date
from django.utils import timezone

from wagtail.models import Comment, PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from conftest import deliver_queued_mail, make_user
from home.core.publication import PublicationRefused, loading_content
from member_review.choices import DecisionRule, VoteChoice
from member_review.models import MemberReviewTaskState, Vote
from member_review.voting import cast_vote
from members.factories import MemberOrganisationFactory
from members.models import Representative
from positions.models import Endorsement, PositionStatementPage
from tests.review_fixtures import in_member_review, submit
from tests.worlds import fixtures_from_the_shared_world

TITLE = "Föreningslokaler ska vara öppna för alla"
SUMMARY = "Allmänna samlingslokaler är demokratins infrastruktur."
BODY = "Skolor och bygdegårdar står tomma på kvällarna."
OBJECTION = "Texten glömmer landsbygdens föreningar, som saknar egna lokaler."

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


@pytest.fixture
def draft_statement(draft_statement):
    """The shared draft with a body, so that a rejected text can be seen to keep all of it."""
    draft_statement.body = [("paragraph", RichText(f"<p>{BODY}</p>"))]
    draft_statement.save()
    return draft_statement


def review_url(state):
    return f"/admin/medlemsgranskning/{state.pk}/"


def action_url(state, action):
    return f"/admin/pages/workflow/action/{state.workflow_state.object_id}/{action}/{state.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def edit_form(page, **changes):
    """The edit form as the editor sends it; StreamField inputs cannot be scraped from the HTML."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([("paragraph", rich_text(f"<p>{BODY}</p>"))]),
        "date_adopted": "",
    }
    return nested_form_data(fields | changes)


def vote(client, user, state, choice, reason="", **extra):
    client.force_login(user)
    return client.post(review_url(state), {"choice": choice, "reason": reason, **extra})


def cast(client, state, voters, choice):
    for user in voters:
        response = vote(client, user, state, choice, OBJECTION if choice == "object" else "")
        assert response.status_code == 302, response.content.decode()


def organisation_of(user):
    return Representative.objects.get(user=user).organisation


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def use_rule(task, **fields):
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()


def expire(state):
    MemberReviewTaskState.objects.filter(pk=state.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )


def close_reviews():
    out = StringIO()
    call_command("close_member_reviews", stdout=out)
    return out.getvalue()


def running_review_of(page):
    return MemberReviewTaskState.objects.get(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__object_id=str(page.pk),
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
    )


def endorser_names(html):
    section = re.search(r'<section class="endorsers".*?</section>', html, re.S).group(0)
    return re.findall(r"<(?:a href=\"[^\"]*\"|span)>([^<]+)</(?:a|span)>", section)


def endorsing_ids(page):
    return set(Endorsement.objects.filter(page=page).values_list("organisation_id", flat=True))


def inbox_of(user):
    return [message for message in deliver_queued_mail() if user.email in message.to]


# Entering the review


def test_entering_review_invites_every_representative_of_an_active_member_once(
    draft_statement,
    editor,
    administrator,
    representatives,
    member_review_task,
    django_capture_on_commit_callbacks,
):
    use_rule(member_review_task, review_period_days=10)
    former_member = MemberOrganisationFactory(active=False)
    former_representative = make_user("tidigare", "Medlemsrepresentanter")
    Representative.objects.create(user=former_representative, organisation=former_member)

    with django_capture_on_commit_callbacks(execute=True):
        state = in_member_review(draft_statement, editor, administrator)

    assert state.revision_id == fresh(draft_statement).latest_revision_id
    assert abs(state.deadline - state.started_at - timedelta(days=10)) < timedelta(seconds=5)
    deadline = format_date(timezone.localtime(state.deadline), "j F Y, H:i")
    for representative in representatives:
        [message] = inbox_of(representative)
        assert message.subject == f"Medlemsgranskning: {TITLE}"
        assert f"Svara senast {deadline}." in message.body
        assert f"http://testserver/admin/medlemsgranskning/{state.pk}/" in message.body
        assert organisation_of(representative).name in message.body
    assert inbox_of(former_representative) == []


# Decision rules


def test_the_seventh_endorsement_of_twelve_publishes_the_reviewed_text(client, review):
    use_rule(review.task, objection_blocks=False)
    voters = review.representatives
    cast(client, review.state, voters[0:2], "abstain")
    cast(client, review.state, voters[2:3], "object")
    cast(client, review.state, voters[3:9], "endorse")
    assert not fresh(review.page).live

    cast(client, review.state, voters[9:10], "endorse")

    page = fresh(review.page)
    endorsers = [organisation_of(user) for user in voters[3:10]]
    assert page.live
    assert page.live_revision_id == review.state.revision_id
    assert endorsing_ids(page) == {organisation.pk for organisation in endorsers}
    assert page.date_adopted == timezone.localdate()
    client.logout()
    html = client.get(page.url).content.decode()
    assert "7 av 12 medlemsorganisationer står bakom" in html
    assert sorted(endorser_names(html)) == sorted(organisation.name for organisation in endorsers)
    assert OBJECTION not in html


def test_a_qualified_majority_passes_at_exactly_the_required_share(client, review):
    use_rule(review.task, decision_rule=DecisionRule.QUALIFIED, qualified_percent=75)
    cast(client, review.state, review.representatives[:8], "endorse")
    assert fresh(review.state).status == TaskState.STATUS_IN_PROGRESS
    assert not fresh(review.page).live

    cast(client, review.state, review.representatives[8:9], "endorse")

    assert fresh(review.state).status == TaskState.STATUS_APPROVED
    assert fresh(review.page).live
    assert len(endorsing_ids(review.page)) == 9


@pytest.fixture
def consensus(review):
    use_rule(
        review.task,
        decision_rule=DecisionRule.CONSENSUS,
        minimum_endorsements=3,
        objection_blocks=False,
    )
    return review


def test_consensus_is_decided_at_the_deadline_and_passes_without_objection(client, consensus):
    cast(client, consensus.state, consensus.representatives[:5], "endorse")
    cast(client, consensus.state, consensus.representatives[5:6], "abstain")
    assert fresh(consensus.state).status == TaskState.STATUS_IN_PROGRESS
    assert "Closed 0 member review(s)." in close_reviews()

    expire(consensus.state)
    output = close_reviews()

    page = fresh(consensus.page)
    assert f"{TITLE}: Godkänd" in output
    assert "Closed 1 member review(s)." in output
    assert page.live
    assert page.live_revision_id == consensus.state.revision_id
    assert len(endorsing_ids(page)) == 5
    publications = PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()

    assert "Closed 0 member review(s)." in close_reviews()
    assert fresh(page).live_revision_id == page.live_revision_id
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == publications
    assert len(endorsing_ids(page)) == 5


def test_consensus_with_an_objection_is_rejected_at_the_deadline(client, consensus):
    cast(client, consensus.state, consensus.representatives[:5], "endorse")
    cast(client, consensus.state, consensus.representatives[5:6], "object")
    assert fresh(consensus.state).status == TaskState.STATUS_IN_PROGRESS

    expire(consensus.state)
    output = close_reviews()

    state = fresh(consensus.state)
    assert f"{TITLE}: Avslagen" in output
    assert state.status == TaskState.STATUS_REJECTED
    assert state.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not fresh(consensus.page).live


def test_a_blocking_objection_sends_the_whole_text_back_with_the_reason_as_a_comment(
    client, review
):
    cast(client, review.state, review.representatives[:3], "endorse")
    objector = review.representatives[3]

    response = vote(client, objector, review.state, "object", OBJECTION)

    assert response.status_code == 302
    state = fresh(review.state)
    page = fresh(review.page)
    assert state.status == TaskState.STATUS_REJECTED
    assert state.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.summary) == (TITLE, SUMMARY)
    assert BODY in str(draft.body)
    objection = f"Invändning från {organisation_of(objector).name}: {OBJECTION}"
    assert list(Comment.objects.filter(page=page).values_list("text", "user")) == [
        (objection, objector.pk)
    ]
    assert objection in state.comment
    client.logout()
    for url in ("/", "/stallningstaganden/", page.url):
        assert OBJECTION not in client.get(url).content.decode()


# What the form accepts


def test_an_objection_without_reason_is_refused_in_swedish_and_the_choice_kept(client, review):
    response = vote(client, review.representatives[0], review.state, "object", "   ")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv en motivering till invändningen." in html
    assert re.search(r'<input[^>]*value="object"[^>]*checked', html)
    assert not Vote.objects.exists()


def test_a_reason_without_a_choice_is_refused_and_the_reason_kept(client, review):
    client.force_login(review.representatives[0])

    response = client.post(review_url(review.state), {"reason": OBJECTION})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Välj hur er organisation röstar." in html
    assert f">{OBJECTION}</textarea>" in html
    assert not Vote.objects.exists()


def test_an_objection_through_wagtails_action_without_comment_is_not_counted(client, review):
    client.force_login(review.representatives[0])

    response = client.post(action_url(review.state, "object"), {})

    assert response.status_code == 302
    assert not Vote.objects.exists()
    assert fresh(review.state).status == TaskState.STATUS_IN_PROGRESS


def test_endorsing_through_wagtails_action_counts_and_leads_to_the_review_screen(client, review):
    representative = review.representatives[0]
    client.force_login(representative)

    response = client.post(action_url(review.state, "endorse"), {"comment": ""})

    assert response.status_code == 302
    assert response.url == review_url(review.state)
    assert list(Vote.objects.values_list("organisation", "choice")) == [
        (organisation_of(representative).pk, "endorse")
    ]


# Changing a vote


def test_a_changed_vote_keeps_one_row_and_logs_each_vote(client, review):
    representative = review.representatives[0]
    organisation = organisation_of(representative)
    vote(client, representative, review.state, "endorse")

    response = vote(client, representative, review.state, "abstain")

    assert list(Vote.objects.values_list("organisation", "choice")) == [
        (organisation.pk, "abstain")
    ]
    entries = PageLogEntry.objects.filter(
        page=review.page, action__startswith="member_review.vote."
    ).order_by("timestamp", "pk")
    assert [entry.action for entry in entries] == [
        "member_review.vote.endorse",
        "member_review.vote.abstain",
    ]
    for entry in entries:
        assert entry.user == representative
        assert entry.data["organisation"]["name"] == organisation.name
        assert entry.timestamp is not None
    assert [entry.data["previous"] for entry in entries] == [None, "endorse"]
    html = client.get(response.url).content.decode()
    assert "Er organisations röst är registrerad: Avstår." in html
    assert "Er organisations röst just nu: <strong>Avstår</strong>" in html


def test_the_same_vote_sent_twice_is_recorded_once(client, review):
    representative = review.representatives[0]

    vote(client, representative, review.state, "endorse")
    vote(client, representative, review.state, "endorse")

    assert Vote.objects.count() == 1
    assert PageLogEntry.objects.filter(action__startswith="member_review.vote.").count() == 1


# Edits during review


def test_an_edit_during_review_starts_a_new_review_on_the_new_text(
    client, review, editor, django_capture_on_commit_callbacks
):
    cast(client, review.state, review.representatives[:3], "endorse")
    mail.outbox.clear()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(review.page), edit_form(review.page, summary="En omskriven sammanfattning.")
        )

    assert response.status_code == 302
    old = fresh(review.state)
    new = running_review_of(review.page)
    assert old.status == TaskState.STATUS_CANCELLED
    assert new.revision_id == fresh(review.page).latest_revision_id != old.revision_id
    assert old.votes.count() == 3
    assert new.tally().answered == 0
    [invitation] = inbox_of(review.representatives[0])
    assert review_url(new) in invitation.body

    response = vote(client, review.representatives[4], old, "endorse")

    assert response.status_code == 400
    assert "Den här medlemsgranskningen är avslutad." in response.content.decode()
    assert Vote.objects.count() == 3


def test_publishing_during_review_is_refused_even_for_an_administrator(
    client, review, administrator, django_capture_on_commit_callbacks, caplog
):
    mail.outbox.clear()
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(review.page),
            edit_form(review.page, summary="Publicerad direkt.") | {"action-publish": "1"},
            follow=True,
        )

    assert "i den version som medlemsorganisationerna har antagit" in response.content.decode()
    assert not fresh(review.page).live
    state = MemberReviewTaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    assert state.pk == review.state.pk
    assert fresh(review.page).latest_revision_id == review.state.revision_id
    assert inbox_of(review.representatives[0]) == []
    assert "Publication refused" in caplog.text


def test_the_reviewed_revision_cannot_be_overwritten_in_place(review):
    revision = review.state.revision
    reviewed = copy.deepcopy(revision.content)
    revision.content["summary"] = "Något annat än det medlemmarna läser."

    with pytest.raises(PermissionDenied):
        revision.save()

    revision.refresh_from_db()
    assert revision.content == reviewed


def test_saving_over_the_reviewed_revision_from_the_editor_is_refused_and_the_reviewed_text_adopted(
    client, review, editor
):
    client.force_login(editor)

    response = client.post(
        edit_url(review.page),
        edit_form(review.page, summary="Överskriven sammanfattning.")
        | {"overwrite_revision_id": review.state.revision_id},
    )

    assert "Den här versionen är under medlemsgranskning och kan inte ändras." in (
        response.content.decode()
    )
    assert fresh(review.state.revision).content["summary"] == SUMMARY
    assert fresh(review.page).latest_revision_id == review.state.revision_id
    cast(client, review.state, review.representatives[:7], "endorse")
    page = fresh(review.page)
    assert page.live_revision_id == review.state.revision_id
    assert page.summary == SUMMARY


def test_after_a_rejection_the_editor_resubmits_and_the_members_adopt_the_new_text(
    client, review, editor
):
    cast(client, review.state, review.representatives[:1], "object")
    client.force_login(editor)

    response = client.post(
        edit_url(review.page),
        edit_form(review.page, summary="Omarbetad efter invändningen.") | {"action-submit": "1"},
    )

    assert response.status_code == 302
    page = fresh(review.page)
    new = running_review_of(page)
    assert new.revision_id == page.latest_revision_id
    assert new.tally().answered == 0
    cast(client, new, review.representatives[:7], "endorse")
    page = fresh(review.page)
    assert page.live
    assert page.live_revision_id == new.revision_id
    assert page.summary == "Omarbetad efter invändningen."
    client.logout()
    html = client.get(page.url).content.decode()
    assert "7 av 12 medlemsorganisationer står bakom" in html
    assert OBJECTION not in html


# Refusals


def test_no_vote_is_counted_after_the_review_has_closed(client, review):
    cast(client, review.state, review.representatives[:1], "object")

    response = vote(client, review.representatives[1], review.state, "endorse")

    assert response.status_code == 400
    assert "Den här medlemsgranskningen är avslutad." in response.content.decode()
    assert Vote.objects.count() == 1


def test_no_vote_is_counted_after_the_deadline(client, review):
    expire(review.state)

    response = vote(client, review.representatives[0], review.state, "endorse")

    assert response.status_code == 400
    assert "Sista svarsdag för den här medlemsgranskningen har passerat." in (
        response.content.decode()
    )
    assert not Vote.objects.exists()


def test_a_representative_of_a_former_member_cannot_vote(client, review):
    representative = review.representatives[0]
    organisation = organisation_of(representative)
    organisation.active = False
    organisation.save()

    screen = vote(client, representative, review.state, "endorse")
    action = client.post(action_url(review.state, "endorse"), {"comment": ""})

    # Refused by the representatives' gate or by Wagtail's redirect to the dashboard.
    assert screen.status_code in (302, 403)
    assert action.status_code in (302, 403)
    assert not Vote.objects.exists()


def test_a_representative_votes_only_for_their_own_organisation(client, review):
    representative, other = review.representatives[:2]

    vote(
        client,
        representative,
        review.state,
        "endorse",
        organisation=organisation_of(other).pk,
        organisation_id=organisation_of(other).pk,
    )

    assert list(Vote.objects.values_list("organisation", flat=True)) == [
        organisation_of(representative).pk
    ]


def test_a_swedish_statement_is_not_published_without_a_member_review(
    draft_statement, editor, administrator
):
    WorkflowPage.objects.create(
        page=draft_statement, workflow=Workflow.objects.get(name="Redaktionell granskning")
    )
    workflow_state = submit(draft_statement, editor)

    with pytest.raises(PublicationRefused):
        workflow_state.current_task_state.approve(user=administrator)

    assert not fresh(draft_statement).live


# What representatives and editors see


def test_the_review_screen_tells_the_representative_the_rule_the_time_left_and_the_vote(
    client, review
):
    in_three_days = datetime.combine(timezone.localdate() + timedelta(days=3), time(12))
    deadline = timezone.make_aware(in_three_days)
    MemberReviewTaskState.objects.filter(pk=review.state.pk).update(deadline=deadline)
    vote(client, review.representatives[0], review.state, "endorse")

    html = client.get(review_url(review.state)).content.decode()

    assert (
        "Majoritet: texten antas så snart mer än hälften av de aktiva medlemsorganisationerna "
        "har ställt sig bakom den. En enda invändning stoppar den."
    ) in html
    assert f"3 dagar kvar, till {format_date(deadline, 'j F Y')}, 12:00." in html
    assert "Er organisations röst just nu: <strong>Ställer oss bakom</strong>" in html
    assert 'name="choice"' in html
    assert "andringar" not in html


def test_editors_see_the_tally_instead_of_the_vote_form(client, review, editor):
    cast(client, review.state, review.representatives[:2], "endorse")
    cast(client, review.state, review.representatives[2:3], "abstain")
    client.force_login(editor)

    screen = client.get(review_url(review.state)).content.decode()
    editor_view = client.get(edit_url(review.page)).content.decode()

    assert 'name="choice"' not in screen
    for html in (screen, editor_view):
        assert 'class="member-review-tally"' in html
        assert 'member-review-tally__segment--endorse" style="flex-grow: 2"' in html
        assert 'member-review-tally__segment--abstain" style="flex-grow: 1"' in html
        assert "5 organisationer till behöver ställa sig bakom." in html


def test_the_dashboard_lists_the_open_review_for_a_representative(client, review):
    client.force_login(review.representatives[0])

    html = client.get("/admin/").content.decode()

    assert "Medlemsgranskningar" in html
    assert f'href="{review_url(review.state)}">{TITLE}</a>' in html
    assert "Har inte svarat" in html


def test_what_changed_compares_the_text_under_review_with_the_published_one(
    client, draft_statement, editor, administrator, representatives, member_review_task
):
    with loading_content():
        draft_statement.save_revision(user=administrator).publish(user=administrator)
    draft_statement.summary = "Samlingslokaler ska gå att boka av alla föreningar."
    state = in_member_review(draft_statement, editor, administrator)
    changes = f"/admin/medlemsgranskning/{state.pk}/andringar/"

    for user in (representatives[0], editor):
        client.force_login(user)
        screen = client.get(review_url(state)).content.decode()
        response = client.get(changes)

        assert f'href="{changes}"' in screen
        assert response.status_code == 200
        html = response.content.decode()
        assert SUMMARY in html
        assert "Samlingslokaler ska gå att boka av alla föreningar." in html


# Translations


def test_an_english_translation_of_an_adopted_statement_needs_only_the_editorial_review(
    client, site, review, editor, administrator
):
    for representative in review.representatives[:7]:
        cast_vote(review.state, representative, VoteChoice.ENDORSE)
    statement = fresh(review.page)
    assert statement.live
    translation = statement.copy_for_translation(site.en).specific
    translation.title = "Premises should be open to all"
    translation.slug = "premises"

    workflow_state = submit(translation, editor)
    workflow_state.current_task_state.approve(user=administrator)

    translation = PositionStatementPage.objects.get(pk=translation.pk)
    assert translation.get_workflow().name == "Redaktionell granskning"
    assert translation.live
    html = client.get(translation.url).content.decode()
    assert "This is a translation. The Swedish text is the one adopted by the members." in html
