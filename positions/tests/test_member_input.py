"""The members' input before drafting: one entry per organisation, changeable until the date,
from the admin or the e-mail's personal link; read by the editors, never by the public or by
other organisations."""

import csv
import io
import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import deliver_queued_mail, make_user
from members.models import Representative
from positions.factories import ConsultationResponsePageFactory
from positions.models import ConsultationCase, MemberInput
from positions.remiss.input_requests import request_input

from .conftest import days

INPUT = "Strategin måste nämna föreningarnas lokaler i glesbygden."


def organisation_of(user):
    return Representative.objects.get(user=user).organisation


def send_input(client, user, case, text=INPUT, **files):
    client.force_login(user)
    return client.post(f"/admin/remiss/synpunkter/{case.pk}/", {"text": text, **files})


def test_a_representative_sends_and_then_changes_their_organisations_input_in_the_admin(
    client, open_consultation, representatives
):
    first = representatives[0]
    client.force_login(first)
    listing = client.get("/admin/remiss/synpunkter/").content.decode()
    assert "Regional utvecklingsstrategi för Värmland" in listing
    assert "Inte skickat än" in listing

    response = send_input(client, first, open_consultation.case)
    assert response.status_code == 302
    # A colleague from the same organisation changes the one entry; there is never a second.
    colleague = make_user("kollega", "Medlemsrepresentanter", first_name="Kim")
    Representative.objects.create(user=colleague, organisation=organisation_of(first))
    send_input(client, colleague, open_consultation.case, text="Ändrat: lokaler och bidrag.")

    entries = MemberInput.objects.filter(case=open_consultation.case)
    assert [(e.organisation, e.text, e.written_by) for e in entries] == [
        (organisation_of(first), "Ändrat: lokaler och bidrag.", colleague)
    ]
    client.force_login(first)
    assert "Skickat, kan ändras" in client.get("/admin/remiss/synpunkter/").content.decode()


def test_input_after_the_date_is_refused_in_swedish_and_changes_nothing(
    client, open_consultation, representatives
):
    send_input(client, representatives[0], open_consultation.case)
    open_consultation.case.input_deadline = days(-1)
    open_consultation.case.save()

    response = send_input(client, representatives[0], open_consultation.case, text="För sent.")

    assert response.status_code == 400
    assert "Sista dag för synpunkter var" in response.content.decode()
    assert MemberInput.objects.get().text == INPUT


def test_the_personal_link_opens_a_form_that_saves_the_input_without_logging_in(
    client, open_consultation, representatives, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        count = request_input(open_consultation.case, representatives[0])
    messages = deliver_queued_mail()
    assert count == len(representatives) == len(messages)
    message = next(m for m in messages if m.to == [representatives[2].email])
    assert "Regional utvecklingsstrategi för Värmland" in message.subject
    assert "aldrig publiceras" in message.body or "publiceras aldrig" in message.body
    link = re.search(r"http://\S+/remissynpunkter/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    page = client.get("/" + path)
    assert page.status_code == 200
    assert "no-store" in page.headers["Cache-Control"]
    assert "sessionid" not in page.cookies
    html = page.content.decode()
    assert organisation_of(representatives[2]).name in html
    assert "Synpunkter senast" in html

    upload = SimpleUploadedFile("synpunkter.pdf", b"%PDF-1.4 synpunkter", "application/pdf")
    saved = client.post("/" + path, {"text": INPUT, "file": upload})
    assert saved.status_code == 302
    assert "Era synpunkter är sparade" in client.get(saved["Location"]).content.decode()
    entry = MemberInput.objects.get(organisation=organisation_of(representatives[2]))
    assert (entry.text, entry.file_name, bytes(entry.file_content)) == (
        INPUT,
        "synpunkter.pdf",
        b"%PDF-1.4 synpunkter",
    )
    assert "sessionid" not in client.cookies


def test_a_link_that_cannot_be_used_says_why(client, open_consultation, representatives):
    from positions.remiss.input_links import input_link

    link = input_link(open_consultation.case, representatives[0])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    assert client.get(path[:-5] + "xxxx/").status_code == 404
    open_consultation.case.input_deadline = days(-1)
    open_consultation.case.save()
    gone = client.get(path)
    assert gone.status_code == 410
    assert "Sista dag för synpunkter var" in gone.content.decode()
    assert client.post(path, {"text": INPUT}).status_code == 410
    assert not MemberInput.objects.exists()


def test_a_file_of_the_wrong_kind_or_size_is_refused_and_the_text_kept(
    client, open_consultation, representatives
):
    program = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    response = send_input(client, representatives[0], open_consultation.case, file=program)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bifoga en PDF-, Word-, OpenDocument- eller textfil." in html
    assert INPUT in html
    huge = SimpleUploadedFile("stor.pdf", b"0" * (5 * 1024 * 1024 + 1), "application/pdf")
    response = send_input(client, representatives[0], open_consultation.case, file=huge)
    assert "Filen är större än 5 MB." in response.content.decode()
    assert not MemberInput.objects.exists()


def test_input_is_for_the_editors_and_the_organisation_itself_only(
    client, open_consultation, representatives, editor
):
    upload = SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4 bilaga", "application/pdf")
    send_input(client, representatives[0], open_consultation.case, file=upload)
    entry = MemberInput.objects.get()
    file_url = f"/admin/remiss/synpunkter/fil/{entry.pk}/"

    # The organisation itself.
    client.force_login(representatives[0])
    assert client.get(file_url).content == b"%PDF-1.4 bilaga"
    # Another organisation's representative: no file, no case screen, no text on its own form.
    client.force_login(representatives[1])
    assert client.get(file_url).status_code == 404
    assert client.get(f"/admin/remiss/{open_consultation.page.pk}/").status_code == 403
    assert (
        INPUT
        not in client.get(f"/admin/remiss/synpunkter/{open_consultation.case.pk}/").content.decode()
    )
    # The public.
    client.logout()
    assert client.get(file_url).status_code == 302
    assert INPUT not in client.get(open_consultation.page.url).content.decode()
    # The editors.
    client.force_login(editor)
    case_screen = client.get(f"/admin/remiss/{open_consultation.page.pk}/").content.decode()
    assert INPUT in case_screen
    assert "bilaga.pdf" in case_screen
    assert client.get(file_url).status_code == 200


def test_editors_export_the_input_as_csv_with_formulas_defused(
    client, open_consultation, representatives, editor
):
    send_input(client, representatives[0], open_consultation.case)
    send_input(client, representatives[1], open_consultation.case, text='=HYPERLINK("x")')
    client.force_login(editor)

    response = client.get(f"/admin/remiss/{open_consultation.page.pk}/synpunkter.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "RV2026-0412" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Organisation", "Skriven av", "Senast ändrad", "Synpunkter", "Bifogad fil"]
    texts = {row[0]: row[3] for row in rows[1:]}
    assert texts[organisation_of(representatives[0]).name] == INPUT
    assert texts[organisation_of(representatives[1]).name] == '\'=HYPERLINK("x")'
    assert len(rows) == 3


def test_editors_set_the_date_before_the_response_deadline(client, open_consultation, editor):
    client.force_login(editor)
    url = f"/admin/remiss/{open_consultation.page.pk}/synpunkter-senast/"

    late = client.post(url, {"input_deadline": days(31).isoformat()})
    assert late.status_code == 400
    assert "Medlemmarnas synpunkter behövs före svarsdagen" in late.content.decode()

    assert client.post(url, {"input_deadline": days(10).isoformat()}).status_code == 302
    open_consultation.case.refresh_from_db()
    assert open_consultation.case.input_deadline == days(10)
    assert mail.outbox == []


def test_a_representative_opens_only_the_consultations_asked_about_or_answered(
    client, open_consultation, register, authority, representatives
):
    draft = ConsultationResponsePageFactory(
        parent=register,
        referral_title="Hemlig remiss om en skolnedläggning",
        authority=authority,
        status="received",
        live=False,
        received_date=days(-1),
        response_deadline=days(30),
    )
    not_asked = ConsultationCase.objects.create(page=draft)  # an editor opened its case screen
    client.force_login(representatives[0])

    refused = client.get(f"/admin/remiss/synpunkter/{not_asked.pk}/")
    assert refused.status_code == 404
    assert "Hemlig remiss" not in refused.content.decode()
    # After the date, the organisation still reads what it sent, and cannot change it.
    send_input(client, representatives[0], open_consultation.case)
    open_consultation.case.input_deadline = days(-1)
    open_consultation.case.save()
    html = client.get(f"/admin/remiss/synpunkter/{open_consultation.case.pk}/").content.decode()
    assert INPUT in html
    assert "Sista dag för synpunkter var" in html
    client.force_login(representatives[1])
    assert client.get(f"/admin/remiss/synpunkter/{open_consultation.case.pk}/").status_code == 404


def test_names_file_names_and_the_diarienummer_cannot_become_formulas_or_headers(
    client, open_consultation, representatives, editor
):
    representative = representatives[0]
    representative.first_name = '=HYPERLINK("https://evil.example/")'
    representative.save()
    upload = SimpleUploadedFile("=1+2.txt", b"Se bilagan.", "text/html")
    send_input(client, representative, open_consultation.case, file=upload)
    page = open_consultation.page
    page.diarienummer = 'RV"; filename=evil.html\r\nX'
    page.save()
    client.force_login(editor)

    response = client.get(f"/admin/remiss/{page.pk}/synpunkter.csv")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''synpunkter")
    assert "\n" not in response["Content-Disposition"]
    assert "filename=evil" not in response["Content-Disposition"]
    [row] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert row[1].startswith("'=HYPERLINK")
    assert row[4] == "'=1+2.txt"
    # The file is served as what its name says, not as the browser claimed.
    entry = MemberInput.objects.get()
    served = client.get(f"/admin/remiss/synpunkter/fil/{entry.pk}/")
    assert served["Content-Type"] == "text/plain; charset=utf-8"
    assert served["X-Content-Type-Options"] == "nosniff"
