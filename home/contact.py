"""A reader's message from the contact page (home.models.ContactPage) to the network's e-mail.

A valid message goes into the outbox (home/core/outbox.py), addressed to the network's e-mail
address from its settings, with Reply-To the reader's, and the reader is sent on to the page's
thanks (`?sent`). Nothing else of it is stored: the outbox's copy is the only one. Bad input
answers 400 with the form again, the text kept; nothing is sent.

Floods are limited in the cache, as the other throttles are (home/core/throttling.py): every
message sent from one client address counts, valid or not, up to PER_CLIENT; valid messages from
everyone together up to IN_ALL, so that many addresses cannot fill the network's inbox either.
Both answer 429 with a page saying when to try again. A form is sent once: sending it again (a
double click, a reload) leads to the same thanks and sends nothing more. While the cache (Redis)
cannot be reached, nothing is counted and these limits let every message through; the form's own
checks (home/forms.py) still hold.
"""

import hashlib
import logging
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import sanitize_address
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, ngettext

from home.core import outbox
from home.core.navigation import site_chrome
from home.core.throttling import Limit, address_key, client_address, too_many
from home.forms import ContactForm

logger = logging.getLogger(__name__)

PER_CLIENT = Limit("contact-client", attempts=5, minutes=60)
IN_ALL = Limit("contact-all", attempts=30, minutes=60)
ONCE = Limit("contact-form", attempts=1, minutes=24 * 60)


def answer_message(page, request):
    """The answer to a POST of the contact form."""
    network = site_chrome(request)
    if network is None or not network.email:
        raise Http404  # no address to send to, so the page shows no form
    address = address_key(client_address(request))
    # Counted before the form is checked, so that parallel posts count too.
    if PER_CLIENT.hit(address) > PER_CLIENT.attempts:
        logger.warning("Contact messages from %s paused", address)
        return too_many_messages(request, PER_CLIENT.minutes_left(address), network.email)
    form = ContactForm(page, request.POST)
    if not form.is_valid():
        context = page.get_context(request) | {"form": form}
        response = TemplateResponse(request, page.get_template(request), context, status=400)
        add_never_cache_headers(response)
        return response
    form_key = hashlib.sha256(form.cleaned_data["token"].encode()).hexdigest()
    # A form sent before leads to the thanks and counts for nothing more, even during a pause.
    if not ONCE.count(form_key):
        if IN_ALL.hit() > IN_ALL.attempts:
            logger.warning("Contact messages paused: more than %d an hour", IN_ALL.attempts)
            return too_many_messages(request, IN_ALL.minutes_left(), network.email)
        if ONCE.hit(form_key) == 1:
            send(page, request, form.cleaned_data, network)
    return HttpResponseRedirect(f"{request.path}?sent", status=303)


def send(page, request, message, network):
    """Queue `message` (a valid form's cleaned data) to the network, in Swedish."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = message["subject"] or gettext("Message from the website")
        introduction = gettext(
            "%(name)s (%(email)s) wrote through the contact form at %(url)s:"
        ) % {
            "name": message["name"],
            "email": message["email"],
            "url": page.get_full_url(request),
        }
        footer = gettext("Reply to this e-mail to answer %(name)s.") % {"name": message["name"]}
        subject = gettext("Contact form: %(subject)s") % {"subject": subject}
    parts = [introduction]
    if message["subject"]:
        parts.append(message["subject"])
    parts += [message["message"], f"-- \n{footer}"]
    email = outbox.queue(
        EmailMessage(
            subject=subject,
            body="\n\n".join(parts),
            to=[network.email],
            reply_to=[reply_address(message["name"], message["email"])],
        )
    )
    logger.info("Contact message %s queued", email.pk)
    return email


def reply_address(name, email):
    """The reader's name and address for Reply-To, or the address alone if a name would not make
    a header the mail server accepts (the worker sends it later, out of the reader's sight)."""
    address = formataddr((name, email))
    try:
        sanitize_address(address, "utf-8")
    except ValueError:
        return email
    return address


def too_many_messages(request, minutes, email):
    response = too_many(
        request,
        gettext("Too many messages"),
        ngettext(
            "Too many messages have been sent through the form. Try again in %(minutes)d "
            "minute, or write to %(email)s.",
            "Too many messages have been sent through the form. Try again in %(minutes)d "
            "minutes, or write to %(email)s.",
            minutes,
        )
        % {"minutes": minutes, "email": email},
    )
    response["Retry-After"] = str(minutes * 60)
    return response
