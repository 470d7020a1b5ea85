from wagtail.models import Locale

import factory

from home.factories import PageFactory
from members.models import MemberDirectoryPage, MemberOrganisation
from members.validators import luhn_check_digit


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


class MemberDirectoryPageFactory(PageFactory):
    title = "Medlemmar"
    slug = "medlemmar"

    class Meta:
        model = MemberDirectoryPage
