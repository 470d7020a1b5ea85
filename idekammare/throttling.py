"""Limits on guessing that django-axes does not cover: the passwords of private pages and the
admin's password reset e-mails, and the client address that these limits and axes count by.

Attempts are counted in the cache. In production REDIS_URL makes it one cache for all workers,
and its counters go up atomically, so parallel requests cannot slip past a limit. While Redis
cannot be reached, no count is kept (home/core/cache.py): every attempt counts as the first, so
the limits let readers and editors through rather than fail.
"""

import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, ngettext

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.models import PageViewRestriction

logger = logging.getLogger(__name__)


def client_address(request):
    """The client's IP address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT reverse proxies, the
    address that the outermost of them saw, counted from the right of X-Forwarded-For. What the
    client wrote into that header itself stands further left and is never believed."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if not proxies or not forwarded:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-min(proxies, len(forwarded))]))
    except ValueError:
        return remote


def address_key(address):
    # One IPv6 client commonly holds a whole /64.
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return str(address)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass(frozen=True)
class Limit:
    """At most `attempts` in a window of `minutes`, which starts at the first attempt."""

    name: str
    attempts: int
    minutes: int

    def key(self, *parts):
        return ":".join(["throttle", self.name, *map(str, parts)])

    def hit(self, *parts):
        """Count one attempt for `parts` and return how many there have been in the window."""
        key = self.key(*parts)
        cache.add(key, 0, timeout=self.minutes * 60)
        try:
            return cache.incr(key)
        except ValueError:  # The window ended between add and incr.
            cache.set(key, 1, timeout=self.minutes * 60)
            return 1

    def reset(self, *parts):
        cache.delete(self.key(*parts))


PAGE_PASSWORD = Limit("page-password", attempts=5, minutes=15)
PASSWORD_RESET_PER_EMAIL = Limit("password-reset-email", attempts=3, minutes=60)
PASSWORD_RESET_PER_CLIENT = Limit("password-reset-client", attempts=10, minutes=60)


def too_many(request, heading, message):
    response = render(
        request, "too_many_attempts.html", {"heading": heading, "message": message}, status=429
    )
    add_never_cache_headers(response)
    return response


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
