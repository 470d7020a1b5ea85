import datetime

import factory
import wagtail_factories

from home.factories import PageFactory
from members.factories import MemberOrganisationFactory
from positions.models import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    Endorsement,
    IssuingAuthority,
    PositionIndexPage,
    PositionStatementPage,
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
