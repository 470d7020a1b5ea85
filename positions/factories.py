import datetime

from wagtail.models import Locale

import factory
import wagtail_factories

from home.factories import PageFactory
from positions.models import (
    ConsultationIndexPage,
    ConsultationResponsePage,
    Endorsement,
    IssuingAuthority,
    MemberDirectoryPage,
    MemberOrganisation,
    PositionIndexPage,
    PositionStatementPage,
)
from positions.validators import luhn_check_digit


def organisation_number(n):
    """A valid organisationsnummer: nine digits from the sequence and a Luhn check digit."""
    digits = f"80{n:07d}"
    return f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Föreningen Exempel {n}")
    slug = factory.Sequence(lambda n: f"foreningen-exempel-{n}")
    organisation_number = factory.Sequence(organisation_number)
    municipality = "karlstad"
    description = "En förening som arbetar för gemenskap och delaktighet i Värmland."
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = MemberOrganisation


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
    submitted_date = datetime.date(2026, 2, 27)
    status = "answered"
    stance = "approve"
    summary = "Vi tillstyrker förslaget."

    class Meta:
        model = ConsultationResponsePage


class MemberDirectoryPageFactory(PageFactory):
    title = "Medlemmar"
    slug = "medlemmar"

    class Meta:
        model = MemberDirectoryPage


class EndorsementFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(MemberOrganisationFactory)

    class Meta:
        model = Endorsement
