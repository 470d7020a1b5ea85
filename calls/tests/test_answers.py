"""Answers to a call: one per organisation, given and changed by any of its representatives until
the reply-by date and refused after it, in the service and in the admin; read and exported by the
editors, never by another organisation."""

import csv
import io

from django.contrib.auth.models import Group

from wagtail.models import PageLogEntry, PageViewRestriction

import pytest

from calls.announcements import announce
from calls.answers import AnswerRefused, save_answer
from calls.factories import days
from calls.models import Answer, CallAnnouncement, CallAnswer, CallPage, participation
from conftest import make_user
from members.models import Representative

from .conftest import make_call

pytestmark = pytest.mark.django_db

TOO_LATE = "Sista dag att svara var"
NOTE = "Vi kan ordna två samtalskvällar i Kronoparken."


def answer_url(call):
    return f"/admin/forfragningar/svara/{call.pk}/"


def post_answer(client, user, call, **fields):
    client.force_login(user)
    data = {"answer": "participate", "note": NOTE, **fields}
    return client.post(answer_url(call), data)


def close(call):
    """The reply-by date passes (the work starts later)."""
    CallPage.objects.filter(pk=call.pk).update(reply_by=days(-1))
    call.reply_by = days(-1)


# The service -----------------------------------------------------------------------------------


def test_any_representative_of_an_organisation_changes_its_one_answer(world, open_call):
    first = world.representatives[0]
    organisation = world.members[0]
    colleague = make_user("kollega", "Medlemsrepresentanter", first_name="Kim")
    Representative.objects.create(user=colleague, organisation=organisation)

    save_answer(open_call, first, answer=Answer.PARTICIPATE, note=NOTE, consent_to_name=True)
    save_answer(open_call, colleague, answer=Answer.DECLINE, note="Ändrat oss.")

    [entry] = CallAnswer.objects.filter(call=open_call)
    assert (entry.organisation, entry.answer, entry.note, entry.answered_by) == (
        organisation,
        Answer.DECLINE,
        "Ändrat oss.",
        colleague,
    )
    assert entry.consent_to_name is False
    history = [
        log.message
        for log in PageLogEntry.objects.filter(page=open_call).order_by("timestamp", "pk")
        if log.action.startswith("calls.answer")
    ]
    assert history == [
        f"{organisation.name} vill delta",
        f"{organisation.name} svarar inte den här gången (ändrat från Vi vill delta)",
    ]


def test_answers_are_refused_after_the_reply_by_date_and_change_nothing(world, open_call):
    save_answer(open_call, world.representatives[0], answer=Answer.PARTICIPATE, note=NOTE)
    close(open_call)

    with pytest.raises(AnswerRefused) as refused:
        save_answer(open_call, world.representatives[0], answer=Answer.DECLINE)
    assert TOO_LATE in str(refused.value)
    with pytest.raises(AnswerRefused):
        save_answer(open_call, world.representatives[1], answer=Answer.PARTICIPATE)
    assert [(a.organisation, a.answer, a.note) for a in CallAnswer.objects.all()] == [
        (world.members[0], Answer.PARTICIPATE, NOTE)
    ]


def test_the_reply_by_day_itself_is_still_open(world):
    call = make_call(world, english=False, slug="idag", reply_by=days(0), work_starts=days(3))
    save_answer(call, world.representatives[0], answer=Answer.PARTICIPATE)
    assert CallAnswer.objects.filter(call=call).count() == 1


@pytest.mark.parametrize("who", ["editor", "administrator", "inactive_organisation"])
def test_only_representatives_of_active_member_organisations_answer(world, open_call, who):
    if who == "inactive_organisation":
        world.members[5].active = False
        world.members[5].save()
        user = world.representatives[5]
    else:
        user = getattr(world, who)
    with pytest.raises(AnswerRefused) as refused:
        save_answer(open_call, user, answer=Answer.PARTICIPATE)
    assert "Bara en representant" in str(refused.value)
    assert not CallAnswer.objects.exists()


def test_a_draft_call_or_a_translation_takes_no_answer(world, open_call):
    draft = make_call(world, english=False, slug="utkast", live=False)
    for call in (draft, open_call.english):
        with pytest.raises(AnswerRefused):
            save_answer(call, world.representatives[0], answer=Answer.PARTICIPATE)
    assert not CallAnswer.objects.exists()


def test_a_long_note_or_an_unknown_answer_is_refused(world, open_call):
    with pytest.raises(AnswerRefused):
        save_answer(open_call, world.representatives[0], answer=Answer.PARTICIPATE, note="x" * 1001)
    with pytest.raises(AnswerRefused):
        save_answer(open_call, world.representatives[0], answer="maybe")
    assert not CallAnswer.objects.exists()


def test_two_representatives_answering_at_once_leave_one_answer(world, open_call):
    """Both saves lock the call's row first (a no-op on SQLite, which has one writer)."""
    colleague = make_user("kollega", "Medlemsrepresentanter")
    Representative.objects.create(user=colleague, organisation=world.members[0])
    save_answer(open_call, world.representatives[0], answer=Answer.PARTICIPATE)
    save_answer(open_call, colleague, answer=Answer.PARTICIPATE, note="Samma svar.")
    assert CallAnswer.objects.filter(call=open_call).count() == 1


# The representative's admin --------------------------------------------------------------------


def test_a_representative_answers_and_changes_the_answer_in_the_admin(client, world, open_call):
    user = world.representatives[0]
    client.force_login(user)
    listing = client.get("/admin/forfragningar/svara/").content.decode()
    assert open_call.title in listing
    assert "Inte besvarad än" in listing
    dashboard = client.get("/admin/").content.decode()
    assert "Förfrågningar: era svar" in dashboard
    assert open_call.title in dashboard

    form = client.get(answer_url(open_call)).content.decode()
    assert "Vi vill delta" in form
    assert "Inte den här gången" in form
    response = post_answer(client, user, open_call, consent_to_name="on")
    assert response.status_code == 302
    assert "Er organisations svar är sparat" in client.get(response["Location"]).content.decode()
    post_answer(client, user, open_call, answer="decline", note="")

    entry = CallAnswer.objects.get()
    assert (entry.answer, entry.note, entry.consent_to_name) == (Answer.DECLINE, "", False)
    assert "Inte den här gången" in client.get("/admin/forfragningar/svara/").content.decode()


def test_after_the_date_the_form_is_read_only_and_a_post_is_a_400_that_keeps_nothing(
    client, world, open_call
):
    user = world.representatives[0]
    post_answer(client, user, open_call)
    close(open_call)

    page = client.get(answer_url(open_call)).content.decode()
    assert TOO_LATE in page
    assert '<form method="post"' not in page
    assert NOTE in page  # the organisation still reads its own answer
    response = post_answer(client, user, open_call, answer="decline", note="För sent.")
    assert response.status_code == 400
    assert TOO_LATE in response.content.decode()
    assert CallAnswer.objects.get().answer == Answer.PARTICIPATE


def test_a_form_without_an_answer_is_a_400_and_keeps_nothing(client, world, open_call):
    response = post_answer(client, world.representatives[0], open_call, answer="")
    assert response.status_code == 400
    assert "Välj om er organisation vill delta." in response.content.decode()
    assert not CallAnswer.objects.exists()


def test_another_organisations_representative_never_reads_an_answer(client, world, open_call):
    post_answer(client, world.representatives[0], open_call, consent_to_name="on")
    client.force_login(world.representatives[1])
    page = client.get(answer_url(open_call)).content.decode()
    assert NOTE not in page
    assert world.members[0].name not in page
    assert client.get(f"/admin/forfragningar/{open_call.pk}/").status_code == 403
    assert client.get(f"/admin/forfragningar/{open_call.pk}/svar.csv").status_code == 403


def test_a_representative_cannot_open_a_draft_call(client, world):
    draft = make_call(world, english=False, slug="utkast", live=False)
    client.force_login(world.representatives[0])
    assert client.get(answer_url(draft)).status_code == 404
    assert post_answer(client, world.representatives[0], draft).status_code == 404
    assert not CallAnswer.objects.exists()


def test_a_call_in_a_private_section_is_neither_announced_nor_answered(client, world, open_call):
    restriction = PageViewRestriction.objects.create(
        page=open_call, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Redaktörer"))
    representative = world.representatives[0]

    assert announce(open_call) == 0
    assert not CallAnnouncement.objects.exists()
    client.force_login(representative)
    assert open_call.title not in client.get("/admin/forfragningar/svara/").text
    assert client.get(answer_url(open_call)).status_code == 404
    with pytest.raises(AnswerRefused):
        save_answer(open_call, representative, answer=Answer.PARTICIPATE)
    assert not CallAnswer.objects.exists()


def test_the_swedish_reply_by_date_decides_when_participation_is_public(world, open_call):
    save_answer(
        open_call, world.representatives[0], answer=Answer.PARTICIPATE, consent_to_name=True
    )
    english = CallPage.objects.get(translation_key=open_call.translation_key, locale=world.en)
    english.reply_by = days(-1)  # not yet synced with a date the Swedish call moved
    english.save()

    assert participation([english])[english.pk].closed is False
    close(open_call)
    found = participation([english])[english.pk]
    assert (found.closed, found.count, found.names) == (True, 1, (world.members[0].name,))


# Who reaches what ------------------------------------------------------------------------------

ROLES = [
    "anonymous",
    "representative",
    "other_representative",
    "no_page_rights",
    "editor",
    "administrator",
]

# The editors' screens: the screen (200), the login (302 to /admin/login/), the representative's
# refusal page (403), or Wagtail's "no permission" (302 to /admin/).
EDITORS_SCREEN = {
    "anonymous": "login",
    "representative": 403,
    "other_representative": 403,
    "no_page_rights": "dashboard",
    "editor": 200,
    "administrator": 200,
}
# The answer form: only representatives of active member organisations keep an answer.
ANSWER_FORM = {
    "anonymous": "login",
    "representative": 302,
    "other_representative": 302,
    "no_page_rights": "dashboard",
    "editor": "dashboard",
    "administrator": "dashboard",
}


def person(world, role):
    return {
        "anonymous": None,
        "representative": world.representatives[0],
        "other_representative": world.representatives[1],
        "no_page_rights": world.no_page_rights,
        "editor": world.editor,
        "administrator": world.administrator,
    }[role]


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return "login"
        return "dashboard" if location == "/admin/" else 302
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_who_reaches_the_answers_the_csv_and_the_answer_form(client, world, open_call, role):
    save_answer(open_call, world.representatives[0], answer=Answer.PARTICIPATE, note=NOTE)
    user = person(world, role)
    if user is not None:
        client.force_login(user)

    screen = client.get(f"/admin/forfragningar/{open_call.pk}/")
    assert outcome(screen) == EDITORS_SCREEN[role]
    assert (
        outcome(client.get(f"/admin/forfragningar/{open_call.pk}/svar.csv"))
        == (EDITORS_SCREEN[role])
    )
    assert outcome(client.get("/admin/forfragningar/")) == EDITORS_SCREEN[role]
    if EDITORS_SCREEN[role] == 200:
        assert NOTE in screen.content.decode()

    posted = client.post(answer_url(open_call), {"answer": "decline", "note": "Ändrat."})
    assert outcome(posted) == ANSWER_FORM[role]
    answers = {entry.organisation: entry.answer for entry in CallAnswer.objects.all()}
    expected = {world.members[0]: Answer.PARTICIPATE}
    if role == "representative":
        expected = {world.members[0]: Answer.DECLINE}
    if role == "other_representative":
        expected[world.members[1]] = Answer.DECLINE
    assert answers == expected


def test_an_editor_without_the_answers_permission_does_not_read_them(client, world, open_call):
    """Administrators decide who reads answers: the group's permission "view answer to a call"."""
    Group.objects.get(name="Redaktörer").permissions.remove(
        *Group.objects.get(name="Redaktörer").permissions.filter(codename="view_callanswer")
    )
    client.force_login(world.editor)
    assert client.get(f"/admin/forfragningar/{open_call.pk}/").status_code == 302
    assert "/admin/forfragningar/" not in client.get("/admin/").content.decode()


# The editors' screen and the CSV ---------------------------------------------------------------


def test_editors_read_the_answers_with_counts_consent_and_the_match(client, world, open_call):
    save_answer(
        open_call, world.representatives[0], answer="participate", note=NOTE, consent_to_name=True
    )
    save_answer(open_call, world.representatives[1], answer="participate")
    save_answer(open_call, world.representatives[2], answer="decline", note="Inte i höst.")
    client.force_login(world.editor)

    listing = client.get("/admin/forfragningar/").content.decode()
    assert open_call.title in listing
    html = client.get(f"/admin/forfragningar/{open_call.pk}/").content.decode()

    assert "2 vill delta" in html
    assert "1 inte den här gången" in html
    assert "1 får nämnas offentligt" in html
    assert "12 organisationer har kompetensen som efterfrågas." in html
    assert NOTE in html
    assert "Inte i höst." in html
    assert "Inget svar än från:" in html
    assert world.members[11].name in html.split("Inget svar än från:", 1)[1]
    # The page editor's header links here, from the translation too.
    edit = client.get(f"/admin/pages/{open_call.english.pk}/edit/").content.decode()
    assert f'href="/admin/forfragningar/{open_call.pk}/"' in edit


def test_editors_export_the_answers_as_csv_with_formulas_defused(client, world, open_call):
    save_answer(
        open_call, world.representatives[0], answer="participate", note=NOTE, consent_to_name=True
    )
    save_answer(open_call, world.representatives[1], answer="decline", note='=HYPERLINK("x")')
    client.force_login(world.editor)

    response = client.get(f"/admin/forfragningar/{open_call.pk}/svar.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "unga-roster" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Organisation",
        "Svar",
        "Kommentar",
        "Får nämnas offentligt",
        "Svarat av",
        "Senast ändrad",
    ]
    by_organisation = {row[0]: row[1:4] for row in rows[1:]}
    assert by_organisation == {
        world.members[0].name: ["Vi vill delta", NOTE, "Ja"],
        world.members[1].name: ["Inte den här gången", '\'=HYPERLINK("x")', "Nej"],
    }
