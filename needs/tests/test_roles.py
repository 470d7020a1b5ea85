"""Who may do what with a signal: anonymous visitors nothing, a representative their own
organisation's signals only (another organisation's is a 404), editors and administrators the
triage but not a representative's part."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

import pytest

from needs.models import Need, NeedStatus
from needs.tests.makers import new_need, report_form

ROLES = ["anonymous", "representative", "other", "editor", "administrator"]


ACTIONS = {
    "the editors' list": ("get", lambda need: reverse("needs:index"), None),
    "the triage screen": ("get", lambda need: reverse("needs:triage", args=[need.pk]), None),
    "change the status": (
        "post",
        lambda need: reverse("needs:status", args=[need.pk]),
        lambda world: {"status": "forwarded"},
    ),
    "our signals": ("get", lambda need: reverse("needs:mine"), None),
    "report a need": ("post", lambda need: reverse("needs:report"), report_form),
    "our signal": ("get", lambda need: reverse("needs:mine_detail", args=[need.pk]), None),
    "edit our signal": (
        "post",
        lambda need: reverse("needs:edit", args=[need.pk]),
        report_form,
    ),
    "give consent": (
        "post",
        lambda need: reverse("needs:consent", args=[need.pk]),
        lambda world: {"consent": "1"},
    ),
}
# What each role meets, action by action in the order of ACTIONS: the admin's login ("login"),
# a refusal ("no": 403, or Wagtail's redirect to the dashboard with "no permission"), a 404,
# the page ("page") or the change done ("done").
EXPECTED = {
    "anonymous": ["login"] * 8,
    "representative": ["no", "no", "no", "page", "done", "page", "done", "done"],
    "other": ["no", "no", "no", "page", "done", "404", "404", "404"],
    "editor": ["page", "page", "done", "no", "no", "no", "no", "no"],
    "administrator": ["page", "page", "done", "no", "no", "no", "no", "no"],
}
MATRIX = [
    (role, action, outcome)
    for role, outcomes in EXPECTED.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


def outcome_of(response):
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("wagtailadmin_login")):
        return "login"
    if response.status_code == 403 or (
        response.status_code == 302 and location == reverse("wagtailadmin_home")
    ):
        return "no"
    return {200: "page", 302: "done", 404: "404"}.get(response.status_code, response.status_code)


def client_for(people, role):
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


@pytest.mark.parametrize(
    ("role", "action", "outcome"), MATRIX, ids=[f"{r}-{a}" for r, a, _ in MATRIX]
)
def test_role_by_action(world, people, role, action, outcome):
    need = new_need(world, title="Grannkraftens signal")
    method, url, data = ACTIONS[action]
    client = client_for(people, role)

    response = getattr(client, method)(url(need), data(world) if data else None)

    assert outcome_of(response) == outcome
    need.refresh_from_db()
    changed = {
        "change the status": need.status == NeedStatus.FORWARDED,
        "edit our signal": need.title == "Unga i Sunne saknar sommarjobb",
        "give consent": need.consent_to_publish,
        "report a need": Need.objects.filter(title="Unga i Sunne saknar sommarjobb").exists(),
    }.get(action)
    if changed is not None:
        assert changed is (outcome == "done")


def test_a_representative_sees_only_their_own_organisations_signals(client, world, people):
    new_need(world, title="Grannkraftens signal")
    new_need(world, title="Livsglädjes signal", organisation=world.organisations[1])
    client.force_login(people.representative)

    html = client.get(reverse("needs:mine")).content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Grannkraftens signal" in html and "Grannkraftens signal" in dashboard
    assert "Livsglädjes signal" not in html and "Livsglädjes signal" not in dashboard


def test_a_report_is_the_organisations_with_its_consent_logged(client, world, people):
    client.force_login(people.representative)

    response = client.post(reverse("needs:report"), report_form(world))

    need = Need.objects.get(title="Unga i Sunne saknar sommarjobb")
    assert response["Location"] == reverse("needs:mine_detail", args=[need.pk])
    assert (need.organisation, need.reported_by, need.status) == (
        world.organisations[0],
        people.representative,
        NeedStatus.NEW,
    )
    assert need.consent_to_publish and not need.published
    assert list(need.events.values_list("action", flat=True)) == ["reported", "consent_given"]


def test_the_text_can_be_changed_only_while_the_signal_is_new(client, world, people):
    need = new_need(world, status=NeedStatus.FORWARDED, title="Grannkraftens signal")
    client.force_login(people.colleague)  # any of the organisation's representatives

    page = client.get(reverse("needs:edit", args=[need.pk])).content.decode()
    response = client.post(reverse("needs:edit", args=[need.pk]), report_form(world))

    assert "Redaktionen har tagit upp signalen" in page
    assert response.status_code == 400
    assert "Redaktionen har tagit upp signalen" in response.content.decode()
    need.refresh_from_db()
    assert need.title == "Grannkraftens signal"
    assert not need.events.exists()


def test_a_bad_report_is_refused_in_swedish(client, world, people):
    client.force_login(people.representative)

    response = client.post(reverse("needs:report"), report_form(world) | {"title": ""})

    assert response.status_code == 400
    assert "Det här fältet är obligatoriskt." in response.content.decode()
    assert not Need.objects.exists()


def test_who_may_triage_is_the_administrators_choice(world, people):
    """Wagtail's group editor sets who may see and triage; the permissions come from a
    migration to the editors (read, triage) and the administrators (everything)."""
    editors = Group.objects.get(name="Redaktörer")
    administrators = Group.objects.get(name="Administratörer")
    codenames = {"view_need", "change_need"}

    assert codenames <= set(
        editors.permissions.filter(content_type__app_label="needs").values_list(
            "codename", flat=True
        )
    )
    assert codenames | {"add_need", "delete_need"} <= set(
        administrators.permissions.filter(content_type__app_label="needs").values_list(
            "codename", flat=True
        )
    )
    editors.permissions.remove(*editors.permissions.filter(codename="change_need"))
    editor = type(people.editor).objects.get(pk=people.editor.pk)
    assert editor.has_perm("needs.view_need") and not editor.has_perm("needs.change_need")
