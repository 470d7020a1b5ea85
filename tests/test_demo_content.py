from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

import pytest

from home.models import ContactPerson, FooterText, HomePage, NetworkSettings, Topic
from member_review.models import MemberReviewTaskState, Reminder, SeparateStatement
from members.models import MemberOrganisation, Representative
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
