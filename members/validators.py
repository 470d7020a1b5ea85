import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGANISATION_NUMBER = re.compile(r"^\d{6}-\d{4}$")


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit that completes `digits`, as in Swedish organisation numbers."""
    total = 0
    for position, digit in enumerate(int(character) for character in digits):
        doubled = digit * 2 if position % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return (10 - total % 10) % 10


def luhn_is_valid(digits: str) -> bool:
    return luhn_check_digit(digits[:-1]) == int(digits[-1])


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
