import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGANISATION_NUMBER = re.compile(r"^\d{6}-\d{4}$")


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(int(character) for character in digits):
        doubled = digit * 2 if position % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def validate_organisation_number(value: str):
    if not ORGANISATION_NUMBER.match(value):
        raise ValidationError(
            _("Write the organisation number as ten digits with a hyphen: NNNNNN-NNNN."),
            code="format",
        )
    if not luhn_is_valid(value.replace("-", "")):
        raise ValidationError(
            _("The organisation number %(value)s is not valid: its last digit does not match."),
            code="checksum",
            params={"value": value},
        )
