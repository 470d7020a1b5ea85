"""The editors' screen of a consultation case: who reaches it and what each part records."""

import datetime

from django.contrib.auth.models import Permission
from django.utils import timezone

import pytest

from conftest import make_user
from positions.models import ConsultationCase, ConsultationResponsePage

from .conftest import TODAY

ROLES = ["anonymous", "representative", "no_page_rights", "editor", "administrator"]


@pytest.fixture
def people(representatives, editor, administrator):
    return {
        "anonymous": None,
        "representative": representatives[0],
        # An admin user without rights on the consultation pages (say, someone who only keeps
        # the member register).
        "no_page_rights": admin_user_without_page_rights(),
        "editor": editor,
        "administrator": administrator,
    }


def admin_user_without_page_rights():
    user = make_user("kansli")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def as_role(client, people, role):
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    return client


# What each role meets: the screen (200), the login (302 to /admin/login/), the representative's
# refusal page (403), or Wagtail's "no permission" (302 to /admin/).
EXPECTED = {
    "anonymous": "login",
    "representative": 403,
    "no_page_rights": "dashboard",
    "editor": 200,
    "administrator": 200,
}


def outcome(response):
    if response.status_code == 302:
        return "login" if response["Location"].startswith("/admin/login/") else "dashboard"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_who_reaches_the_case_screen_and_its_actions(client, people, open_consultation, role):
    page = open_consultation.page
    as_role(client, people, role)

    assert outcome(client.get(f"/admin/remiss/{page.pk}/")) == EXPECTED[role]
    assert outcome(client.get(f"/admin/remiss/{page.pk}/synpunkter.csv")) == EXPECTED[role]
    deadline = client.post(
        f"/admin/remiss/{page.pk}/synpunkter-senast/", {"input_deadline": "2099-01-01"}
    )
    status = client.post(f"/admin/remiss/{page.pk}/status/", {"status": "declined"})

    open_consultation.case.refresh_from_db()
    changed = ConsultationResponsePage.objects.get(pk=page.pk).status == "declined"
    if EXPECTED[role] == 200:
        assert deadline.status_code == 400  # after the response deadline: refused, kept
        assert changed
    else:
        assert outcome(deadline) == outcome(status) == EXPECTED[role]
        assert not changed
    assert open_consultation.case.input_deadline != datetime.date(2099, 1, 1)


def test_the_cases_list_shows_each_response_with_its_handling(client, open_consultation, editor):
    client.force_login(editor)
    html = client.get("/admin/remiss/").content.decode()
    assert "Remissvar: Regional utvecklingsstrategi" in html
    assert "0 senast" in html


def test_a_follow_up_is_recorded_after_the_deadline_of_an_answered_response(
    client, adopted_response, editor
):
    page = adopted_response.page
    client.force_login(editor)
    url = f"/admin/remiss/{page.pk}/uppfoljning/"
    data = {
        "decision_title": "Regionfullmäktiges beslut om kulturplanen",
        "decision_url": "https://region.example/beslut/kulturplan",
        "decision_date": TODAY.isoformat(),
        "uptake": "partly",
        "follow_up_comment": "Studieförbunden nämns, lokalerna inte.",
    }

    early = client.post(url, data)
    assert early.status_code == 400
    assert "Uppföljning registreras för en besvarad remiss." in early.content.decode()

    client.post(f"/admin/remiss/{page.pk}/skicka/")
    ConsultationResponsePage.objects.filter(pk=page.pk).update(
        response_deadline=TODAY - timezone.timedelta(days=1)
    )
    missing = client.post(url, data | {"uptake": ""})
    assert "Ange om våra synpunkter fick gehör." in missing.content.decode()

    assert client.post(url, data).status_code == 302
    case = ConsultationCase.objects.get(page=page)
    assert (case.uptake, case.decision_title, case.followed_up_by) == (
        "partly",
        "Regionfullmäktiges beslut om kulturplanen",
        editor,
    )


def test_the_page_editor_cannot_change_the_status_and_no_revision_undoes_it(
    client, open_consultation, administrator
):
    page = open_consultation.page
    client.force_login(administrator)
    form = client.get(f"/admin/pages/{page.pk}/edit/")
    assert 'name="status"' not in form.content.decode()  # shown, not editable

    stale = page.save_revision(user=administrator)
    client.post(f"/admin/remiss/{page.pk}/status/", {"status": "declined"})

    stale.refresh_from_db()
    assert stale.content["status"] == "preparing"

    assert stale.as_object().status == "declined"
    assert ConsultationResponsePage.objects.get(pk=page.pk).status == "declined"
