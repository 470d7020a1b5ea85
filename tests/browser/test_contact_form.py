"""A reader writes to the network from the contact page: no JavaScript, no cookie, one e-mail."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from home.forms import FASTEST
from home.models import OutgoingEmail
from tests.browser.test_accessibility import AXE_OPTIONS, describe_violations


def fill_in(page, message):
    page.get_by_label("Ditt namn").fill("Kim Läsare")
    page.get_by_label("Din e-postadress").fill("kim@example.org")
    page.get_by_label("Meddelande", exact=True).fill(message)


def test_a_reader_without_javascript_writes_to_the_network_and_gets_no_cookie(open_page):
    already = list(OutgoingEmail.objects.values_list("pk", flat=True))  # the demo's
    page, response = open_page("/kontakt/", java_script_enabled=False)
    assert response.status == 200
    fill_in(page, "Se https://a.example, https://b.example och https://c.example")
    page.wait_for_timeout(FASTEST * 1000 + 200)  # as long as a person takes, at the least

    page.get_by_role("button", name="Skicka meddelandet").click()

    expect(page.get_by_role("alert")).to_contain_text("högst 2 länkar")
    expect(page).to_have_title("Fel: Kontakt och press – Idékammaren Värmland")
    assert not OutgoingEmail.objects.exclude(pk__in=already).exists()

    page.get_by_label("Meddelande", exact=True).fill("Kan ni berätta om partnerskapet i mars?")
    page.get_by_role("button", name="Skicka meddelandet").click()

    expect(page.get_by_role("status")).to_contain_text("Tack för ditt meddelande")
    assert page.url.endswith("/kontakt/?sent#write-to-us")
    assert page.context.cookies() == []
    [email] = OutgoingEmail.objects.exclude(pk__in=already)
    assert email.recipients == "info@idekammaren.example"
    assert email.message["reply_to"] == ["=?utf-8?q?Kim_L=C3=A4sare?= <kim@example.org>"]
    assert "Kan ni berätta om partnerskapet i mars?" in email.message["body"]

    # The form with its errors meets WCAG 2.1 AA. axe is a script, so this page may run one.
    checked, _ = open_page("/kontakt/")
    fill_in(checked, "Hej!")
    checked.get_by_role("button", name="Skicka meddelandet").click()  # too soon: an error
    expect(checked.get_by_role("alert")).to_contain_text("för snabbt")
    results = Axe().run(checked, options=AXE_OPTIONS).response
    assert results["passes"]
    assert not results["violations"], describe_violations(checked.url, results["violations"])
