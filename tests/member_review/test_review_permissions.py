"""Who may do what with a statement in member review, through the admin as people use it.

Every request goes through Django's test client, so each refusal is the one a person would meet:
a 403, or a redirect to the login page or the admin home, and nothing changed in the database.
"""

import re
from datetime import timedelta
from html import unescape
from io import StringIO
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import (
    PageLogEntry,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation, TranslationSource

import pytest

from conftest import make_user
from home.core.publication import PublicationRefused, loading_content
from member_review.models import MemberReviewTask, Vote
from member_review.voting import cast_vote
from members.factories import MemberOrganisationFactory
from members.models import Representative
from news.factories import NewsPageFactory
from news.models import NewsPage
from positions.factories import PositionStatementPageFactory
from positions.models import PositionStatementPage
from tests.review_fixtures import in_member_review, submit
from tests.worlds import (
    build_news_index,
    build_register,
    build_site,
    build_statements_index,
    built_once,
    fresh,
)

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ADMIN_HOME = "/admin/"
ROLES = ["anonymous", "representative", "editor", "admin"]
DRAFT_TEXT = "Ett utkast som medlemmarna ännu inte har antagit."


# The world: built once for the module ------------------------------------------------------
#
# The people, the organisations and the sections of the site, and a statement in member review,
# as the fixtures of tests/review_fixtures.py build them for each test elsewhere. Each test here
# gets its own copy of them, and its changes are rolled back after it (tests/worlds.py).


@pytest.fixture(scope="module")
def review_world(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as tests_run:
        site = build_site()
        news_index = build_news_index(site)
        statements_index = build_statements_index(site)
        register = build_register(site)
        editor = make_user("redaktor", "Redaktörer", first_name="Rut", last_name="Redaktör")
        administrator = make_user("admin", is_superuser=True)
        members = MemberOrganisationFactory.create_batch(12)
        representatives = []  # representatives[n] speaks for members[n]
        for number, organisation in enumerate(members, start=1):
            user = make_user(f"representant{number}", "Medlemsrepresentanter", first_name="Rep")
            Representative.objects.create(user=user, organisation=organisation)
            representatives.append(user)
        task = MemberReviewTask.objects.get(name="Medlemsgranskning")
        workflow = Workflow.objects.get(name="Ställningstagande")
        for index in (statements_index, register):
            WorkflowPage.objects.create(page=index, workflow=workflow)
        page = PositionStatementPageFactory(
            parent=statements_index,
            title="Föreningslokaler ska vara öppna för alla",
            slug="foreningslokaler",
            summary="Allmänna samlingslokaler är demokratins infrastruktur.",
            date_adopted=None,
            live=False,
            owner=editor,
        )
        with committing():  # the invitations go out
            state = in_member_review(page, editor, administrator)
        world = SimpleNamespace(
            site=site,
            news_index=news_index,
            statements_index=statements_index,
            register=register,
            editor=editor,
            administrator=administrator,
            members=members,
            representatives=representatives,
            member_review_task=task,
            statement_workflow=workflow,
            review=SimpleNamespace(
                page=page, state=state, task=task, representatives=representatives
            ),
        )
        with tests_run():
            yield world


@pytest.fixture
def world(db, review_world):
    return fresh(review_world)


@pytest.fixture
def site(world):
    return world.site


@pytest.fixture
def news_index(world):
    return world.news_index


@pytest.fixture
def statements_index(world):
    return world.statements_index


@pytest.fixture
def register(world):
    return world.register


@pytest.fixture
def editor(world):
    return world.editor


@pytest.fixture
def administrator(world):
    return world.administrator


@pytest.fixture
def members(world):
    return world.members


@pytest.fixture
def representatives(world):
    return world.representatives


@pytest.fixture
def member_review_task(world):
    return world.member_review_task


@pytest.fixture
def statement_workflow(world):
    return world.statement_workflow


@pytest.fixture
def review(world):
    """The world's statement in member review, with twelve voters (tests/review_fixtures.py)."""
    return world.review


@pytest.fixture
def draft_statement(statements_index, statement_workflow, editor):
    """A statement not yet submitted, beside the world's statement in member review."""
    return PositionStatementPageFactory(
        parent=statements_index,
        title="Föreningslokaler ska vara tillgängliga",
        slug="tillgangliga-lokaler",
        summary="Allmänna samlingslokaler ska gå att nå för alla.",
        date_adopted=None,
        live=False,
        owner=editor,
    )


# Helpers -----------------------------------------------------------------------------------


def edit_form(page, **fields):
    """What the page editor posts for `page`, with `fields` changed."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([("paragraph", rich_text("<p>Lokalerna ska vara öppna.</p>"))]),
        "date_adopted": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def committing():
    """Run the on-commit callbacks the block registers, as if its transaction committed."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def admin_datetime(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action, state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


def review_screen(state):
    return reverse("member_review:detail", args=[state.pk])


def refused(response, role):
    """The request was turned away as a person would notice it, never with a server error.

    Wagtail's admin answers a PermissionDenied with a redirect to the admin home and "Sorry, you
    do not have permission to access this area"; a 403 is as good.
    """
    if role == "anonymous":
        return response.status_code == 302 and response["Location"].startswith(LOGIN)
    if response.status_code == 302:
        return urlsplit(response["Location"]).path == ADMIN_HOME
    return response.status_code == 403


def publications(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def vote_log_entries(page):
    return PageLogEntry.objects.filter(page=page, action__startswith="member_review.vote.").count()


def reload(page):
    return PositionStatementPage.objects.get(pk=page.pk)


def statement_with_body(parent, live, **fields):
    """A statement with a body, which a page needs to pass validation and be published."""
    fields.setdefault("date_adopted", None if not live else timezone.localdate())
    page = PositionStatementPageFactory(parent=parent, live=live, **fields)
    page.body = [("paragraph", RichText("<p>Allmänna lokaler ska stå öppna.</p>"))]
    page.save()
    revision = page.save_revision()
    if live:
        with loading_content():
            revision.publish()
    return reload(page)


def translate_with_localize(page, locale, user, publish):
    """The translation wagtail-localize makes with "Translate this page"."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    with committing():  # wagtail-localize publishes once the transaction commits
        translation.save_target(user=user, publish=publish)
    return reload(page.get_translation(locale))


def latest_member_review(page):
    """The member review task state the page is in now (after edits restarted it)."""
    workflow_state = page.current_workflow_state
    return workflow_state.current_task_state.specific


# The permission matrix ---------------------------------------------------------------------


@pytest.fixture
def people(review, editor, administrator):
    return {
        "anonymous": None,
        "representative": review.representatives[0],
        "editor": editor,
        "admin": administrator,
    }


def view_draft(client, review, role, allowed):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[review.page.pk]))
    if allowed:
        assert response.status_code == 200
        assert review.page.title in response.content.decode()
    else:
        assert refused(response, role), response


def preview(client, review, role, allowed):
    url = reverse("wagtailadmin_pages:workflow_preview", args=[review.page.pk, review.task.pk])
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
        assert review.page.title in response.content.decode()
    else:
        assert refused(response, role), response


def edit(client, review, role, allowed):
    response = client.get(edit_url(review.page))
    if allowed:
        assert response.status_code == 200
    else:
        assert refused(response, role), response


def publish(client, review, role, allowed):
    before = review.page.latest_revision_id
    response = client.post(
        edit_url(review.page),
        edit_form(
            review.page,
            summary="Publicerad utan medlemmarnas beslut.",
            **{"action-publish": "action-publish"},
        ),
    )
    page = reload(review.page)
    assert not allowed
    assert not page.live
    assert publications(page) == 0
    if role == "editor":
        # Without publish permission Wagtail saves a draft instead (the editor may edit, and
        # the review restarts on the new text); the editor stays in the editor.
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == edit_url(page)
        return
    # Nothing was saved either: the review goes on with the same revision.
    assert refused(response, role), response
    assert page.latest_revision_id == before
    review.state.refresh_from_db()
    assert review.state.status == TaskState.STATUS_IN_PROGRESS


def vote(client, review, role, allowed):
    response = client.post(action_url(review.page, "endorse", review.state), {"comment": ""})
    votes = Vote.objects.filter(task_state=review.state)
    if allowed:
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == review_screen(review.state)
        [cast] = votes
        assert (cast.organisation, cast.choice) == (review.members[0], "endorse")
        assert cast.cast_by == review.representatives[0]
    else:
        assert refused(response, role), response
        assert not votes.exists()
        assert vote_log_entries(review.page) == 0


def vote_for_another_organisation(client, review, role, allowed):
    other = review.members[1]
    through_workflow = client.post(
        action_url(review.page, "endorse", review.state),
        {"comment": "", "organisation": other.pk, "organisation_id": other.pk},
    )
    through_screen = client.post(
        review_screen(review.state),
        {"choice": "endorse", "organisation": other.pk, "organisation_id": other.pk},
    )
    assert not Vote.objects.filter(organisation=other).exists()
    if allowed:
        # The vote is accepted, but only ever for the voter's own organisation.
        assert through_workflow.status_code == 302
        assert through_screen.status_code == 302
        assert list(
            Vote.objects.filter(task_state=review.state).values_list("organisation", flat=True)
        ) == [review.members[0].pk]
        assert vote_log_entries(review.page) == 1  # the same vote twice is logged once
    else:
        assert refused(through_workflow, role), through_workflow
        assert refused(through_screen, role), through_screen
        assert not Vote.objects.exists()
        assert vote_log_entries(review.page) == 0


def tally(client, review, role, allowed):
    # Another organisation has voted already; only the editors may follow how.
    cast_vote(review.state, review.representatives[1], "abstain", reason="Hemlig motivering.")
    response = client.get(review_screen(review.state))
    if role == "anonymous":
        assert refused(response, role), response
        return
    if role == "representative":
        # The representative reads the review and votes, and sees no one else's vote.
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="choice"' in html
        assert "member-review-tally" not in html
        assert "Hemlig motivering" not in html
        assert review.members[1].name not in html
        assert not allowed
        return
    html = response.content.decode()
    if allowed:
        assert response.status_code == 200
        assert "member-review-tally" in html
        assert 'name="choice"' not in html
    else:
        assert refused(response, role), response


ACTIONS = {
    # action: the roles allowed to do it
    view_draft: {"editor", "admin"},
    preview: {"representative"},
    edit: {"editor", "admin"},
    # Not even administrators publish past the members (home.core.publication refuses it).
    publish: set(),
    vote: {"representative"},
    vote_for_another_organisation: {"representative"},
    tally: {"editor", "admin"},
}


@pytest.fixture
def review_with_members(review, members):
    review.members = members  # representatives[n] speaks for members[n]
    return review


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_permission_matrix(client, review_with_members, people, role, action):
    if people[role] is not None:
        client.force_login(people[role])
    action(client, review_with_members, role, role in ACTIONS[action])


@pytest.mark.parametrize("role", ["representative", "editor", "admin"])
def test_every_link_on_the_review_screen_opens_for_whoever_sees_it(client, people, review, role):
    """The review screen offers "Read the text under review" to all; it must not be refused."""
    client.force_login(people[role])
    html = client.get(review_screen(review.state)).content.decode()
    links = re.search(r'<ul class="member-review__links">(.*?)</ul>', html, re.S).group(1)
    hrefs = re.findall(r'href="([^"]+)"', links)
    assert hrefs
    for href in hrefs:
        response = client.get(unescape(href))
        assert response.status_code == 200, (href, response)


# Representatives: no editor, no lock --------------------------------------------------------


def test_a_representative_never_gets_the_editor_nor_locks_the_page(client, review):
    client.force_login(review.representatives[0])
    response = client.get(edit_url(review.page))
    assert refused(response, "representative"), response
    response = client.post(reverse("wagtailadmin_pages:lock", args=[review.page.pk]))
    assert refused(response, "representative"), response
    assert not reload(review.page).locked
    assert not PageLogEntry.objects.filter(page=review.page, action="wagtail.lock").exists()


# An editor cannot get a statement live by any path ------------------------------------------


class TestAnEditorCannotGetAStatementLive:
    def test_the_publish_button(self, client, review, editor):
        client.force_login(editor)
        response = client.post(
            edit_url(review.page), edit_form(review.page, **{"action-publish": "action-publish"})
        )
        assert response.status_code in (302, 403)
        page = reload(review.page)
        assert not page.live
        assert publications(page) == 0
        # Still (or again) waiting for the members.
        assert page.current_workflow_task.name == "Medlemsgranskning"
        assert latest_member_review(page).status == TaskState.STATUS_IN_PROGRESS

    @pytest.mark.parametrize("offset", [timedelta(hours=2), timedelta(minutes=-5)])
    def test_scheduling_still_needs_the_member_review(
        self, client, draft_statement, editor, offset
    ):
        client.force_login(editor)
        go_live_at = timezone.now() + offset
        response = client.post(
            edit_url(draft_statement),
            edit_form(
                draft_statement,
                go_live_at=admin_datetime(go_live_at),
                **{"action-submit": "action-submit"},
            ),
        )
        assert response.status_code == 302
        page = reload(draft_statement)
        assert page.workflow_in_progress
        assert page.get_latest_revision().content["go_live_at"]  # the date was submitted

        # The editor approves the editorial step too: the statement moves on to the members.
        editorial = page.current_workflow_task_state
        response = client.post(action_url(page, "approve", editorial), {"comment": ""})
        assert response.status_code == 302
        page = reload(draft_statement)
        assert page.current_workflow_task.name == "Medlemsgranskning"

        call_command("publish_scheduled", stdout=StringIO())
        page = reload(draft_statement)
        assert not page.live
        assert page.scheduled_revision is None
        assert not Revision.page_revisions.filter(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        ).exists()
        assert publications(page) == 0

    @pytest.mark.parametrize("option", ["publish_copies", "alias"])
    def test_copying_a_live_statement(
        self, client, statements_index, statement_workflow, editor, option
    ):
        statement = PositionStatementPageFactory(
            parent=statements_index, slug="antaget", title="Ett antaget ställningstagande"
        )
        assert statement.live
        client.force_login(editor)
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=[statement.pk]),
            {
                "new_title": "Kopia av ett antaget ställningstagande",
                "new_slug": "kopia",
                "new_parent_page": statements_index.pk,
                option: "on",
            },
        )
        assert response.status_code in (200, 302, 403)
        copies = PositionStatementPage.objects.filter(slug="kopia")
        if option == "publish_copies":
            # Wagtail makes the copy, as a draft: editors have no publish permission.
            assert copies.count() == 1
        assert not copies.filter(live=True).exists()
        assert not PositionStatementPage.objects.filter(alias_of=statement).exists()

    @pytest.mark.parametrize("through", ["workflow_action", "edit_view"])
    @pytest.mark.parametrize("approver", ["editor", "administrator"])
    def test_editorial_approval_alone_never_publishes(
        self, client, draft_statement, statements_index, editor, administrator, approver, through
    ):
        # Without the statement workflow on its index, the root's editorial review applies.
        WorkflowPage.objects.filter(page=statements_index).delete()
        client.force_login(editor)
        form = edit_form(draft_statement)
        response = client.post(edit_url(draft_statement), {**form, "action-submit": "on"})
        assert response.status_code == 302
        page = reload(draft_statement)
        assert page.current_workflow_state.workflow.name == "Redaktionell granskning"
        task_state = page.current_workflow_task_state

        # The administrator may publish anything, so the refusal for them is the finishing
        # step's own rule, not a missing permission.
        client.force_login({"editor": editor, "administrator": administrator}[approver])

        if through == "workflow_action":
            response = client.post(action_url(page, "approve", task_state), {"comment": ""})
        else:
            # "Approve" in the editor's action menu, with the text as submitted.
            [block] = page.get_latest_revision_as_object().body
            response = client.post(
                edit_url(page),
                {
                    **form,
                    "body-0-id": block.id,
                    "action-workflow-action": "on",
                    "workflow-action-name": "approve",
                },
            )
        page = reload(draft_statement)
        task_state.refresh_from_db()
        assert refused(response, approver), response
        assert not page.live
        assert publications(page) == 0
        # The refusal rolled the approval back: the editorial review is still open.
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    @pytest.mark.parametrize("statement", ["new", "revised"])
    def test_syncing_translations_does_not_publish_the_draft_in_english(
        self, client, statements_index, statement_workflow, editor, administrator, site, statement
    ):
        if statement == "new":
            # A statement never published; its English translation is a draft.
            page = statement_with_body(statements_index, live=False, summary=DRAFT_TEXT)
            english = translate_with_localize(page, site.en, editor, publish=False)
            in_member_review(page, editor, administrator)
        else:
            # An adopted statement, live in both languages, revised and back in member review.
            page = statement_with_body(statements_index, live=True)
            with loading_content():
                english = translate_with_localize(page, site.en, editor, publish=True)
            assert reload(english).live
            client.force_login(editor)
            response = client.post(
                edit_url(page), edit_form(page, summary=DRAFT_TEXT, **{"action-submit": "on"})
            )
            assert response.status_code == 302
            reload(page).current_workflow_task_state.approve(user=administrator)
        assert latest_member_review(reload(page)).revision.content["summary"] == DRAFT_TEXT

        source = TranslationSource.objects.get_for_instance(page)
        client.force_login(editor)
        # wagtail-localize publishes once the request commits; there the guard refuses.
        with pytest.raises(PublicationRefused), committing():
            client.post(
                reverse("wagtail_localize:update_translations", args=[source.pk]),
                {"publish_translations": "on"},
            )
        english = reload(english)
        assert english.live is (statement == "revised")
        assert not PositionStatementPage.objects.live().filter(summary=DRAFT_TEXT).exists()
        if english.live:
            assert english.live_revision.content["summary"] != DRAFT_TEXT

    def test_an_english_translation_of_a_text_the_members_have_not_adopted(
        self, client, statements_index, statement_workflow, editor, administrator, site
    ):
        """English pages pass the editorial review only, which editors approve themselves.

        The translation of a Swedish draft in member review is the members' text before they
        have adopted it, and must not be published in English before it is in Swedish.
        """
        page = statement_with_body(statements_index, live=False, summary=DRAFT_TEXT)
        english = translate_with_localize(page, site.en, editor, publish=False)
        in_member_review(page, editor, administrator)
        translation = Translation.objects.get(source__object_id=page.translation_key)

        client.force_login(editor)
        # "Stop synced translation", then submit the English page and approve it.
        response = client.post(
            reverse("wagtail_localize:stop_translation", args=[translation.pk]),
            {"next": edit_url(english)},
        )
        assert response.status_code == 302
        response = client.post(
            edit_url(english), edit_form(reload(english), **{"action-submit": "on"})
        )
        assert response.status_code == 302
        english = reload(english)
        assert english.current_workflow_state.workflow.name == "Redaktionell granskning"
        with committing():
            response = client.post(
                action_url(english, "approve", english.current_workflow_task_state),
                {"comment": ""},
            )
        assert response.status_code in (302, 403)
        assert not reload(page).live
        assert not reload(english).live
        assert not PositionStatementPage.objects.live().filter(summary=DRAFT_TEXT).exists()


def test_the_editorial_review_alone_publishes_what_needs_no_member_review(
    client, news_index, editor
):
    """Editors approve the editorial step; for a news page that is the whole workflow."""
    news = NewsPageFactory(parent=news_index, live=False)
    news.body = [("paragraph", RichText("<p>Föreningarna samlas i Karlstad.</p>"))]
    news.save()
    workflow_state = submit(news, editor)
    assert workflow_state.workflow.name == "Redaktionell granskning"

    client.force_login(editor)
    response = client.post(
        action_url(news, "approve", workflow_state.current_task_state), {"comment": ""}
    )
    assert not refused(response, "editor"), response
    assert NewsPage.objects.get(pk=news.pk).live


# Votes refused through HTTP ------------------------------------------------------------------


def vote_through_both_screens(client, page, state):
    """An endorsement posted through Wagtail's workflow action and through the review screen."""
    return [
        client.post(action_url(page, "endorse", state), {"comment": ""}),
        client.post(review_screen(state), {"choice": "endorse"}),
    ]


class TestVotesRefusedThroughHttp:
    def test_for_another_organisation(self, client, review, members):
        representative = review.representatives[0]
        client.force_login(representative)
        client.post(
            action_url(review.page, "endorse", review.state),
            {"comment": "", "organisation": members[5].pk},
        )
        assert not Vote.objects.filter(organisation=members[5]).exists()
        assert set(Vote.objects.values_list("organisation", flat=True)) == {members[0].pk}

    @pytest.mark.parametrize("closed_by", ["approval", "rejection", "deadline"])
    def test_after_the_review_closed(self, client, review, closed_by):
        voters, late = review.representatives[:-1], review.representatives[-1]
        if closed_by == "approval":
            for representative in voters[:7]:
                cast_vote(review.state, representative, "endorse")
        elif closed_by == "rejection":
            cast_vote(review.state, voters[0], "object", reason="Vi invänder.")
        else:
            review.state.deadline = timezone.now() - timedelta(minutes=1)
            review.state.save()
        review.state.refresh_from_db()
        if closed_by != "deadline":
            assert review.state.status != TaskState.STATUS_IN_PROGRESS
        before = Vote.objects.count()

        client.force_login(late)
        through_workflow, through_screen = vote_through_both_screens(
            client, review.page, review.state
        )
        # Wagtail refuses, or, once the workflow has ended, says the page is not awaiting
        # moderation and sends the voter to the page editor (which refuses them in turn).
        assert through_workflow.status_code in (302, 403), through_workflow
        if through_workflow.status_code == 302:
            assert urlsplit(through_workflow["Location"]).path in (
                ADMIN_HOME,
                edit_url(review.page),
            )
        assert through_screen.status_code == 400  # the review screen says it has closed
        assert Vote.objects.count() == before
        assert not Vote.objects.filter(cast_by=late).exists()

    def test_on_a_revision_no_longer_under_review(self, client, review, editor):
        review.page.summary = "Redaktionen skrev om texten under granskningen."
        review.page.save_revision(user=editor, log_action=True)
        old = review.state
        old.refresh_from_db()
        assert old.status == TaskState.STATUS_CANCELLED
        new = latest_member_review(reload(review.page))
        assert new.pk != old.pk

        client.force_login(review.representatives[0])
        through_workflow, through_screen = vote_through_both_screens(client, review.page, old)
        assert refused(through_workflow, "representative"), through_workflow
        assert through_screen.status_code == 400  # the screen says why
        assert not Vote.objects.exists()
        assert vote_log_entries(review.page) == 0

    def test_while_the_organisation_is_inactive(self, client, review, members):
        members[0].active = False
        members[0].save()
        client.force_login(review.representatives[0])
        for response in vote_through_both_screens(client, review.page, review.state):
            assert refused(response, "representative"), response
        assert not Vote.objects.exists()
        assert vote_log_entries(review.page) == 0
