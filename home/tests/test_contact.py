"""The contact page: the network's address, its contact persons and press contacts, and a form that
needs no JavaScript, sets no cookie, refuses spam and floods, and sends nothing on bad input."""

import json
import re
import time
from html import unescape
from types import SimpleNamespace

from django.core import signing
from django.core.cache.backends import locmem
from django.test import Client

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from conftest import deliver_queued_mail, translate
from home import forms as contact_forms
from home.contact import IN_ALL, PER_CLIENT
from home.core import throttling
from home.factories import ContactPageFactory, ContactPersonFactory
from home.models import ContactPage, HomePage, NetworkSettings, OutgoingEmail

NETWORK_EMAIL = "info@idekammaren.example"

A_MESSAGE = {
    "name": "Kim Läsare",
    "email": "kim@example.org",
    "subject": "Föreläsning i Torsby",
    "message": "Hej! Kan någon från nätverket berätta om partnerskapet på vårt årsmöte i mars?",
    "website": "",
}


@pytest.fixture
def contact(site):
    settings = NetworkSettings.for_site(site.site)
    settings.network_name = "Idékammaren Värmland"
    settings.email = NETWORK_EMAIL
    settings.phone = "070-174 06 10"
    settings.postal_address = "Idékammaren Värmland\nIdégatan 4\n652 25 Karlstad"
    settings.save()
    chair = ContactPersonFactory(name="Maja Lindqvist Berg", role="Ordförande")
    press = ContactPersonFactory(name="Stina Ekwall", role="Kommunikatör")
    page = ContactPageFactory(
        parent=site.home,
        contact_persons=[chair],
        press_contacts=[press],
        press_information=[
            {"type": "paragraph", "value": "<p>Pressbilder får användas fritt.</p>"}
        ],
    )
    english = translate(page, site.en, title="Contact and press", slug="contact")
    english.refresh_from_db()
    return SimpleNamespace(sv=page, en=english)


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock by which the form's token tells how long the form has been open."""
    offset = SimpleNamespace(seconds=0)
    real_now = contact_forms.now
    monkeypatch.setattr(contact_forms, "now", lambda: real_now() + offset.seconds)

    def advance(seconds):
        offset.seconds += seconds

    return advance


def token_of(response):
    return unescape(re.search(r'name="token" value="([^"]+)"', response.content.decode())[1])


def send(client, page, clock=None, after=10, **fields):
    """Open the page, wait `after` seconds, and send the form with `fields` changed."""
    token = token_of(client.get(page.url))
    if clock is not None:
        clock(after)
    return client.post(page.url, {**A_MESSAGE, "token": token, **fields})


def outbox():
    return list(OutgoingEmail.objects.all())


class TestThePage:
    def test_it_sits_once_under_the_home_page(self):
        assert ContactPage.parent_page_types == ["home.HomePage"]
        assert ContactPage.max_count_per_parent == 1
        assert "home.ContactPage" in HomePage.subpage_types

    def test_an_editor_creates_it_through_the_admin(self, admin_client, site):
        response = admin_client.post(
            f"/admin/pages/add/home/contactpage/{site.home.pk}/",
            nested_form_data(
                {
                    "title": "Kontakt och press",
                    "slug": "kontakt",
                    "introduction": "Så når du oss.",
                    "press_information": streamfield([]),
                    "action-publish": "publish",
                }
            ),
        )

        assert response.status_code == 302
        page = ContactPage.objects.get(slug="kontakt")
        assert page.live
        assert page.get_parent().pk == site.home.pk
        assert not ContactPage.can_create_at(Page.objects.get(pk=site.home.pk))

    @pytest.mark.parametrize(
        ("language", "texts"),
        [
            ("sv", ["Kontakt och press", "Kontaktpersoner", "Presskontakter", "Skriv till oss"]),
            ("en", ["Contact and press", "Contact persons", "Press contacts", "Write to us"]),
        ],
    )
    def test_shows_the_address_the_people_and_the_form(self, client, contact, language, texts):
        response = client.get(getattr(contact, language).url)

        html = response.content.decode()
        assert response.status_code == 200
        for text in [
            *texts,
            f'href="mailto:{NETWORK_EMAIL}"',
            'href="tel:+46701740610"',
            "Idégatan 4<br>652 25 Karlstad",
            "<strong>Maja Lindqvist Berg</strong>, Ordförande",
            "<strong>Stina Ekwall</strong>, Kommunikatör",
            "Pressbilder får användas fritt.",
            '<form class="contact-form" method="post"',
        ]:
            assert text in html, text
        assert "csrfmiddlewaretoken" not in html
        assert "<script" not in html

    @pytest.mark.parametrize("language", ["sv", "en"])
    def test_no_cookie_and_no_shared_copy(self, client, contact, language):
        response = client.get(getattr(contact, language).url)

        assert not response.cookies
        assert "no-store" in response["Cache-Control"]
        assert "xkey" not in response

    def test_the_trap_is_hidden_from_people(self, client, contact):
        html = client.get(contact.sv.url).content.decode()

        trap = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
        assert "Lämna det här fältet tomt" in trap[1]
        assert 'name="website"' in trap[1]
        assert 'tabindex="-1"' in trap[1]

    def test_the_footer_links_to_it(self, client, contact):
        assert f'href="{contact.sv.url}"' in client.get("/").content.decode()
        assert f'href="{contact.en.url}"' in client.get("/en/").content.decode()

    def test_without_an_address_for_the_network_there_is_no_form(self, client, contact, site):
        NetworkSettings.objects.filter(site=site.site).update(email="")

        assert "contact-form" not in client.get(contact.sv.url).content.decode()
        assert client.post(contact.sv.url, A_MESSAGE).status_code == 404
        assert outbox() == []


class TestAMessage:
    def test_is_queued_once_to_the_network_with_the_reader_to_reply_to(
        self, client, contact, clock
    ):
        response = send(client, contact.sv, clock)

        assert response.status_code == 303
        assert response["Location"] == "/kontakt/?sent"
        assert not response.cookies
        thanks = client.get(response["Location"])
        assert "Tack för ditt meddelande" in thanks.content.decode()
        assert not thanks.cookies
        [queued] = outbox()
        assert queued.recipients == NETWORK_EMAIL
        [sent] = deliver_queued_mail()
        assert sent.to == [NETWORK_EMAIL]
        assert sent.reply_to == ["=?utf-8?q?Kim_L=C3=A4sare?= <kim@example.org>"]
        assert sent.subject == "Kontaktformuläret: Föreläsning i Torsby"
        assert A_MESSAGE["message"] in sent.body
        assert "Kim Läsare (kim@example.org)" in sent.body
        assert re.search(r"http://[^/]+/kontakt/:", sent.body)

    def test_from_the_english_page_is_written_to_the_network_in_swedish(
        self, client, contact, clock
    ):
        response = send(client, contact.en, clock, subject="")

        assert response["Location"] == "/en/contact/?sent"
        assert "Thank you for your message" in client.get(response["Location"]).content.decode()
        [sent] = deliver_queued_mail()
        assert sent.subject == "Kontaktformuläret: Meddelande från webbplatsen"
        assert re.search(r"http://[^/]+/en/contact/:", sent.body)

    def test_sent_twice_is_sent_once(self, client, contact, clock):
        token = token_of(client.get(contact.sv.url))
        clock(10)

        answers = [client.post(contact.sv.url, {**A_MESSAGE, "token": token}) for _ in range(2)]

        assert [answer.status_code for answer in answers] == [303, 303]
        assert len(outbox()) == 1

    def test_a_name_with_commas_and_quotes_still_gets_a_reply(self, client, contact, clock):
        send(client, contact.sv, clock, name='Svensson, "Kim" <kim@example.org>')

        [sent] = deliver_queued_mail()
        assert sent.reply_to == ['"Svensson, \\"Kim\\" <kim@example.org>" <kim@example.org>']

    def test_the_page_is_not_cached_after_a_post(self, client, contact, clock):
        response = send(client, contact.sv, clock)

        assert "no-store" in response["Cache-Control"]


def refused(response, *errors):
    """The form is shown again with `errors`, the text kept, and nothing is sent."""
    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Meddelandet skickades inte" in html
    assert "<title>Fel: " in html
    for error in errors:
        assert error in html, error
    assert outbox() == []
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    return html


class TestSpamIsRefused:
    def test_the_trap_filled_in(self, client, contact, clock):
        response = send(client, contact.sv, clock, website="https://casino.example")

        html = refused(response, "Ett fält som människor inte ser var ifyllt")
        assert A_MESSAGE["message"] in html

    def test_a_form_sent_within_three_seconds(self, client, contact, clock):
        response = send(client, contact.sv, clock, after=1)

        refused(response, "Formuläret skickades för snabbt")

    def test_a_form_sent_too_fast_may_be_sent_again_a_moment_later(self, client, contact, clock):
        too_fast = send(client, contact.sv, clock, after=1)
        clock(5)

        again = client.post(contact.sv.url, {**A_MESSAGE, "token": token_of(too_fast)})

        assert again.status_code == 303
        assert len(outbox()) == 1

    def test_a_form_opened_more_than_a_day_ago(self, client, contact, clock):
        response = send(client, contact.sv, clock, after=24 * 60 * 60 + 1)

        refused(response, "Formuläret öppnades för mer än ett dygn sedan")
        # The form shown again works.
        clock(10)
        again = client.post(contact.sv.url, {**A_MESSAGE, "token": token_of(response)})
        assert again.status_code == 303

    @pytest.mark.parametrize(
        "token",
        [
            "",
            "nonsense",
            '{"page":1,"issued":0}:forged',
        ],
    )
    def test_a_missing_or_forged_token(self, client, contact, clock, token):
        client.get(contact.sv.url)
        clock(10)

        response = client.post(contact.sv.url, {**A_MESSAGE, "token": token})

        assert response.status_code == 400
        assert outbox() == []

    def test_a_token_changed_to_seem_older(self, client, contact):
        token = token_of(client.get(contact.sv.url))
        value, signature = token.rsplit(":", 1)
        content = json.loads(signing.b64_decode(value.encode()))
        content["issued"] -= 60
        older = signing.b64_encode(json.dumps(content, separators=(",", ":")).encode()).decode()

        response = client.post(contact.sv.url, {**A_MESSAGE, "token": f"{older}:{signature}"})

        refused(response, "Formuläret kunde inte kontrolleras")

    def test_a_token_from_the_other_language_page(self, client, contact, clock):
        token = token_of(client.get(contact.en.url))
        clock(10)

        response = client.post(contact.sv.url, {**A_MESSAGE, "token": token})

        refused(response, "Formuläret kunde inte kontrolleras")

    def test_too_many_links(self, client, contact, clock):
        message = "Köp nu: https://a.example https://b.example www.c.example"

        response = send(client, contact.sv, clock, message=message)

        html = refused(response, "Ett meddelande får innehålla högst 2 länkar; det här har 3.")
        assert message in html

    def test_two_links_are_fine(self, client, contact, clock):
        message = "Se https://a.example och https://b.example"

        assert send(client, contact.sv, clock, message=message).status_code == 303

    def test_a_link_in_the_name(self, client, contact, clock):
        response = send(client, contact.sv, clock, name="Billiga lån https://x.example")

        refused(response, "Skriv inga länkar här")


class TestBadInputSendsNothing:
    @pytest.mark.parametrize(
        ("fields", "error"),
        [
            ({"name": ""}, "Ditt namn: Det här fältet är obligatoriskt."),
            ({"email": "inte-en-adress"}, "Din e-postadress: Ange en giltig mejladress."),
            ({"message": ""}, "Meddelande: Det här fältet är obligatoriskt."),
            ({"message": "x" * 5001}, "som mest 5000 tecken (den har 5001)"),
            ({"name": "x" * 101}, "som mest 100 tecken (den har 101)"),
            ({"subject": "Rad ett\r\nBcc: alla@example.org"}, "Skriv det här på en rad"),
            ({"name": "Kim\x00"}, "Null-tecken är inte tillåtna"),
            ({"message": "Hej\x07"}, "tecken som inte kan skickas"),
        ],
    )
    def test_is_refused_in_swedish_with_the_text_kept(self, client, contact, clock, fields, error):
        response = send(client, contact.sv, clock, **fields)

        html = refused(response, error)
        if "message" not in fields:
            assert A_MESSAGE["message"] in html

    def test_is_refused_in_english_on_the_english_page(self, client, contact, clock):
        response = send(client, contact.en, clock, email="")

        assert response.status_code == 400
        assert "Your message was not sent" in response.content.decode()
        assert outbox() == []

    def test_a_wrong_field_is_marked_for_screen_readers(self, client, contact, clock):
        html = send(client, contact.sv, clock, email="fel").content.decode()

        assert re.search(r'<input type="email" name="email"[^>]*aria-invalid="true"', html)
        assert 'aria-describedby="id_email_helptext id_email_error"' in html
        assert 'id="id_email_error"' in html


class TestFloodsAreRefused:
    def test_five_messages_an_hour_from_one_address(self, client, contact, clock):
        answers = [send(client, contact.sv, clock) for _ in range(PER_CLIENT.attempts + 1)]

        assert [answer.status_code for answer in answers] == [303] * 5 + [429]
        html = answers[-1].content.decode()
        assert "<h1>För många meddelanden</h1>" in html
        assert "Försök igen om 60 minuter" in html
        assert NETWORK_EMAIL in html
        assert answers[-1]["Retry-After"] == "3600"
        assert "no-store" in answers[-1]["Cache-Control"]
        assert len(outbox()) == 5
        # Another address may still write.
        elsewhere = send(Client(REMOTE_ADDR="203.0.113.9"), contact.sv, clock)
        assert elsewhere.status_code == 303

    def test_the_429_page_says_when_the_hour_ends(self, client, contact, clock, monkeypatch):
        later = SimpleNamespace(minutes=0)
        real_time = time.time
        moved = SimpleNamespace(time=lambda: real_time() + later.minutes * 60)
        monkeypatch.setattr(locmem, "time", moved)  # when the cache forgets the count
        monkeypatch.setattr(throttling, "time", moved)  # when the window is said to end
        for _ in range(PER_CLIENT.attempts):
            send(client, contact.sv, clock, website="spam")

        later.minutes = 45
        late = send(client, contact.sv, clock)
        later.minutes = 61
        after_the_hour = send(client, contact.sv, clock)

        assert late.status_code == 429
        assert "Försök igen om 15 minuter" in late.content.decode()
        assert late["Retry-After"] == "900"
        assert after_the_hour.status_code == 303

    def test_bad_posts_count_too(self, client, contact, clock):
        for _ in range(PER_CLIENT.attempts):
            send(client, contact.sv, clock, website="spam")

        assert send(client, contact.sv, clock).status_code == 429
        assert outbox() == []

    def test_the_429_page_is_in_the_page_language(self, client, contact, clock):
        for _ in range(PER_CLIENT.attempts):
            send(client, contact.en, clock, website="spam")

        response = send(client, contact.en, clock)

        assert response.status_code == 429
        assert "<h1>Too many messages</h1>" in response.content.decode()

    def test_the_network_gets_at_most_thirty_messages_an_hour_from_everyone(self, contact, clock):
        answers = [
            send(Client(REMOTE_ADDR=f"198.51.100.{number}"), contact.sv, clock)
            for number in range(IN_ALL.attempts + 1)
        ]

        assert [answer.status_code for answer in answers].count(303) == IN_ALL.attempts
        assert answers[-1].status_code == 429
        assert len(outbox()) == IN_ALL.attempts

    def test_sending_a_form_again_uses_none_of_the_hours_messages(self, contact, clock):
        reader = Client(REMOTE_ADDR="198.51.100.200")
        token = token_of(reader.get(contact.sv.url))
        clock(10)
        for _ in range(3):  # a double click and a reload
            assert reader.post(contact.sv.url, {**A_MESSAGE, "token": token}).status_code == 303
        others = [
            send(Client(REMOTE_ADDR=f"198.51.100.{number}"), contact.sv, clock)
            for number in range(IN_ALL.attempts - 1)
        ]

        assert [answer.status_code for answer in others] == [303] * (IN_ALL.attempts - 1)
        assert len(outbox()) == IN_ALL.attempts
        # Once the hour's messages are used up, the same form still leads to the thanks.
        assert send(Client(REMOTE_ADDR="198.51.100.99"), contact.sv, clock).status_code == 429
        assert reader.post(contact.sv.url, {**A_MESSAGE, "token": token}).status_code == 303
        assert len(outbox()) == IN_ALL.attempts


class TestCrossSiteChecksStayElsewhere:
    def test_a_post_to_another_page_still_needs_a_csrf_token(self, contact):
        client = Client(enforce_csrf_checks=True)

        assert client.post("/").status_code == 403

    def test_the_contact_form_needs_none(self, contact, clock):
        client = Client(enforce_csrf_checks=True)

        assert send(client, contact.sv, clock).status_code == 303


def test_the_api_shows_the_page_but_not_the_form(client, contact):
    response = client.get(
        "/api/v2/pages/?type=home.ContactPage&locale=sv&fields=introduction,contact_persons,"
        "press_information,press_contacts"
    )

    [item] = response.json()["items"]
    assert item["introduction"] == contact.sv.introduction
    assert [person["name"] for person in item["contact_persons"]] == ["Maja Lindqvist Berg"]
    assert item["press_contacts"][0] == {
        "name": "Stina Ekwall",
        "role": "Kommunikatör",
        "organisation": "Idékammaren Värmland",
        "phone": "070-174 06 20",
        "email": contact.sv.press_contacts.get().email,
    }
    assert item["press_information"][0]["type"] == "paragraph"
    assert "token" not in response.content.decode()
    assert "website" not in response.content.decode()


def test_the_sitemap_lists_both_languages(client, contact):
    xml = client.get("/sitemap-pages.xml").content.decode()

    assert re.search(r"<loc>http://[^/]+/kontakt/</loc>", xml)
    assert re.search(r"<loc>http://[^/]+/en/contact/</loc>", xml)


def test_contact_persons_stay_in_sync_across_languages(contact):
    english = Page.objects.get(pk=contact.en.pk).specific

    assert [person.name for person in english.press_contacts.all()] == ["Stina Ekwall"]
    assert [person.name for person in english.contact_persons.all()] == ["Maja Lindqvist Berg"]
