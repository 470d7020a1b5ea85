from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Answer
from .models.answers import NOTE_MAX_LENGTH


class CallAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Our answer"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether your organisation wants to take part.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What your organisation could contribute, or a question (at most 1000 characters). "
            "Only the network's editors and the partner read it."
        ),
    )
    consent_to_name = forms.BooleanField(
        label=_("The network may name our organisation publicly as taking part"),
        required=False,
        help_text=_(
            "Once the reply-by date has passed, the call's page says how many organisations take "
            "part, and names those that agreed."
        ),
    )
