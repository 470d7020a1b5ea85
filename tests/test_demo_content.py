from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

import pytest

from calls.models import CallAnnouncement, CallAnswer, CallPage
from council.models import CouncilMeetingPage, MeetingDocument, RegionParticipant
from home.models import ContactPerson, FooterText, HomePage, NetworkSettings, Topic
from member_review.models import MemberReviewTaskState, Reminder, SeparateStatement
from members.models import Competence, MemberOrganisation, OrganisationReach, Representative
from needs.models import Need, NeedEvent
from news.models import NewsPage
from positions.models import (
    ConsultationCase,
    ConsultationResponsePage,
    Endorsement,
    PositionStatementPage,
)
from tests.worlds import built_once, load_demo_content


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "sites": Site.objects.count(),
        "settings": NetworkSettings.objects.count(),
        "footer texts": FooterText.objects.count(),
        "topics": Topic.objects.count(),
        "contact persons": ContactPerson.objects.count(),
        "organisations": MemberOrganisation.objects.count(),
        "representatives": Representative.objects.count(),
        "endorsements": Endorsement.objects.count(),
        "reminders": Reminder.objects.count(),
        "separate statements": SeparateStatement.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        # The council (council/)
        "the region's participants in meetings": RegionParticipant.objects.count(),
        "meetings' other documents": MeetingDocument.objects.count(),
        # The competence directory (members/)
        "competences": Competence.objects.count(),
        "places organisations also work in": OrganisationReach.objects.count(),
        # Needs we see (needs/)
        "signals": Need.objects.count(),
        "signals' history": NeedEvent.objects.count(),
        # Calls from the region (calls/)
        "answers to calls": CallAnswer.objects.count(),
        "announcements of calls": CallAnnouncement.objects.count(),
    }


@pytest.fixture(scope="class")
def loaded_once(django_db_setup, django_db_blocker):
    """The demo as `load_demo_content --force` first loads it into an empty database, for the
    tests of a class; each test's changes, and then the demo's, are rolled back."""
    with built_once(django_db_blocker) as tests_run:
        assert not Page.objects.filter(depth__gt=2).exists()
        load_demo_content()
        with tests_run():
            yield


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_once")
class TestTheLoadedDemo:
    def test_loading_twice_creates_nothing_new(self):
        first = counts()  # after the first load
        load_demo_content()
        assert counts() == first

    # The competence directory (members/) ----------------------------------------------------

    def test_eight_organisations_or_more_describe_their_competences(self, client):
        described = MemberOrganisation.objects.active().filter(competences__isnull=False).distinct()
        assert described.count() >= 8
        kinds = set(Competence.objects.values_list("kind", flat=True))
        assert kinds == {"target-group", "language", "method"}
        swedish = Competence.objects.filter(locale__language_code="sv")
        assert Competence.objects.filter(locale__language_code="en").count() == swedish.count()
        assert {o.kind for o in described} >= {"association", "study-association"}
        assert MemberOrganisation.objects.matching(municipalities=["eda"]).count() >= 2
        html = client.get("/medlemmar/?language=arabiska").content.decode()
        assert "Föreningen Grannkraft" in html
        assert "Somali" in client.get("/en/members/grannkraft/").content.decode()

    # ------------------------------------------------------------------------------------------

    # The council (council/) ----------------------------------------------------------------

    def test_two_past_council_meetings_have_minutes_and_the_next_is_on_the_home_page(self, client):
        meetings = CouncilMeetingPage.objects.filter(locale__language_code="sv").order_by("start")
        *past, upcoming = meetings
        assert len(past) == 2 and upcoming.end > timezone.now() > past[-1].end
        for meeting in past:
            assert meeting.decisions and meeting.region_participants.count() == 4
            assert meeting.organisations.count() == 6
            response = client.get(meeting.minutes.url)
            assert response.status_code == 200
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert upcoming.minutes is None and upcoming.agenda
        english = Locale.objects.get(language_code="en")
        assert all(meeting.get_translation_or_none(english) for meeting in meetings)
        council = client.get("/radet/").content.decode()
        ahead, behind = council.split('id="past-heading"')
        assert ahead.count('class="card"') == 1 and behind.count('class="card"') == 2
        slot = client.get("/").content.decode().split('id="next-council-meeting"')[1]
        assert f'<a href="{upcoming.url}">{upcoming.title}</a>' in slot
        assert "Council meeting" in client.get("/en/the-council/").content.decode()

    # ------------------------------------------------------------------------------------------

    # Needs we see (needs/) ------------------------------------------------------------------

    def test_signals_from_four_organisations_in_four_states_and_the_public_ones_on_the_page(
        self, client
    ):
        signals = Need.objects.all()
        assert {need.status for need in signals} == {"new", "forwarded", "answered", "closed"}
        assert len({need.organisation_id for need in signals}) == signals.count() == 4
        assert all(need.events.filter(action="reported").exists() for need in signals)
        public = list(Need.objects.public())
        assert sorted(need.status for need in public) == ["answered", "forwarded"]
        swedish = client.get("/behov-vi-ser/").content.decode()
        english = client.get("/en/needs-we-see/").content.decode()
        for need in public:
            assert need.public_title in swedish and need.public_title_en in english
        assert Need.objects.get(status="new").title not in swedish
        merged = Need.objects.get(merged_into__isnull=False)
        assert merged.organisation.name in swedish  # it agreed to be named beside the other
        assert "Regionen tar upp frågan" in swedish

    # ------------------------------------------------------------------------------------------

    # Calls from the region (calls/) ---------------------------------------------------------

    def test_an_open_call_with_answers_and_a_closed_one_with_named_participants(self, client):
        calls = CallPage.objects.filter(locale__language_code="sv")
        [open_call] = [call for call in calls if call.is_open()]
        [closed] = [call for call in calls if not call.is_open()]
        assert {a.answer for a in open_call.answers.all()} == {"participate", "decline"}
        assert open_call.announcement.recipients == 12
        english = Locale.objects.get(language_code="en")
        assert all(call.get_translation_or_none(english).live for call in calls)
        participating = closed.answers.filter(answer="participate")
        html = client.get(closed.url).content.decode()
        assert f"{participating.count()} organisationer deltar" in html
        for answer in participating.select_related("organisation"):
            assert (answer.organisation.name in html) == answer.consent_to_name
        assert "Region Värmland" in client.get("/en/calls/").content.decode()

    # ------------------------------------------------------------------------------------------

    # The contact page (home/) ---------------------------------------------------------------

    def test_the_contact_page_names_contact_persons_and_press_contacts_in_both_languages(
        self, client
    ):
        from home.models import ContactPage

        swedish = ContactPage.objects.get(locale__language_code="sv")
        english = swedish.get_translation(Locale.objects.get(language_code="en"))
        assert english.live and english.url == "/en/contact/"
        for page in (swedish, english):
            assert page.contact_persons.count() == page.press_contacts.count() == 2
            html = client.get(page.url).content.decode()
            assert "Stina Ekwall" in html and "info@idekammaren.example" in html
            assert 'name="message"' in html
        assert f'href="{swedish.url}"' in client.get("/").content.decode()  # from the footer

    # ------------------------------------------------------------------------------------------

    def test_demo_site_has_what_the_publishing_issue_asks_for(self):
        assert MemberOrganisation.objects.canonical().count() >= 12
        assert len({o.municipality for o in MemberOrganisation.objects.canonical()}) >= 10
        assert all(o.logo_id for o in MemberOrganisation.objects.canonical())
        assert NewsPage.objects.filter(locale__language_code="sv").live().count() >= 6
        assert NewsPage.objects.filter(title__contains="partnerskap").exists()

        statements = PositionStatementPage.objects.filter(locale__language_code="sv").live()
        assert statements.count() >= 4
        assert all(Endorsement.objects.filter(page=statement).exists() for statement in statements)

        consultations = ConsultationResponsePage.objects.filter(locale__language_code="sv").live()
        assert sum(c.is_open for c in consultations) >= 2
        answered = consultations.filter(status="answered")
        assert answered.count() >= 3
        assert answered.exclude(response_document=None).exists()

        swedish = Page.objects.filter(locale__language_code="sv", depth__gt=2).count()
        english = Page.objects.filter(locale__language_code="en", depth__gt=2).live().count()
        assert english * 2 >= swedish

        representatives = Representative.objects.select_related("user", "organisation")
        assert sorted(r.user.username for r in representatives) == sorted(
            f"representant{n}" for n in range(1, 13)
        )
        assert len({r.organisation_id for r in representatives}) == 12

    def test_the_statement_in_review_has_three_votes_and_one_organisation_reminded(self):
        [review] = MemberReviewTaskState.objects.filter(status="in_progress")
        [reminder] = Reminder.objects.all()
        assert review.votes.count() == 3
        assert reminder.task_state == review
        assert reminder.sent_by.username == "redaktor"
        assert not review.votes.filter(organisation=reminder.organisation).exists()

    def test_an_adopted_statement_has_one_published_separate_statement(self, client):
        [statement] = SeparateStatement.objects.filter(page__in=PositionStatementPage.objects.all())
        page = statement.page.specific
        assert page.live and statement.publish
        html = client.get(page.url).content.decode()
        assert "Särskilda yttranden" in html
        assert f"<h3>{statement.organisation.name}</h3>" in html

    def test_the_remiss_workflow_has_an_open_case_with_input_and_an_answered_one_sent(self, client):
        open_case = ConsultationCase.objects.get(input_deadline__isnull=False)
        assert open_case.page.is_open
        assert open_case.inputs.values("organisation").distinct().count() == 2
        answered = ConsultationCase.objects.get(uptake="partly")
        page = answered.page
        assert (page.status, page.live) == ("answered", True)
        assert answered.package_revision_id == page.live_revision_id
        assert answered.package_pdf.filename.startswith("RV2026-0233 Idékammaren Värmland")
        assert answered.package_docx.file_extension == "docx"
        [delivery] = answered.deliveries.all()
        assert delivery.recipient == "registrator@region-varmland.example"
        assert delivery.message_id
        html = client.get(page.url).content.decode()
        assert "Uppföljning" in html
        assert answered.package_pdf.url in html
        assert client.get(answered.package_pdf.url).status_code == 200

    def test_demo_site_replaces_wagtails_welcome_page(self):
        site = Site.objects.get(is_default_site=True)
        assert isinstance(site.root_page.specific, HomePage)
        assert not Page.objects.filter(depth=2, content_type__model="page").exists()

    def test_demo_accounts_log_in_with_the_documented_password(self, client):
        editor = get_user_model().objects.get(username="redaktor")
        assert editor.groups.filter(name="Redaktörer").exists()
        assert get_user_model().objects.get(username="admin").is_superuser
        response = client.post("/admin/login/", {"username": "redaktor", "password": "demo"})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_prints_the_demo_accounts_only_in_development(self, settings):
        # What the command prints does not depend on what it finds already loaded.
        settings.DEBUG = True
        out = StringIO()
        call_command("load_demo_content", stdout=out)
        assert "with password 'demo'" in out.getvalue()
        assert "redaktor         Redaktörer" in out.getvalue()
        assert "representant12   Medlemsrepresentanter" in out.getvalue()

        settings.DEBUG = False
        out = StringIO()
        call_command("load_demo_content", "--force", stdout=out)
        assert "password" not in out.getvalue()


@pytest.mark.django_db
def test_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_content", stdout=StringIO())
    assert not HomePage.objects.exists()
