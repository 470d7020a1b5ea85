from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import (
    MOST_WORDS_IN_A_SEPARATE_STATEMENT,
    OBJECTION_NEEDS_REASON,
    VoteChoice,
    validate_reason,
    validate_separate_statement,
)

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

    statement = forms.CharField(
        label=_("Separate statement (särskilt yttrande)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    publish_statement = forms.BooleanField(
        label=_("We agree that the statement is published under our organisation's name."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].help_text = gettext(
            "Only if you abstain or object: where your organisation stands, in at most %(count)d "
            "words. It is published beside the text only if the members adopt it and you tick the "
            "box below."
        ) % {"count": MOST_WORDS_IN_A_SEPARATE_STATEMENT}

    def clean(self):
        cleaned = super().clean()
        reason = cleaned.get("reason", "").strip()
        cleaned["reason"] = reason
        cleaned["statement"] = cleaned.get("statement", "").strip()
        try:
            validate_reason(cleaned.get("choice"), reason)
        except forms.ValidationError as error:
            self.add_error("reason", error)
        try:
            validate_separate_statement(cleaned.get("choice"), cleaned["statement"])
        except forms.ValidationError as error:
            self.add_error("statement", error)
        return cleaned


def vote_form_initial(state, organisation, vote):
    """The vote form as the organisation left it: its vote, reason and separate statement."""
    if vote is None:
        return None
    statement = state.separate_statements.filter(organisation=organisation).first()
    return {
        "choice": vote.choice,
        "reason": vote.reason,
        "statement": statement.text if statement else "",
        "publish_statement": statement.publish if statement else False,
    }
