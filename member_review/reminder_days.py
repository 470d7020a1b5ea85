"""The reminder days of a member review task, as an editor writes them: "7, 2"."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOST_DAYS = 365


def parse_reminder_days(text):
    """The days in `text`, largest first, without repeats; ValueError if any is not a day."""
    days = {int(part) for part in (text or "").replace(";", ",").split(",") if part.strip()}
    if any(day < 1 or day > MOST_DAYS for day in days):
        raise ValueError(text)
    return sorted(days, reverse=True)


def validate_reminder_days(text):
    try:
        parse_reminder_days(text)
    except ValueError:
        raise ValidationError(
            _("Write whole numbers of days between 1 and 365, separated by commas, e.g. 7, 2."),
            code="invalid_reminder_days",
        ) from None
