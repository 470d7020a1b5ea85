"""E-mail waits in the outbox and the worker sends it: a mail server that refuses or hangs costs
the editor nothing, and every message is sent later, once, or shown to an administrator.

The mail servers here are real sockets on 127.0.0.1: a port nobody listens on (refuses), a
listener that accepts and never says a word (hangs), and a small SMTP server that records what
it receives.
"""

import email
import email.policy
import signal
import socket
import socketserver
import threading
from datetime import timedelta
from types import SimpleNamespace

from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState

import pytest

from conftest import deliver_queued_mail
from home.models import OutgoingEmail
from member_review.models import MemberReviewTaskState
from tests.review_fixtures import submit

Status = OutgoingEmail.Status


class SmtpDialogue(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: every command is accepted, every message kept."""

    def handle(self):
        self.reply("220 test ESMTP")
        lines, in_data = [], False
        for raw in self.rfile:
            line = raw.rstrip(b"\r\n")
            if in_data:
                if line == b".":
                    self.server.messages.append(b"\r\n".join(lines))
                    lines, in_data = [], False
                    self.reply("250 queued")
                else:
                    lines.append(line[1:] if line.startswith(b"..") else line)
                continue
            line = line.decode("ascii", "replace")
            if line[:4].upper() == "DATA":
                in_data = True
                self.reply("354 go ahead")
            elif line[:4].upper() == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")

    def reply(self, text):
        self.wfile.write(text.encode() + b"\r\n")


class RecordingSmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpDialogue)
        self.messages = []
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self):
        self.shutdown()
        self.server_close()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """Accepts connections (the kernel does) and never answers them."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield SimpleNamespace(port=listener.getsockname()[1], listener=listener)
    listener.close()


@pytest.fixture
def smtp_server():
    server = RecordingSmtpServer()
    yield server
    server.close()


@pytest.fixture
def mail_server(settings):
    """Point the worker's SMTP delivery at a port of the test's choosing."""
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1

    def at(port):
        settings.EMAIL_PORT = port

    at(closed_port())
    return at


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock by which the worker decides what is due."""
    offset = SimpleNamespace(value=timedelta())
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset.value)

    def advance(**delta):
        offset.value += timedelta(**delta)

    return advance


def approve_editorial_step(client, page, administrator, capture):
    """The administrator's "Approve" click in the admin that opens the member review."""
    workflow_state = submit(page, page.owner)
    client.force_login(administrator)
    with capture(execute=True):
        return client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[page.pk, "approve", workflow_state.current_task_state.pk],
            ),
            {"comment": ""},
        )


def invitations(representatives):
    addresses = {representative.email for representative in representatives}
    return OutgoingEmail.objects.filter(recipients__in=addresses)


def test_a_refusing_mail_server_costs_the_editor_nothing_and_the_invitations_go_out_later(
    client,
    draft_statement,
    administrator,
    representatives,
    member_review_task,
    mail_server,
    smtp_server,
    clock,
    django_capture_on_commit_callbacks,
):
    response = approve_editorial_step(
        client, draft_statement, administrator, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert MemberReviewTaskState.objects.get().status == TaskState.STATUS_IN_PROGRESS
    queued = invitations(representatives)
    assert queued.count() == len(representatives) == 12
    assert set(queued.values_list("status", flat=True)) == {Status.QUEUED}

    deliver_queued_mail()

    assert set(queued.values_list("status", flat=True)) == {Status.RETRYING}
    first = queued.first()
    assert first.attempts == 1
    assert "ConnectionRefusedError" in first.last_error
    assert first.next_attempt_at == first.last_attempt_at + timedelta(minutes=1)
    assert smtp_server.messages == []

    clock(seconds=30)
    deliver_queued_mail()
    assert set(queued.values_list("status", flat=True)) == {Status.RETRYING}, "not due yet"

    clock(minutes=1)
    mail_server(smtp_server.port)
    deliver_queued_mail()

    assert set(queued.values_list("status", flat=True)) == {Status.SENT}
    assert {email.attempts for email in queued} == {2}
    addresses = {representative.email for representative in representatives}
    delivered = received(smtp_server)
    invited = {message["To"]: message for message in delivered if message["To"] in addresses}
    assert set(invited) == addresses
    # Wagtail's own workflow notices wait in the same outbox and went out with them.
    assert {message["To"] for message in delivered} - addresses == {administrator.email}
    for message in invited.values():
        assert draft_statement.title in message["Subject"]
        assert reverse("member_review:detail", args=[first_review().pk]) in body(message)


def received(server):
    return [email.message_from_bytes(raw, policy=email.policy.default) for raw in server.messages]


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def first_review():
    return MemberReviewTaskState.objects.get()


def test_a_mail_server_that_never_answers_holds_no_request_and_the_worker_only_briefly(
    client,
    draft_statement,
    administrator,
    representatives,
    member_review_task,
    mail_server,
    silent_server,
    smtp_server,
    clock,
    django_capture_on_commit_callbacks,
):
    mail_server(silent_server.port)
    silent_server.listener.settimeout(0.2)

    response = approve_editorial_step(
        client, draft_statement, administrator, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    with pytest.raises(TimeoutError):
        silent_server.listener.accept()  # the request itself never called the mail server
    queued = invitations(representatives)
    assert queued.count() == 12

    deliver_queued_mail(limit=1)

    waited = OutgoingEmail.objects.get(attempts=1)
    assert waited.status == Status.RETRYING
    assert "timed out" in waited.last_error
    assert OutgoingEmail.objects.filter(status=Status.QUEUED).count() == 13

    mail_server(smtp_server.port)
    clock(minutes=2)
    deliver_queued_mail()

    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}
    assert len(received(smtp_server)) == 14
    assert fresh(waited).attempts == 2


def fresh(email):
    email.refresh_from_db()
    return email


def test_after_a_day_of_failures_an_administrator_sees_the_message_and_sends_it_again(
    client, administrator, mail_server, smtp_server, clock
):
    send_mail("Kallelse till årsmöte", "Välkommen den 12 mars.", None, ["kassor@forening.example"])
    email = OutgoingEmail.objects.get()
    tries = 0
    while fresh(email).status != Status.FAILED:
        deliver_queued_mail()
        tries += 1
        clock(hours=2)
    assert email.attempts == tries
    assert email.last_attempt_at - email.created_at >= timedelta(days=1)
    assert email.next_attempt_at is None

    client.force_login(administrator)
    report = client.get(reverse("outbox_report"), {"status": Status.FAILED}).content.decode()
    for text in ["Kallelse till årsmöte", "kassor@forening.example", "Kunde inte skickas"]:
        assert text in report
    assert "ConnectionRefusedError" in report
    assert reverse("outbox_send_again", args=[email.pk]) in report

    mail_server(smtp_server.port)
    answer = client.post(reverse("outbox_send_again", args=[email.pk]), follow=True)
    assert "”Kallelse till årsmöte” skickas igen." in answer.content.decode()
    deliver_queued_mail()

    assert fresh(email).status == Status.SENT
    assert email.attempts == tries + 1
    [message] = received(smtp_server)
    assert message["Subject"] == "Kallelse till årsmöte"
    assert message["Message-ID"] == email.message_id
    assert "Välkommen den 12 mars." in body(message)


def test_a_message_sent_again_while_it_waits_for_its_next_try_arrives_once(
    client, administrator, mail_server, smtp_server, clock
):
    send_mail("Protokoll från styrelsemötet", "Se bilagan.", None, ["sekreterare@forening.example"])
    deliver_queued_mail()
    email = OutgoingEmail.objects.get()
    assert email.status == Status.RETRYING

    client.force_login(administrator)
    client.post(reverse("outbox_send_again", args=[email.pk]))
    mail_server(smtp_server.port)
    clock(hours=1)  # the scheduled retry is due too
    deliver_queued_mail()

    assert len(received(smtp_server)) == 1
    assert fresh(email).status == Status.SENT
    assert email.attempts == 2


def test_only_administrators_see_the_outbox_and_send_again(client, editor, administrator):
    send_mail("Lösenordsbyte", "Följ länken.", None, ["redaktor@idekammaren.example"])
    email = OutgoingEmail.objects.get()
    client.force_login(editor)

    assert client.get(reverse("outbox_report")).status_code == 302
    assert client.post(reverse("outbox_send_again", args=[email.pk])).status_code == 302
    assert reverse("outbox_report") not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(administrator)
    assert reverse("outbox_report") in client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lösenordsbyte" in client.get(reverse("outbox_report")).content.decode()
    export = client.get(reverse("outbox_report"), {"export": "csv"})
    assert "Lösenordsbyte" in export.getvalue().decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("migrated_database_afterwards")
def test_the_worker_command_sends_what_is_due(mail_server, smtp_server):
    """`manage.py db_worker --backend email --batch`, as the worker process and cron run it."""
    send_mail("Välkommen som medlem", "Hej!", None, ["ny@forening.example"])
    mail_server(smtp_server.port)
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--backend", "email", "--batch", "--no-startup-delay")
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)

    assert OutgoingEmail.objects.get().status == Status.SENT
    assert [message["To"] for message in received(smtp_server)] == ["ny@forening.example"]
    assert mail.outbox == []  # SMTP, not the test mailbox
