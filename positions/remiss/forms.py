from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.core.document_content import content_refusal
from positions.models import ConsultationCase, ConsultationStatus
from positions.models.remiss import INPUT_FILE_MAX_BYTES, INPUT_FILE_TYPES


class InputDeadlineForm(forms.ModelForm):
    class Meta:
        model = ConsultationCase
        fields = ["input_deadline"]
        widgets = {"input_deadline": forms.DateInput(attrs={"type": "date"})}


class StatusForm(forms.Form):
    """The status before the response is sent; sending it makes it answered."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (status.value, status.label)
            for status in ConsultationStatus
            if status != ConsultationStatus.ANSWERED
        ],
    )


class FollowUpForm(forms.ModelForm):
    decision_url = forms.URLField(
        label=_("Link to the decision"), required=False, assume_scheme="https"
    )

    class Meta:
        model = ConsultationCase
        fields = ["decision_title", "decision_url", "decision_date", "uptake", "follow_up_comment"]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}),
            "follow_up_comment": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        page = self.instance.page
        if page.status != ConsultationStatus.ANSWERED:
            raise ValidationError(_("A follow-up is recorded for an answered consultation."))
        if page.response_deadline >= timezone.localdate():
            raise ValidationError(
                _("A follow-up is recorded after the response deadline (%(date)s).")
                % {"date": page.response_deadline.isoformat()}
            )
        if not cleaned.get("uptake"):
            self.add_error("uptake", _("Say whether our points were taken up."))
        return cleaned


class PinForm(forms.ModelForm):
    class Meta:
        model = ConsultationCase
        fields = ["pin_own_document"]


class SendForm(forms.Form):
    resend_reason = forms.CharField(
        label=_("Why it is sent again"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecordSentForm(SendForm):
    sent_on = forms.DateField(label=_("Date sent"), widget=forms.DateInput(attrs={"type": "date"}))


class MemberInputForm(forms.Form):
    text = forms.CharField(
        label=_("Our input"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Only the network's editors read it; it is never published."),
    )
    file = forms.FileField(
        label=_("Attach a file (optional)"),
        required=False,
        help_text=_("PDF, Word, OpenDocument or text, at most 5 MB."),
    )
    remove_file = forms.BooleanField(label=_("Remove the attached file"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if PurePath(upload.name).suffix.lower() not in INPUT_FILE_TYPES:
            raise ValidationError(_("Attach a PDF, Word, OpenDocument or text file."))
        if upload.size > INPUT_FILE_MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        if refused := content_refusal(upload):
            raise ValidationError(refused)
        return upload
