from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import OBJECTION_NEEDS_REASON, VoteChoice, validate_reason

REASON_MAX_LENGTH = 4000


class VoteCommentForm(forms.Form):
    """The data Wagtail's workflow action view collects for an endorsement or abstention."""

    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=REASON_MAX_LENGTH, widget=forms.Textarea
    )


class ObjectionForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason for the objection"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"required": OBJECTION_NEEDS_REASON},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        validate_reason(VoteChoice.OBJECT, comment)
        return comment


class VoteForm(forms.Form):
    """The review screen's form: one choice for the organisation, a reason when objecting."""

    choice = forms.ChoiceField(
        label=_("Our organisation's position"),
        choices=VoteChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how your organisation votes.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required when you object. Only the network's editors read it."),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned = super().clean()
        reason = cleaned.get("reason", "").strip()
        cleaned["reason"] = reason
        try:
            validate_reason(cleaned.get("choice"), reason)
        except forms.ValidationError as error:
            self.add_error("reason", error)
        return cleaned
