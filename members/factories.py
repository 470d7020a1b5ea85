from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale

import factory

from home.factories import PageFactory
from members.models import (
    Competence,
    CompetenceKind,
    MemberDirectoryPage,
    MemberOrganisation,
    OrganisationReach,
    Representative,
)
from members.validators import luhn_check_digit


def organisation_number(n):
    """A valid organisationsnummer: nine digits from the sequence and a Luhn check digit."""
    digits = f"80{n:07d}"
    return f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"


class CompetenceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kompetens {n}")
    slug = factory.Sequence(lambda n: f"kompetens-{n}")
    kind = CompetenceKind.METHOD
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Competence


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation; `competences=[…]` and `reach=["kil", …]` give it competences and the
    municipalities it also works in."""

    name = factory.Sequence(lambda n: f"Föreningen Exempel {n}")
    slug = factory.Sequence(lambda n: f"foreningen-exempel-{n}")
    organisation_number = factory.Sequence(organisation_number)
    municipality = "karlstad"
    description = "En förening som arbetar för gemenskap och delaktighet i Värmland."
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = MemberOrganisation
        skip_postgeneration_save = True

    @factory.post_generation
    def reach(organisation, create, municipalities, **kwargs):
        if municipalities:
            organisation.set_reach(municipalities)
            if create:
                organisation.save()


class OrganisationReachFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(MemberOrganisationFactory)
    municipality = "kil"

    class Meta:
        model = OrganisationReach


class RepresentativeUserFactory(factory.django.DjangoModelFactory):
    """A representative's account, in the group "Medlemsrepresentanter"."""

    username = factory.Sequence(lambda n: f"representant-{n}")
    first_name = "Representant"
    email = factory.LazyAttribute(lambda user: f"{user.username}@idekammaren.example")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(*Group.objects.filter(name="Medlemsrepresentanter"))


class RepresentativeFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(RepresentativeUserFactory)
    organisation = factory.SubFactory(MemberOrganisationFactory)

    class Meta:
        model = Representative


class MemberDirectoryPageFactory(PageFactory):
    title = "Medlemmar"
    slug = "medlemmar"

    class Meta:
        model = MemberDirectoryPage
