"""The personal link in a request for input: one representative, one consultation, no login.

Like the member review's vote links (member_review/vote_links.py) it carries the user's and the
case's ids signed with SECRET_KEY and is checked against the database each time it is opened: it
works while the case asks for input and the user represents an active member organisation.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from members.models import Representative
from positions.models import ConsultationCase

from .member_input import input_refusal

SALT = "positions.input_link"


class InputLinkRefused(Exception):
    def __init__(self, message, status):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class InputRequest:
    case: ConsultationCase
    user: object
    organisation: object


def input_link(case, user, language=None):
    token = signing.dumps({"user": user.pk, "case": case.pk}, salt=SALT)
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("consultation_input_link", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def open_input_link(token):
    """What `token` opens, or InputLinkRefused."""
    try:
        ids = signing.loads(token, salt=SALT)
        user = get_user_model().objects.get(pk=ids["user"])
        case = ConsultationCase.objects.select_related("page__authority").get(pk=ids["case"])
    except (signing.BadSignature, ObjectDoesNotExist, KeyError, TypeError, ValueError):
        raise InputLinkRefused(
            _("This link is not valid. Check that you copied the whole address from the e-mail."),
            404,
        ) from None
    if not user.is_active or Representative.voting_organisation(user) is None:
        raise InputLinkRefused(
            _("This link no longer works: you no longer represent a member organisation."), 403
        )
    if refused := input_refusal(case, user):
        raise InputLinkRefused(refused, 410)
    return InputRequest(case=case, user=user, organisation=Representative.voting_organisation(user))
