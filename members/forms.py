"""Form parts for a member organisation's competences, shared by the editors' snippet form and
the representatives' own form. Imports nothing from members.models, whose snippet uses it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from home.models.places import Municipality


class ReachField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            choices=Municipality.choices,
            required=False,
            label=_("Also works in"),
            help_text=_("Municipalities the organisation works in beyond its own."),
            **kwargs,
        )


class CompetencesField(forms.ModelMultipleChoiceField):
    """Competences as checkboxes; a value that could be no key is refused before it reaches the
    database, which would fail on an integer past 64 bits rather than find no row."""

    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        for key in value:
            key = str(key)
            if not (key.isascii() and key.isdigit() and len(key) <= 18):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": key},
                )
        return super()._check_values(value)


def by_kind(competences):
    """Choices for `competences`, grouped under their kind in the kinds' order and sorted by
    name: [(kind, [(pk, name), …]), …]."""
    competences = list(competences)
    if not competences:
        return []
    kinds = competences[0]._meta.get_field("kind").choices
    return [
        (
            label,
            [(c.pk, c.name) for c in sorted(competences, key=lambda c: c.name) if c.kind == kind],
        )
        for kind, label in kinds
        if any(c.kind == kind for c in competences)
    ]


class MemberOrganisationForm(WagtailAdminModelForm):
    """The snippet's form: its reach as checkboxes, its competences grouped by kind."""

    REACH = "reach_municipalities"

    reach_municipalities = ReachField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.REACH in self.fields and self.instance.pk:
            self.initial.setdefault(
                self.REACH, [place.municipality for place in self.instance.reach.all()]
            )
        if "competences" in self.fields:
            field = self.fields["competences"]
            self.fields["competences"] = CompetencesField(
                queryset=field.queryset,
                required=False,
                label=field.label,
                help_text=field.help_text,
            )
            self.fields["competences"].choices = by_kind(field.queryset)
        if "capacity" in self.fields:
            capacity = self.fields["capacity"]
            capacity.choices = [("", _("Not stated")), *capacity.choices[1:]]

    def save(self, commit=True):
        if self.REACH in self.fields:
            self.instance.set_reach(self.cleaned_data[self.REACH])
        return super().save(commit=commit)
