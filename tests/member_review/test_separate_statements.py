"""Published dissent: a separate statement ("särskilt yttrande") beside an adopted text, under the
organisation's name, only with its consent; never for an endorsement or a rejected text; hidden
only by an administrator, with a reason."""

from wagtail.models import ModelLogEntry

import feedparser
import pytest

from conftest import make_user
from member_review.models import SeparateStatement
from member_review.voting import VoteRefused, cast_vote
from members.models import Representative
from tests.worlds import fixtures_from_the_shared_world

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()

STATEMENT = "Vi avstår: texten säger inget om föreningar utan egna lokaler."
HEADING = "Särskilda yttranden"


def organisation_of(user):
    return Representative.objects.get(user=user).organisation


def vote(client, user, review, choice, reason="", statement="", publish=False):
    client.force_login(user)
    data = {"choice": choice, "reason": reason, "statement": statement}
    if publish:
        data["publish_statement"] = "on"
    return client.post(f"/admin/medlemsgranskning/{review.state.pk}/", data)


def adopt(review, skipping=()):
    endorsers = [user for user in review.representatives if user not in skipping][:7]
    for user in endorsers:
        cast_vote(review.state, user, "endorse")


def public_html(client, review):
    client.logout()
    page = type(review.page).objects.get(pk=review.page.pk)
    return client.get(page.url).content.decode()


def test_a_consented_statement_appears_beside_the_adopted_text_in_the_api_and_the_feed(
    client, review
):
    abstaining, objecting_privately = review.representatives[8:10]
    response = vote(client, abstaining, review, "abstain", statement=STATEMENT, publish=True)
    assert response.status_code == 302
    vote(client, objecting_privately, review, "abstain", statement="Bara till redaktörerna.")

    adopt(review, skipping=(abstaining, objecting_privately))

    html = public_html(client, review)
    assert HEADING in html
    assert f"<h3>{organisation_of(abstaining).name}</h3>" in html
    assert STATEMENT in html
    assert "Bara till redaktörerna." not in html
    api = client.get(f"/api/v2/pages/{review.page.pk}/").json()
    assert api["separate_statements"] == [
        {"organisation": organisation_of(abstaining).name, "text": STATEMENT}
    ]
    feed = feedparser.parse(client.get("/flode/stallningstaganden.rss").content)
    [entry] = [entry for entry in feed.entries if entry.title == review.page.title]
    assert f"Särskilt yttrande från {organisation_of(abstaining).name}: {STATEMENT}" in (
        entry.summary
    )


def test_no_statement_appears_while_the_text_is_in_review_or_after_it_is_rejected(client, review):
    vote(client, review.representatives[0], review, "abstain", statement=STATEMENT, publish=True)
    assert HEADING not in public_html(client, review)

    vote(client, review.representatives[1], review, "object", reason="Nej.", publish=True)

    assert not type(review.page).objects.get(pk=review.page.pk).live
    assert not SeparateStatement.objects.exclude(page=None).exists()


@pytest.mark.parametrize(
    "data, error",
    [
        (
            {"choice": "endorse", "statement": STATEMENT},
            "Ett särskilt yttrande kan bara lämnas av en organisation som avstår eller invänder.",
        ),
        (
            {"choice": "abstain", "statement": "ord " * 201},
            "Ett särskilt yttrande får ha högst 200 ord; det här har 201.",
        ),
    ],
    ids=["endorsing", "201-words"],
)
def test_a_statement_with_an_endorsement_or_of_too_many_words_is_refused(
    client, review, data, error
):
    client.force_login(review.representatives[0])

    response = client.post(f"/admin/medlemsgranskning/{review.state.pk}/", data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not SeparateStatement.objects.exists()
    with pytest.raises(VoteRefused):
        cast_vote(
            review.state, review.representatives[0], data["choice"], statement=data["statement"]
        )
    assert not SeparateStatement.objects.exists()


def test_a_statement_written_around_the_forms_for_an_endorser_is_not_published(client, review):
    endorser = review.representatives[0]
    cast_vote(review.state, endorser, "endorse")
    # Written after the endorsement, as only the shell or a bug could.
    SeparateStatement.objects.create(
        task_state=review.state,
        organisation=organisation_of(endorser),
        text=STATEMENT,
        publish=True,
        written_by=endorser,
    )

    for user in review.representatives[1:7]:
        cast_vote(review.state, user, "endorse")

    assert HEADING not in public_html(client, review)
    assert SeparateStatement.objects.get().page is None


def test_changing_to_an_endorsement_withdraws_the_statement(client, review):
    user = review.representatives[0]
    vote(client, user, review, "abstain", statement=STATEMENT, publish=True)
    assert SeparateStatement.objects.count() == 1

    vote(client, user, review, "endorse")

    assert not SeparateStatement.objects.exists()


def test_a_new_review_on_a_changed_text_asks_again(
    client, review, editor, django_capture_on_commit_callbacks
):
    vote(client, review.representatives[0], review, "abstain", statement=STATEMENT, publish=True)
    review.page.summary = "En ändrad sammanfattning."
    with django_capture_on_commit_callbacks(execute=True):
        review.page.save_revision(user=editor)
    review.state = review.page.current_workflow_task_state.specific

    adopt(review)

    assert HEADING not in public_html(client, review)


def test_only_an_administrator_hides_a_published_statement_and_the_reason_is_logged(
    client, review, editor, administrator
):
    vote(client, review.representatives[9], review, "abstain", statement=STATEMENT, publish=True)
    adopt(review)
    statement = SeparateStatement.objects.get()
    edit = f"/admin/snippets/member_review/separatestatement/edit/{statement.pk}/"

    client.force_login(editor)
    assert client.get(edit).status_code in (302, 403)
    assert client.post(edit, {"hidden_reason": "Redaktören ogillar det."}).status_code in (
        302,
        403,
    )
    statement.refresh_from_db()
    assert statement.hidden_reason == ""

    hider = make_user("granskare", "Administratörer")
    client.force_login(hider)
    response = client.post(
        edit, {"hidden_reason": "Innehåller personuppgifter.", "text": "Ändrad text"}
    )
    assert response.status_code == 302

    statement.refresh_from_db()
    assert statement.hidden_reason == "Innehåller personuppgifter."
    assert statement.text == STATEMENT
    assert HEADING not in public_html(client, review)
    [entry] = ModelLogEntry.objects.filter(object_id=str(statement.pk), action="wagtail.edit")
    assert entry.user == hider
