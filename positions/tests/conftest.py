"""A consultation response on its way from the referral to the authority."""

import datetime
import io
from types import SimpleNamespace

from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import docx
import pytest

from conftest import deliver_queued_mail
from member_review.choices import VoteChoice
from member_review.voting import cast_vote
from positions.demo_content import simple_pdf
from positions.factories import ConsultationResponsePageFactory, IssuingAuthorityFactory
from positions.models import ConsultationCase, ConsultationResponsePage
from tests.review_fixtures import in_member_review

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def authority(db):
    return IssuingAuthorityFactory(
        name="Region Värmland",
        slug="region-varmland",
        registrator_email="registrator@region-varmland.example",
        delivery_notes="PDF och Word, diarienumret i ämnesraden.",
    )


@pytest.fixture
def open_consultation(register, authority):
    """A consultation the network is preparing, with the members' input wanted within a week."""
    page = ConsultationResponsePageFactory(
        parent=register,
        title="Remissvar: Regional utvecklingsstrategi",
        slug="regional-utvecklingsstrategi",
        referral_title="Regional utvecklingsstrategi för Värmland",
        authority=authority,
        diarienummer="RV2026/0412",
        received_date=days(-5),
        response_deadline=days(30),
        status="preparing",
    )
    case = ConsultationCase.objects.create(page=page, input_deadline=days(7))
    return SimpleNamespace(page=page, case=case)


@pytest.fixture
def response_in_review(
    register, authority, statement_workflow, editor, administrator, representatives
):
    page = ConsultationResponsePageFactory(
        parent=register,
        title="Remissvar: Kulturplan för Värmland",
        slug="kulturplan",
        referral_title="Kulturplan för Värmland 2027–2030",
        referral_reference="",
        authority=authority,
        diarienummer="RV2026/0101",
        received_date=days(-60),
        response_deadline=days(2),
        status="preparing",
        stance="approve",
        summary="Vi tillstyrker kulturplanen.",
        live=False,
        owner=editor,
    )
    state = in_member_review(page, editor, administrator)
    # Wagtail's workflow notices to the editors are not what these tests read.
    deliver_queued_mail()
    mail.outbox.clear()
    return SimpleNamespace(page=page, state=state, representatives=representatives)


def adopt(review):
    for representative in review.representatives[:7]:
        cast_vote(review.state, representative, VoteChoice.ENDORSE)
    page = ConsultationResponsePage.objects.get(pk=review.page.pk)
    assert page.live
    return page


def small_document(title, extension):
    if extension == "pdf":
        content = simple_pdf(title)
    else:
        out = io.BytesIO()
        docx.Document().save(out)
        content = out.getvalue()
    return get_document_model().objects.create(
        title=title, file=ContentFile(content, name=f"{title}.{extension}")
    )


@pytest.fixture
def adopted_response(response_in_review):
    """The response the members adopted, with a stand-in package (the package itself is tested in
    test_submission_package.py, where it costs a PDF rendering)."""
    page = adopt(response_in_review)
    case, _created = ConsultationCase.objects.get_or_create(page=page)
    case.package_pdf = small_document("RV2026-0101 Idékammaren", "pdf")
    case.package_docx = small_document("RV2026-0101 Idékammaren", "docx")
    case.package_revision_id = page.live_revision_id
    case.save()
    deliver_queued_mail()  # Wagtail's notice that the workflow was approved
    mail.outbox.clear()
    return SimpleNamespace(page=page, case=case, review=response_in_review)
