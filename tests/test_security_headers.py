"""What every response tells the browser, and how the admin login resists guessing."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

PASSWORD = "ett-långt-lösenord"


def directives(header):
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("redaktor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


def test_public_pages_get_the_strict_content_security_policy(client, site):
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_admin_gets_its_own_policy_with_inline_scripts(client, editor):
    client.force_login(editor)
    policy = directives(client.get("/admin/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/en/", "/sida-som-inte-finns/", "/healthz"])
def test_every_public_response_carries_the_protective_headers(client, site, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response
    assert not response.cookies


def test_five_failed_logins_lock_the_username_out_with_a_swedish_message(client, editor, caplog):
    for _attempt in range(4):
        response = client.post("/admin/login/", {"username": "redaktor", "password": "fel"})
        assert response.status_code == 200
    with caplog.at_level(logging.WARNING, logger="axes"):
        response = client.post("/admin/login/", {"username": "redaktor", "password": "fel"})
    assert response.status_code == 429
    # Locked out: even the right password is refused until the 15 minutes have passed.
    response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert "15 minuter" in response.content.decode()
    assert any("locking out" in record.getMessage().lower() for record in caplog.records)
    assert client.get("/admin/").status_code == 302


def test_a_lockout_is_per_username(client, editor):
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "nagon-annan", "password": "fel"})
    response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
    assert response.status_code == 302


def test_admin_sessions_end_after_a_working_day_without_activity(client, editor, settings):
    response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_passwords_need_at_least_twelve_characters(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Kort-lösen1")
    validate_password("Värmlands-föreningar-2026")
