"""Guessing is slow: the passwords of private pages and the admin's password reset e-mails are
limited per client address, and behind our reverse proxy that address is the one the proxy saw,
for these limits and for the login lockout alike."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from django.core.cache.backends import locmem
from django.test import Client, RequestFactory

from wagtail.models import PageViewRestriction

import pytest

from conftest import PASSWORD as LOGIN_PASSWORD
from conftest import deliver_queued_mail, make_user, translate
from home.core.throttling import client_address
from news.factories import NewsPageFactory
from tests.worlds import fixtures_from_the_shared_world

PASSWORD = "styrelsen-2026"
PROXY = "10.0.0.2"


site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock by which the cache lets its counts expire."""
    offset = SimpleNamespace(seconds=0)
    real_time = time.time
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: real_time() + offset.seconds))

    def advance(minutes):
        offset.seconds += minutes * 60

    return advance


def private_page(parent, slug, title="Styrelsens protokoll"):
    page = NewsPageFactory(parent=parent, title=title, slug=slug)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page


@pytest.fixture
def private(news_index, site):
    page = private_page(news_index, "protokoll")
    english = translate(page, site.en, title="Board minutes", slug="minutes")
    english.refresh_from_db()
    return SimpleNamespace(sv=page, en=english)


def send_password(client, page, password, **headers):
    """Post `password` through the form that the page shows, as a reader's browser would."""
    form = client.get(page.url, **headers).content.decode()
    action = re.search(r'<form class="password-form" method="post" action="([^"]+)"', form)[1]
    return client.post(action, {"password": password, "return_url": page.url}, **headers)


def guess_wrong(client, page, times, **headers):
    return [send_password(client, page, "fel-lösenord", **headers) for _ in range(times)]


@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("sv", "För många felaktiga lösenord", "Försök igen om 15 minuter."),
        ("en", "Too many wrong passwords", "Try again in 15 minutes."),
    ],
)
def test_five_wrong_passwords_close_the_page_to_the_address(
    client, private, language, heading, advice
):
    page = getattr(private, language)

    answers = guess_wrong(client, page, 5)

    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert 'aria-invalid="true"' in answers[0].content.decode()
    for answer in answers[4], send_password(client, page, PASSWORD):
        html = answer.content.decode()
        assert answer.status_code == 429
        assert f"<h1>{heading}</h1>" in html
        assert advice in html
        assert page.title not in html
        assert "no-store" in answer["Cache-Control"]
    assert page.title not in client.get(page.url).content.decode()


def test_the_right_password_works_again_once_the_window_has_passed(client, private, clock):
    guess_wrong(client, private.sv, 5)

    clock(minutes=14)
    assert send_password(client, private.sv, PASSWORD).status_code == 429

    clock(minutes=1.1)
    answer = send_password(client, private.sv, PASSWORD)
    assert answer.status_code == 302
    assert "Styrelsens protokoll" in client.get(private.sv.url).content.decode()


def test_a_page_and_its_translation_share_one_count(client, private):
    guess_wrong(client, private.sv, 3)
    answers = guess_wrong(client, private.en, 2)

    assert [answer.status_code for answer in answers] == [200, 429]
    assert send_password(client, private.sv, PASSWORD).status_code == 429


def test_another_page_and_another_address_are_not_affected(client, private, news_index):
    other = private_page(news_index, "annat-protokoll", title="Valberedningens protokoll")
    guess_wrong(client, private.sv, 5)

    assert send_password(client, other, PASSWORD).status_code == 302
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert send_password(elsewhere, private.sv, PASSWORD).status_code == 302


def test_an_ipv6_client_counts_with_its_whole_network(private):
    guess_wrong(Client(REMOTE_ADDR="2001:db8:0:7::1"), private.sv, 5)

    neighbour = send_password(Client(REMOTE_ADDR="2001:db8:0:7::2"), private.sv, PASSWORD)
    other_network = send_password(Client(REMOTE_ADDR="2001:db8:0:8::1"), private.sv, PASSWORD)

    assert neighbour.status_code == 429
    assert other_network.status_code == 302


def test_the_right_password_clears_the_count(client, private):
    guess_wrong(client, private.sv, 4)
    assert send_password(client, private.sv, PASSWORD).status_code == 302

    answers = guess_wrong(Client(), private.sv, 4)

    assert {answer.status_code for answer in answers} == {200}


@pytest.fixture
def editor(db):
    return make_user("redaktor", "Redaktörer")


def request_reset(client, email, **headers):
    return client.post("/admin/password_reset/", {"email": email}, **headers)


def test_known_and_unknown_addresses_get_the_same_answer(client, editor):
    known = request_reset(client, editor.email)
    unknown = request_reset(client, "ingen@idekammaren.example")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"
    assert [message.to for message in deliver_queued_mail()] == [[editor.email]]


def test_an_address_gets_three_reset_emails_an_hour_and_the_answer_stays_the_same(
    client, editor, clock
):
    answers = [
        request_reset(client, email)
        for email in [editor.email] * 3 + ["Redaktor@Idekammaren.example"] * 2
    ]

    assert len(deliver_queued_mail()) == 3
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {
        (302, "/admin/password_reset/done/")
    }
    assert request_reset(client, "ingen@idekammaren.example")["Location"] == answers[-1]["Location"]

    clock(minutes=61)
    request_reset(client, editor.email)
    assert len(deliver_queued_mail()) == 4


def test_one_address_may_ask_for_ten_resets_an_hour(client, editor):
    answers = [request_reset(client, f"person{number}@idekammaren.example") for number in range(10)]
    assert {answer.status_code for answer in answers} == {302}

    answer = request_reset(client, editor.email)

    # In the language of the admin's login pages.
    assert answer.status_code == 429
    assert "<h1>För många förfrågningar</h1>" in answer.content.decode()
    assert "Försök igen om 60 minuter." in answer.content.decode()
    assert deliver_queued_mail() == []
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert request_reset(elsewhere, editor.email).status_code == 302
    assert len(deliver_queued_mail()) == 1


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "address"),
    [
        (0, None, PROXY),
        (0, "203.0.113.5", PROXY),
        (1, None, PROXY),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.66, 203.0.113.5, 192.0.2.10", "203.0.113.5"),
        (2, "203.0.113.5", "203.0.113.5"),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_comes_from_as_many_proxies_as_are_trusted(
    settings, proxies, forwarded_for, address
):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for

    assert client_address(RequestFactory().get("/", **headers)) == address


def test_without_a_proxy_x_forwarded_for_is_ignored(private):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for number in range(5):
        send_password(client, private.sv, "fel", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    answer = send_password(client, private.sv, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99")

    assert answer.status_code == 429


def test_behind_one_proxy_only_the_entry_it_added_counts(settings, private):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR=PROXY)
    for number in range(5):
        forwarded = f"198.51.100.{number}, 203.0.113.5"
        send_password(client, private.sv, "fel", HTTP_X_FORWARDED_FOR=forwarded)

    # The locked-out reader cannot escape by writing another address in front.
    locked = send_password(
        client, private.sv, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6, 203.0.113.5"
    )
    # Nor can anyone be locked out by a spoofed entry naming them.
    other = send_password(
        Client(REMOTE_ADDR=PROXY),
        private.sv,
        PASSWORD,
        HTTP_X_FORWARDED_FOR="203.0.113.5, 203.0.113.6",
    )

    assert locked.status_code == 429
    assert other.status_code == 302


def test_the_login_lockout_counts_the_address_behind_the_proxy(settings, editor):
    settings.TRUSTED_PROXY_COUNT = 1

    def log_in(password, address):
        return Client(REMOTE_ADDR=PROXY).post(
            "/admin/login/",
            {"username": "redaktor", "password": password},
            HTTP_X_FORWARDED_FOR=f"198.51.100.1, {address}",
        )

    answers = [log_in("fel", "203.0.113.5") for _ in range(5)]

    assert answers[-1].status_code == 429
    assert log_in(LOGIN_PASSWORD, "203.0.113.5").status_code == 429
    assert log_in(LOGIN_PASSWORD, "203.0.113.6").status_code == 302


def test_the_number_of_trusted_proxies_comes_from_the_environment():
    environment = {**os.environ, "TRUSTED_PROXY_COUNT": "1"}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env={**environment, "DJANGO_SETTINGS_MODULE": "idekammare.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "1", result.stderr
