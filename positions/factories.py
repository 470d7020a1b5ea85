import datetime
import io
import zipfile

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import factory
import wagtail_factories

from home.factories import PageFactory
from members.factories import MemberOrganisationFactory
from positions.models import (
    ConsultationCase,
    ConsultationIndexPage,
    ConsultationResponsePage,
    Delivery,
    Endorsement,
    IssuingAuthority,
    MemberInput,
    PositionIndexPage,
    PositionStatementPage,
    Uptake,
)


class IssuingAuthorityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Myndighet {n}")
    slug = factory.Sequence(lambda n: f"myndighet-{n}")

    class Meta:
        model = IssuingAuthority


class PositionIndexPageFactory(PageFactory):
    title = "Ställningstaganden"
    slug = "stallningstaganden"

    class Meta:
        model = PositionIndexPage


class PositionStatementPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Ställningstagande {n} om föreningslivets villkor")
    summary = "Nätverket föreslår fleråriga avtal med föreningarna."
    body = wagtail_factories.StreamFieldFactory({})
    date_adopted = factory.Sequence(
        lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
    )

    class Meta:
        model = PositionStatementPage


class ConsultationIndexPageFactory(PageFactory):
    title = "Remisser"
    slug = "remisser"

    class Meta:
        model = ConsultationIndexPage


class ConsultationResponsePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Remissvar {n}")
    referral_title = factory.Sequence(lambda n: f"Remiss om regional utveckling {n}")
    authority = factory.SubFactory(IssuingAuthorityFactory)
    diarienummer = factory.Sequence(lambda n: f"RV2026/{n:04d}")
    received_date = datetime.date(2026, 1, 10)
    response_deadline = datetime.date(2026, 3, 1)
    status = "answered"
    submitted_date = factory.LazyAttribute(
        lambda response: datetime.date(2026, 2, 27) if response.status == "answered" else None
    )
    stance = factory.LazyAttribute(
        lambda response: "approve" if response.status == "answered" else ""
    )
    summary = "Vi tillstyrker förslaget."

    class Meta:
        model = ConsultationResponsePage


class EndorsementFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(MemberOrganisationFactory)

    class Meta:
        model = Endorsement


def minimal_file(extension):
    """The smallest bytes that pass for a PDF or a Word file (home/core/document_content.py)."""
    if extension == "pdf":
        return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    main_part = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{main_part}"/></Types>',
        )
    return buffer.getvalue()


def response_document(name, extension):
    """A document `name`.`extension`, a PDF or a Word file, as the package or an editor's upload."""
    return get_document_model().objects.create(
        title=name, file=ContentFile(minimal_file(extension), name=f"{name}.{extension}")
    )


class ConsultationCaseFactory(factory.django.DjangoModelFactory):
    """The case of a Swedish consultation response, which the test passes as `page`.

    `followed_up=True` records a follow-up: the decision took up our points in part.
    """

    class Meta:
        model = ConsultationCase

    class Params:
        followed_up = factory.Trait(
            decision_title="Regional utvecklingsstrategi för Värmland 2027–2035",
            decision_url="https://regionvarmland.example/beslut/2026-45",
            decision_date=datetime.date(2026, 6, 10),
            uptake=Uptake.PARTLY,
            follow_up_comment="Regionen tog in kravet på fleråriga avtal men inte lokalfrågan.",
            followed_up_at=factory.LazyFunction(timezone.now),
        )


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A delivery of the `case` the test passes."""

    sent_at = factory.LazyFunction(timezone.now)
    recipient = "registrator@myndighet.example"
    message_id = factory.Sequence(lambda n: f"<leverans-{n}@idekammaren.example>")

    class Meta:
        model = Delivery


class MemberInputFactory(factory.django.DjangoModelFactory):
    """A member organisation's input to the `case` the test passes."""

    organisation = factory.SubFactory(MemberOrganisationFactory)
    text = "Vi vill att remissvaret tar upp föreningarnas lokalkostnader."

    class Meta:
        model = MemberInput
