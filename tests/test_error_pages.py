"""With DEBUG off, as in production, an error page tells the reader what happened and nothing
about the code, the settings or the data behind it."""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import path

import pytest

SECRET_DETAIL = "tabellen medlemsregister_hemlig saknas"


def broken_view(request):
    raise RuntimeError(SECRET_DETAIL)


def suspicious_view(request):
    raise SuspiciousOperation(SECRET_DETAIL)


urlpatterns = [path("trasig/", broken_view), path("misstankt/", suspicious_view)]

LEAKS = ["Traceback", SECRET_DETAIL, "broken_view", "SECRET_KEY", "DATABASES", settings.SECRET_KEY]


@pytest.fixture
def reader(settings, db):
    settings.ROOT_URLCONF = __name__
    assert settings.DEBUG is False
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [("/trasig/", 500, "Något gick fel"), ("/misstankt/", 400, "Felaktig begäran")],
)
def test_an_error_page_shows_no_code_or_settings(reader, url, status, heading):
    response = reader.get(url)
    html = response.content.decode()

    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    for leak in LEAKS:
        assert leak not in html
