"""Limits on guessing that django-axes does not cover: the passwords of private pages and the
admin's password reset e-mails, and the client address that these limits and axes count by.

Attempts are counted in the cache by home.core.throttling, which the contact form's limits use
too.
"""

import logging

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, ngettext

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.models import PageViewRestriction

from home.core.throttling import Limit, address_key, client_address, too_many

logger = logging.getLogger(__name__)


PAGE_PASSWORD = Limit("page-password", attempts=5, minutes=15)
PASSWORD_RESET_PER_EMAIL = Limit("password-reset-email", attempts=3, minutes=60)
PASSWORD_RESET_PER_CLIENT = Limit("password-reset-client", attempts=10, minutes=60)


def too_many_passwords(request):
    minutes = PAGE_PASSWORD.minutes
    return too_many(
        request,
        gettext("Too many wrong passwords"),
        ngettext(
            "You have entered a wrong password too many times. Try again in %(minutes)d minute.",
            "You have entered a wrong password too many times. Try again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )


def too_many_password_resets(request):
    minutes = PASSWORD_RESET_PER_CLIENT.minutes
    return too_many(
        request,
        gettext("Too many requests"),
        ngettext(
            "Too many password resets have been requested from your address. "
            "Try again in %(minutes)d minute.",
            "Too many password resets have been requested from your address. "
            "Try again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )


class ThrottleMiddleware:
    """Counts the passwords sent for a private page (Wagtail's authenticate_with_password) per
    page and client address, and the admin's password reset requests per client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        attempt = getattr(request, "page_password_attempt", None)
        if attempt is None:
            return response
        (page, address), count = attempt
        # Wagtail redirects to the page once the password is right.
        if response.status_code == 302:
            PAGE_PASSWORD.reset(page, address)
        elif count == PAGE_PASSWORD.attempts:
            logger.warning("Page passwords from %s paused for page %s", address, page)
            return too_many_passwords(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        url_name = request.resolver_match.url_name
        if url_name == "wagtailcore_authenticate_with_password":
            return self.check_page_password(request, view_kwargs["page_view_restriction_id"])
        if url_name == "wagtailadmin_password_reset":
            address = address_key(client_address(request))
            if PASSWORD_RESET_PER_CLIENT.hit(address) > PASSWORD_RESET_PER_CLIENT.attempts:
                return too_many_password_resets(request)
        return None

    def check_page_password(self, request, restriction_id):
        # A page and its translations share one password (home/core/privacy.py), and so one count.
        translation_key = (
            PageViewRestriction.objects.filter(pk=restriction_id)
            .values_list("page__translation_key", flat=True)
            .first()
        )
        if translation_key is None:
            return None
        parts = (translation_key, address_key(client_address(request)))
        # Counted before the password is checked, so that parallel guesses count too.
        count = PAGE_PASSWORD.hit(*parts)
        if count > PAGE_PASSWORD.attempts:
            return too_many_passwords(request)
        request.page_password_attempt = (parts, count)
        return None


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's, sending at most PASSWORD_RESET_PER_EMAIL e-mails to one address. The answer is
    the same whether an e-mail goes out or not, so it tells nobody which addresses have accounts."""

    def save(self, **kwargs):
        email = salted_hmac("password-reset", self.cleaned_data["email"].lower()).hexdigest()
        if PASSWORD_RESET_PER_EMAIL.hit(email) > PASSWORD_RESET_PER_EMAIL.attempts:
            logger.warning("Password reset e-mail withheld: too many for one address")
            return
        super().save(**kwargs)
