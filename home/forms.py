"""The contact page's form: no JavaScript, no cookie, no third party.

Without a cookie the form cannot carry a CSRF token, and it needs none: all it does is send the
network a message, which whoever forged a reader's submission could as well send themselves.
It keeps machines out instead:

- a field people do not see (hidden by the stylesheet, from screen readers and from the
  keyboard), which must stay empty;
- a token, signed with SECRET_KEY, naming the page and the time the form was shown: a form sent
  within FASTEST seconds of that, after OLDEST seconds, to another page or with its token changed
  is refused;
- limits on the lengths, on control characters and on the links in what is written;

and by the limits per client address and in all where the message is sent (home/contact.py).
"""

import re
import time
import unicodedata

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SALT = "home.contact-form"
FASTEST = 3
OLDEST = 24 * 60 * 60
MAX_LINKS = 2
LINK = re.compile(r"https?://|www\.|<a\s|\[url", re.IGNORECASE)
LINE_BREAKS = {"\n", "\r", "\t"}


def now():
    """The time in seconds; tests move it."""
    return time.time()


def form_token(page, issued=None):
    return signing.Signer(salt=SALT).sign_object(
        {"page": page.pk, "issued": int(now() if issued is None else issued)}
    )


def token_refusal(page, token):
    """Why the token of a form sent to `page` is refused, or None."""
    try:
        content = signing.Signer(salt=SALT).unsign_object(token)
        issued = int(content["issued"])
        right_page = content["page"] == page.pk
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return "tampered"
    if not right_page:
        return "tampered"
    age = now() - issued
    if age > OLDEST:
        return "expired"
    if age < FASTEST:
        return "too-fast"
    return None


def control_characters(text, allowed=frozenset()):
    """Whether `text` has a control character (other than `allowed`) or half a surrogate pair."""
    return any(
        unicodedata.category(character) in ("Cc", "Cs") and character not in allowed
        for character in text
    )


class ContactForm(forms.Form):
    TOKEN_ERRORS = {
        "tampered": _("The form could not be checked. Please send it again."),
        "expired": _("The form was opened more than a day ago. Please send it again."),
        "too-fast": _(
            "The form was sent too soon after the page was opened. Wait a few seconds and send "
            "it again."
        ),
    }

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We answer you here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=150, required=False)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        help_text=_("At most 5,000 characters and two links."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # The trap: people do not see it, so only a machine fills it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        if not self.is_bound:
            self.initial["token"] = form_token(page)

    def clean_name(self):
        return self.without_links(self.on_one_line(self.cleaned_data["name"]))

    def clean_subject(self):
        return self.without_links(self.on_one_line(self.cleaned_data["subject"]))

    def clean_message(self):
        message = self.cleaned_data["message"]
        if control_characters(message, allowed=LINE_BREAKS):
            raise forms.ValidationError(_("The message contains characters that cannot be sent."))
        links = len(LINK.findall(message))
        if links > MAX_LINKS:
            raise forms.ValidationError(
                ngettext(
                    "A message may contain at most %(max)d link; this one has %(links)d.",
                    "A message may contain at most %(max)d links; this one has %(links)d.",
                    MAX_LINKS,
                )
                % {"max": MAX_LINKS, "links": links}
            )
        return message

    def clean_website(self):
        if self.cleaned_data["website"]:
            # Shown again empty: a person whose browser filled it in can send the form again.
            self.data = self.data.copy()
            self.data[self.add_prefix("website")] = ""
            raise forms.ValidationError(
                _(
                    "A field that people do not see was filled in, as programs that send spam "
                    "do. If you did not fill it in, send the message again."
                )
            )
        return ""

    def clean_token(self):
        token = self.cleaned_data["token"]
        refusal = token_refusal(self.page, token)
        if refusal is not None:
            if refusal != "too-fast":
                # The form shown again gets a token that works, unless it was only too fast:
                # then the time since the page was opened goes on counting.
                self.data = self.data.copy()
                self.data[self.add_prefix("token")] = form_token(self.page)
            raise forms.ValidationError(self.TOKEN_ERRORS[refusal], code=refusal)
        return token

    @staticmethod
    def on_one_line(text):
        if control_characters(text):
            raise forms.ValidationError(_("Write this on one line, without special characters."))
        return text

    @staticmethod
    def without_links(text):
        if LINK.search(text):
            raise forms.ValidationError(_("Leave out links here; put them in the message."))
        return text
