from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("redaktor", password="ett-långt-lösenord")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


def test_editors_group_comes_from_a_migration(db):
    group = Group.objects.get(name="Redaktörer")
    assert group.permissions.filter(codename="access_admin").exists()
    codenames = set(
        group.page_permissions.filter(page=Page.get_first_root_node()).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames >= {"add_page", "change_page"}
    assert "publish_page" not in codenames, "editors publish only through a workflow"


def test_editor_logs_in_and_sees_the_admin_in_swedish(client, editor):
    response = client.post(
        "/admin/login/",
        {"username": "redaktor", "password": "ett-långt-lösenord"},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv"' in html
    assert "Logga ut" in html
    assert "Sidor" in html


def test_admin_login_page_is_in_swedish_for_anonymous_visitors(client, db):
    html = client.get("/admin/login/").content.decode()
    assert '<html lang="sv"' in html
    assert "Logga in" in html


def test_health_check_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]
