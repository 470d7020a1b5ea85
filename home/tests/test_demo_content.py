from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.models import Page, Revision, Site

import pytest

from home.models import FooterText, HomePage, NetworkSettings


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "sites": Site.objects.count(),
        "settings": NetworkSettings.objects.count(),
        "footer texts": FooterText.objects.count(),
    }


@pytest.mark.django_db
def test_loading_twice_creates_nothing_new():
    call_command("load_demo_content", "--force", stdout=StringIO())
    first = counts()
    call_command("load_demo_content", "--force", stdout=StringIO())
    assert counts() == first
    assert first["pages"] == 7  # root plus home, about and accessibility in sv and en


@pytest.mark.django_db
def test_demo_site_replaces_wagtails_welcome_page():
    call_command("load_demo_content", "--force", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


@pytest.mark.django_db
def test_demo_accounts_log_in_with_the_documented_password(client):
    call_command("load_demo_content", "--force", stdout=StringIO())
    editor = get_user_model().objects.get(username="redaktor")
    assert editor.groups.filter(name="Redaktörer").exists()
    assert get_user_model().objects.get(username="admin").is_superuser
    assert client.login(username="redaktor", password="demo")


@pytest.mark.django_db
def test_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_content", stdout=StringIO())
    assert not HomePage.objects.exists()


@pytest.mark.django_db
def test_prints_the_demo_accounts_only_in_development(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert "redaktor" in out.getvalue()
    assert "password: demo" in out.getvalue()

    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo_content", "--force", stdout=out)
    assert "password" not in out.getvalue()
