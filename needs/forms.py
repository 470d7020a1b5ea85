from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from home.models import Topic
from home.models.places import Municipality

from .models import Need, NeedStatus
from .models.needs import NOTE_MAX
from .triage import PUBLIC_FIELDS, REPORTED_FIELDS


def swedish_topics():
    return Topic.objects.filter(locale__language_code="sv").order_by("name")


def label_topics_in_the_active_language(field):
    """Topics are chosen among the Swedish rows and named in the reader's language."""
    names = dict(
        Topic.objects.filter(locale__language_code=get_language()).values_list(
            "translation_key", "name"
        )
    )
    field.label_from_instance = lambda topic: names.get(topic.translation_key, topic.name)


class NeedForm(forms.ModelForm):
    """What a representative writes about the need their organisation sees."""

    class Meta:
        model = Need
        fields = list(REPORTED_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "contribution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topic = self.fields["topic"]
        topic.required = True
        topic.queryset = swedish_topics()
        label_topics_in_the_active_language(topic)


class ReportForm(NeedForm):
    class Meta(NeedForm.Meta):
        fields = [*NeedForm.Meta.fields, "consent_to_publish"]


class ConsentForm(forms.Form):
    consent = forms.TypedChoiceField(
        choices=[("1", _("Agree")), ("0", _("Withdraw"))], coerce=lambda value: value == "1"
    )


class FilterForm(forms.Form):
    """The editors' filters of the signals, from the query string."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *NeedStatus.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.none(),
        empty_label=_("All topics"),
        to_field_name="slug",
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        choices=[("", _("All municipalities")), *Municipality.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = swedish_topics()
        label_topics_in_the_active_language(self.fields["topic"])

    def filter(self, needs):
        data = self.cleaned_data
        if data.get("status"):
            needs = needs.filter(status=data["status"])
        if data.get("topic"):
            needs = needs.filter(topic=data["topic"])
        if data.get("municipality"):
            needs = needs.filter(municipality=data["municipality"])
        return needs


def note_field(required=False):
    return forms.CharField(
        label=pgettext_lazy("signal history", "Note"),
        required=required,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For the editors only; kept in the signal's history."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = note_field()

    def __init__(self, *args, need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", "---------"),
            *((status.value, status.label) for status in need.allowed_statuses()),
        ]


class NoteForm(forms.Form):
    note = note_field(required=True)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Need.objects.none(),
        help_text=_(
            "The signal that carries both from now on. This one is closed, and its organisation "
            "is named beside the other's on the public page if it agrees to publication."
        ),
    )
    note = note_field()

    def __init__(self, *args, need, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        target.queryset = (
            Need.objects.filter(merged_into__isnull=True)
            .exclude(pk=need.pk)
            .select_related("organisation")
            .order_by("-reported_at", "-pk")
        )
        target.label_from_instance = lambda other: f"{other.title} ({other.organisation.name})"


class PublicForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = [*PUBLIC_FIELDS, "published"]
        widgets = {
            "public_summary": forms.Textarea(attrs={"rows": 4}),
            "public_summary_en": forms.Textarea(attrs={"rows": 4}),
            "region_answer": forms.Textarea(attrs={"rows": 4}),
            "region_answer_en": forms.Textarea(attrs={"rows": 4}),
        }
