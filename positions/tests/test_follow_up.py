"""What became of a consultation response: the members' input date, the response's files and
the follow-up on the public page and in the feeds, and the editors' follow-up reminders."""

import datetime
import re
from html import unescape
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from wagtail import hooks
from wagtail.users.models import UserProfile

import feedparser
import pytest

from conftest import deliver_queued_mail, make_user, translate
from home.core.publication import loading_content
from positions.factories import (
    ConsultationCaseFactory,
    ConsultationResponsePageFactory,
    DeliveryFactory,
    response_document,
)
from positions.follow_up import (
    add_follow_up_panel,
    months_before,
    needing_follow_up,
    send_follow_up_reminders,
)
from positions.models import ConsultationCase

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def section(html, heading_id):
    found = re.search(rf'<section [^>]*aria-labelledby="{heading_id}">.*?</section>', html, re.S)
    return found.group(0) if found else ""


def text(html):
    """What a reader reads: without tags, entities read, space as the browser shows it."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.])", r"\1", words)


def publish(page):
    with loading_content():
        page.save_revision().publish()


@pytest.fixture
def answered(register, site):
    """An answered response in Swedish and English, with its case."""
    page = ConsultationResponsePageFactory(
        parent=register,
        title="Remissvar om regional utvecklingsstrategi",
        slug="utvecklingsstrategi",
        received_date=datetime.date(2026, 1, 10),
        response_deadline=datetime.date(2026, 3, 1),
        submitted_date=datetime.date(2026, 2, 27),
    )
    english = translate(page, site.en, title="Response on the development strategy")
    case = ConsultationCaseFactory(page=page, input_deadline=datetime.date(2026, 2, 10))
    return page, english, case


def record_follow_up(case, **fields):
    values = {
        "decision_title": "Regional utvecklingsstrategi 2027–2035",
        "decision_url": "https://regionvarmland.example/beslut/45",
        "decision_date": datetime.date(2026, 6, 10),
        "uptake": "partly",
        "follow_up_comment": "Regionen tog in fleråriga avtal men inte lokalfrågan.",
        "followed_up_at": timezone.now(),
    } | fields
    for name, value in values.items():
        setattr(case, name, value)
    case.full_clean()
    case.save()


# The page ---------------------------------------------------------------------------------------


class TestFollowUpOnThePage:
    def test_swedish_page_shows_the_decision_and_whether_our_points_were_taken_up(
        self, client, answered
    ):
        page, _english, case = answered
        record_follow_up(case)

        follow_up = section(html_of(client, page.url), "follow-up-heading")

        assert '<h2 id="follow-up-heading">Uppföljning</h2>' in follow_up
        assert (
            '<a href="https://regionvarmland.example/beslut/45">'
            "Regional utvecklingsstrategi 2027–2035</a>"
        ) in follow_up
        assert "Beslut Regional utvecklingsstrategi 2027–2035, 10 juni 2026" in text(follow_up)
        assert "Fick våra synpunkter gehör? Delvis" in text(follow_up)
        assert "Regionen tog in fleråriga avtal men inte lokalfrågan." in follow_up

    def test_english_page_shows_the_follow_up_of_the_swedish_case(self, client, answered):
        _page, english, case = answered
        record_follow_up(case, uptake="fully", decision_url="")

        html = section(html_of(client, english.url), "follow-up-heading")

        assert text(html).startswith("Follow-up")
        assert "Decision Regional utvecklingsstrategi 2027–2035, 10 June 2026" in text(html)
        assert "Were our points taken up? Fully" in text(html)
        # Written in Swedish, and marked so for the reader's browser and screen reader.
        assert '<span lang="sv">Regional utvecklingsstrategi 2027–2035</span>' in html
        assert '<p lang="sv">Regionen tog in fleråriga avtal men inte lokalfrågan.</p>' in html

    def test_an_unknown_outcome_needs_no_decision(self, client, answered):
        page, english, case = answered
        record_follow_up(
            case, decision_title="", decision_url="", decision_date=None, uptake="unknown"
        )

        swedish = text(section(html_of(client, page.url), "follow-up-heading"))
        assert "Beslut" not in swedish
        assert "Fick våra synpunkter gehör? Okänt" in swedish
        assert "Were our points taken up? Unknown" in text(html_of(client, english.url))

    def test_no_follow_up_section_until_one_is_recorded(self, client, answered):
        page, english, case = answered
        assert section(html_of(client, page.url), "follow-up-heading") == ""
        case.decision_title = "Ett beslut utan bedömning"
        case.save()
        assert section(html_of(client, english.url), "follow-up-heading") == ""

    def test_no_follow_up_on_a_consultation_not_answered(self, client, register):
        page = ConsultationResponsePageFactory(
            parent=register, status="declined", submitted_date=None, stance=""
        )
        ConsultationCaseFactory(page=page, followed_up=True)
        assert section(html_of(client, page.url), "follow-up-heading") == ""


def input_date_row(html):
    return re.findall(
        r"<div><dt>(?:Synpunkter senast|Members&#x27;? input by|Members' input by)"
        r"</dt><dd>(.*?)</dd></div>",
        html,
    )


class TestInputDateOnThePage:
    @pytest.fixture
    def preparing(self, register, site):
        page = ConsultationResponsePageFactory(
            parent=register,
            slug="oppen-remiss",
            received_date=days(-5),
            response_deadline=days(30),
            status="preparing",
            submitted_date=None,
            stance="",
        )
        english = translate(page, site.en)
        ConsultationCaseFactory(page=page, input_deadline=datetime.date(2099, 3, 4))
        return page, english

    def test_an_open_consultation_shows_when_the_members_input_is_due(self, client, preparing):
        page, english = preparing
        swedish = text(html_of(client, page.url))
        assert "Synpunkter senast 4 mars 2099" in swedish
        assert "Members' input by 4 March 2099" in text(html_of(client, english.url))
        assert '<time datetime="2099-03-04">4 mars 2099</time>' in html_of(client, page.url)

    def test_an_answered_consultation_does_not(self, client, answered):
        page, english, _case = answered
        assert "Synpunkter senast" not in html_of(client, page.url)
        assert "input by" not in html_of(client, english.url)


def document_links(html):
    """(address, other attributes, text) of each link to the response's files."""
    return re.findall(r'<p class="document-link"><a href="([^"]+)"([^>]*)>([^<]+)</a>', html)


class TestResponseFiles:
    def test_the_swedish_page_links_the_generated_pdf_and_word_file(self, client, answered):
        page, _english, case = answered
        case.package_pdf = response_document("RV2026-0412 Idékammaren", "pdf")
        case.package_docx = response_document("RV2026-0412 Idékammaren", "docx")
        case.package_revision = case.page.save_revision()  # the text the package was made of
        case.save()

        html = html_of(client, page.url)

        assert document_links(html) == [
            (case.package_pdf.url, "", "Vårt remissvar som PDF"),
            (case.package_docx.url, "", "Vårt remissvar som Word-fil"),
        ]
        assert "på svenska" not in html

    def test_the_english_page_links_the_swedish_files_and_says_so(self, client, answered):
        _page, english, case = answered
        case.package_pdf = response_document("RV2026-0412 Idékammaren", "pdf")
        case.package_docx = response_document("RV2026-0412 Idékammaren", "docx")
        case.package_revision = case.page.save_revision()  # the text the package was made of
        case.save()

        html = html_of(client, english.url)

        assert document_links(html) == [
            (case.package_pdf.url, ' hreflang="sv"', "Our response as PDF"),
            (case.package_docx.url, ' hreflang="sv"', "Our response as a Word file"),
        ]
        assert html.count(", in Swedish)</span>") == 2
        for document in (case.package_pdf, case.package_docx):
            assert client.get(document.url).status_code == 200

    def test_a_pinned_document_replaces_the_generated_files(self, client, answered):
        page, english, case = answered
        own = response_document("Vårt eget remissvar", "pdf")
        page.response_document = own
        publish(page)
        english.response_document = own
        publish(english)
        case.package_pdf = response_document("Genererat", "pdf")
        case.pin_own_document = True
        case.save()

        for url, label in (
            (page.url, "Vårt remissvar som PDF"),
            (english.url, "Our response as PDF"),
        ):
            html = html_of(client, url)
            assert document_links(html) == [(own.url, "", label)]
            assert case.package_pdf.url not in html

    def test_without_generated_files_the_pages_own_document_is_shown(self, client, answered):
        page, _english, _case = answered
        own = response_document("Vårt eget remissvar", "pdf")
        page.response_document = own
        publish(page)
        assert document_links(html_of(client, page.url)) == [
            (own.url, "", "Vårt remissvar som PDF")
        ]


# The feeds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "kind"), [("sv", "rss"), ("en", "atom")])
def test_the_feed_entry_carries_the_input_date_the_sent_date_and_the_follow_up(
    client, answered, language, kind
):
    _page, _english, case = answered
    DeliveryFactory(case=case, sent_at=datetime.datetime(2026, 2, 27, 9, tzinfo=datetime.UTC))
    record_follow_up(case)
    with translation.override(language):
        url = reverse(f"consultation-responses-{kind}")

    [entry] = feedparser.parse(client.get(url).content).entries

    summary = text(entry.summary)
    if language == "sv":
        assert "Synpunkter senast: 10 februari 2026" in summary
        assert "Skickat till myndigheten: 27 februari 2026" in summary
        assert "Beslut: Regional utvecklingsstrategi 2027–2035, 10 juni 2026" in summary
        assert "Fick våra synpunkter gehör? Delvis" in summary
    else:
        assert "Members' input by: 10 February 2026" in summary
        assert "Sent to the authority: 27 February 2026" in summary
        assert "Decision: Regional utvecklingsstrategi 2027–2035, 10 June 2026" in summary
        assert "Were our points taken up? Partly" in summary
        # Recorded after the response was published: the entry is updated.
        updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
        assert abs(updated - case.followed_up_at) < datetime.timedelta(seconds=1)
    assert "Regionen tog in fleråriga avtal men inte lokalfrågan." in summary


# Who is reminded of what ------------------------------------------------------------------------


def follow_up_due(register, title, deadline, **case_fields):
    page = ConsultationResponsePageFactory(
        parent=register,
        title=title,
        received_date=deadline - datetime.timedelta(days=60),
        response_deadline=deadline,
        submitted_date=deadline - datetime.timedelta(days=1),
    )
    return ConsultationCaseFactory(page=page, **case_fields)


THREE_MONTHS_AGO = months_before(TODAY, 3)


@pytest.fixture
def responses(register):
    """Answered responses: one due today, one due long ago, one followed up, one a day short of
    three months, one whose follow-up was recorded as unknown; an unpublished one; a response
    not answered."""
    due = follow_up_due(register, "Svarsdagen för tre månader sedan", THREE_MONTHS_AGO)
    older = follow_up_due(register, "Svarsdagen för ett år sedan", months_before(TODAY, 12))
    follow_up_due(register, "Redan uppföljd", months_before(TODAY, 6), followed_up=True)
    follow_up_due(register, "Inte ännu", THREE_MONTHS_AGO + datetime.timedelta(days=1))
    follow_up_due(register, "Okänt utfall", months_before(TODAY, 6), uptake="unknown")
    unpublished = follow_up_due(register, "Avpublicerad", months_before(TODAY, 6))
    unpublished.page.unpublish()
    declined = follow_up_due(register, "Avstådd", months_before(TODAY, 6))
    declined.page.status = "declined"
    declined.page.save()
    return [older, due]


def test_the_rule_takes_calendar_months():
    assert months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 2, 15), 3) == datetime.date(2025, 11, 15)
    assert months_before(datetime.date(2028, 5, 31), 3) == datetime.date(2028, 2, 29)


def test_needing_follow_up_is_the_answered_responses_three_months_on(responses):
    due = needing_follow_up().order_by("page__response_deadline")
    assert list(due) == responses


@pytest.fixture
def panel_on_the_dashboard():
    """The panel as positions/wagtail_hooks.py registers it, whether it does already or not."""
    if add_follow_up_panel in hooks.get_hooks("construct_homepage_panels"):
        yield
        return
    with hooks.register_temporarily("construct_homepage_panels", add_follow_up_panel):
        yield


@pytest.mark.usefixtures("panel_on_the_dashboard")
class TestDashboard:
    def test_editors_see_the_responses_to_follow_up_linked_to_their_editor(
        self, client, editor, responses
    ):
        client.force_login(editor)

        panel = re.search(
            r'<section[^>]*id="consultation-follow-ups-section".*?</section>',
            html_of(client, "/admin/"),
            re.S,
        ).group(0)

        assert "Remissvar att följa upp" in panel
        titles = re.findall(r'<td class="title"><a href="([^"]+)">([^<]+)</a>', panel)
        assert titles == [
            (reverse("positions_remiss:case", args=[case.page_id]) + "#follow-up", case.page.title)
            for case in responses
        ]

    def test_nothing_to_follow_up_shows_no_panel(self, client, editor, register):
        follow_up_due(register, "Redan uppföljd", months_before(TODAY, 6), followed_up=True)
        client.force_login(editor)
        assert "consultation-follow-ups" not in html_of(client, "/admin/")

    def test_representatives_do_not_see_it(self, client, responses, representatives):
        client.force_login(representatives[0])
        assert "consultation-follow-ups" not in html_of(client, "/admin/")


def send_reminders():
    """Run the cron command; the messages it queued, as the worker delivers them."""
    deliver_queued_mail()
    mail.outbox.clear()
    out = StringIO()
    call_command("send_follow_up_reminders", stdout=out)
    return deliver_queued_mail(), out.getvalue()


class TestReminderEmail:
    def test_the_editors_are_reminded_of_each_response_once(self, editor, responses):
        administrator = make_user("admin", is_superuser=True)
        without_address = make_user("utan-adress", "Redaktörer")
        without_address.email = ""
        without_address.save()
        make_user("slutat", "Redaktörer", is_active=False)
        representative = make_user("representant", "Medlemsrepresentanter")

        messages, output = send_reminders()

        assert sorted((message.to[0], message.subject) for message in messages) == sorted(
            (user.email, f"Följ upp remissvaret: {case.page.title}")
            for case in responses
            for user in (editor, administrator)
        )
        assert representative.email not in {message.to[0] for message in messages}
        body = messages[0].body
        assert body.startswith("Hej Rut Redaktör!")
        assert "passerade för 3 månader sedan" in body
        edit_link = reverse("positions_remiss:case", args=[responses[0].page_id]) + "#follow-up"
        assert f"http://testserver{edit_link}" in body
        assert "Sent follow-up reminders for 2 consultation response(s)." in output
        assert all(
            case.follow_up_reminded_at is not None
            for case in ConsultationCase.objects.filter(pk__in=[case.pk for case in responses])
        )

        again, output = send_reminders()
        assert again == []
        assert "Sent follow-up reminders for 0 consultation response(s)." in output

    def test_an_editor_who_reads_english_gets_it_in_english(self, editor, register):
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "en"
        profile.save()
        follow_up_due(register, "Svarsdagen för tre månader sedan", THREE_MONTHS_AGO)

        [message], _output = send_reminders()

        assert message.subject == (
            "Follow up the consultation response: Svarsdagen för tre månader sedan"
        )
        assert "Hello Rut Redaktör," in message.body

    def test_not_before_three_months_and_not_once_followed_up(self, editor, register):
        soon = follow_up_due(register, "Inte ännu", THREE_MONTHS_AGO + datetime.timedelta(days=1))
        follow_up_due(register, "Redan uppföljd", months_before(TODAY, 6), followed_up=True)

        messages, _output = send_reminders()
        assert messages == []

        later = timezone.now() + datetime.timedelta(days=1)
        assert send_follow_up_reminders(now=later) == [soon]

    def test_without_an_editor_to_tell_nothing_counts_as_reminded(self, register):
        case = follow_up_due(register, "Svarsdagen för tre månader sedan", THREE_MONTHS_AGO)

        messages, output = send_reminders()

        assert messages == []
        case.refresh_from_db()
        assert case.follow_up_reminded_at is None


def test_the_crontab_sends_the_reminders_daily():
    crontab = (Path(settings.BASE_DIR) / "deploy" / "crontab").read_text()
    [line] = [line for line in crontab.splitlines() if "send_follow_up_reminders" in line]
    minute, hour, *every_day = line.split()[:5]
    assert (minute.isdigit(), hour.isdigit(), every_day) == (True, True, ["*", "*", "*"])
