from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from members.factories import MemberOrganisationFactory
from members.models import MemberOrganisation
from members.validators import validate_organisation_number


@pytest.mark.parametrize("number", ["802600-1019", "802600-1027", "802479-0001"])
def test_valid_organisation_numbers_pass(number):
    validate_organisation_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("8026001019", "format"),
        ("802600-101", "format"),
        ("80260a-1019", "format"),
        (" 802600-1019", "format"),
        ("802600-1018", "checksum"),
        ("802479-0002", "checksum"),
    ],
)
def test_invalid_organisation_numbers_fail(number, code):
    with pytest.raises(ValidationError) as error:
        validate_organisation_number(number)
    assert error.value.code == code


def test_errors_are_in_swedish():
    with translation.override("sv"):
        with pytest.raises(ValidationError) as error:
            validate_organisation_number("802600-1018")
        assert error.value.messages == [
            "Organisationsnumret 802600-1018 är inte giltigt: kontrollsiffran stämmer inte."
        ]


@pytest.mark.django_db
class TestOrganisationAdmin:
    def add(self, client, **fields):
        data = {
            "name": "Föreningen Prov",
            "slug": "foreningen-prov",
            "organisation_number": "802600-1019",
            "municipality": "kil",
            "description": "Prov.",
            "active": "on",
            "kind": "association",
        } | fields
        return client.post("/admin/snippets/members/memberorganisation/add/", data)

    def test_admin_adds_an_organisation(self, admin_client):
        response = self.add(admin_client)
        assert response.status_code == 302
        organisation = MemberOrganisation.objects.get(slug="foreningen-prov")
        assert organisation.locale.language_code == "sv"
        assert organisation.get_municipality_display() == "Kil"

    def test_wrong_check_digit_is_refused_with_a_swedish_message(self, admin_client):
        response = self.add(admin_client, organisation_number="802600-1018")
        assert response.status_code == 200
        assert "kontrollsiffran stämmer inte" in response.content.decode()
        assert not MemberOrganisation.objects.exists()

    def test_wrong_format_is_refused_and_the_input_kept(self, admin_client):
        response = self.add(admin_client, organisation_number="8026001019")
        html = response.content.decode()
        assert "Skriv organisationsnumret som tio siffror med bindestreck" in html
        assert 'value="Föreningen Prov"' in html
        assert not MemberOrganisation.objects.exists()

    def test_a_number_can_belong_to_one_organisation_only(self, admin_client):
        MemberOrganisationFactory(organisation_number="802600-1019")
        response = self.add(admin_client)
        assert "Det finns redan en medlemsorganisation med det här organisationsnumret." in (
            response.content.decode()
        )
        assert MemberOrganisation.objects.count() == 1

    def test_list_filters_by_municipality_and_activity(self, admin_client):
        MemberOrganisationFactory(name="Kilföreningen", municipality="kil")
        MemberOrganisationFactory(name="Sunneföreningen", municipality="sunne")
        MemberOrganisationFactory(name="Vilande föreningen", municipality="kil", active=False)
        html = admin_client.get(
            "/admin/snippets/members/memberorganisation/",
            {"municipality": "kil", "active": "true"},
        ).content.decode()
        assert "Kilföreningen" in html
        assert "Sunneföreningen" not in html
        assert "Vilande föreningen" not in html
