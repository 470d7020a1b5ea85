"""A representative's own admin view: their organisation's competences, and nothing else of it.

There is no organisation in the address: the view shows the organisation the signed-in
representative represents, so no one reaches another organisation's by changing a number."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.models.mixins import in_default_locale
from members.competence_profile import change_competences
from members.forms import CompetencesField, ReachField
from members.models import (
    Capacity,
    Competence,
    CompetenceKind,
    OrganisationKind,
    Representative,
    organisation_url,
)

URL_NAME = "members_own_competences"

KIND_FIELDS = {
    CompetenceKind.TARGET_GROUP: ("target_groups", gettext_lazy("Target groups we reach")),
    CompetenceKind.LANGUAGE: ("languages", gettext_lazy("Languages we work in")),
    CompetenceKind.METHOD: ("methods", gettext_lazy("Methods we use")),
}


class OwnCompetencesForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of organisation"), choices=OrganisationKind)
    reach = ReachField()
    capacity = forms.ChoiceField(
        label=gettext_lazy("Capacity to take part"),
        help_text=gettext_lazy(
            "Whether your organisation can take part when the region asks for participants."
        ),
        choices=[("", gettext_lazy("Not stated")), *Capacity.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices are the Swedish competences, named in the reader's language where they can.
        names = {c.translation_key: c.name for c in Competence.objects.all().localized_list()}
        canonical = Competence.objects.filter(in_default_locale())
        offered = [(c, names.get(c.translation_key, c.name)) for c in canonical]
        for kind, (name, label) in KIND_FIELDS.items():
            field = CompetencesField(
                label=label, queryset=canonical.filter(kind=kind), required=False
            )
            field.choices = sorted(
                ((c.pk, shown) for c, shown in offered if c.kind == kind), key=lambda c: c[1]
            )
            self.fields[name] = field
        self.order_fields(["kind", *(name for name, _label in KIND_FIELDS.values())])

    @classmethod
    def for_organisation(cls, organisation):
        held = list(organisation.competences.all())
        return cls(
            initial={
                "kind": organisation.kind,
                "reach": [place.municipality for place in organisation.reach.all()],
                "capacity": organisation.capacity,
                **{
                    name: [c.pk for c in held if c.kind == kind]
                    for kind, (name, _label) in KIND_FIELDS.items()
                },
            }
        )

    def competence_fields(self):
        return [self[name] for name, _label in KIND_FIELDS.values()]

    def competences(self):
        return [c for name, _label in KIND_FIELDS.values() for c in self.cleaned_data[name]]


def represented_organisation(user):
    """The active member organisation `user` represents; anyone else is refused."""
    organisation = Representative.voting_organisation(user)
    if organisation is None:
        raise PermissionDenied
    return organisation


class OwnCompetencesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "members/own_competences.html"
    header_icon = "group"
    page_title = gettext_lazy("Our organisation's competences")

    def dispatch(self, request, *args, **kwargs):
        self.organisation = represented_organisation(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.organisation.name

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(**kwargs) | {
            "organisation": self.organisation,
            "public_url": organisation_url(self.request, self.organisation),
            "form": form or OwnCompetencesForm.for_organisation(self.organisation),
        }

    def post(self, request):
        form = OwnCompetencesForm(request.POST)
        if form.is_valid():
            try:
                change_competences(
                    self.organisation,
                    request.user,
                    kind=form.cleaned_data["kind"],
                    competences=form.competences(),
                    reach=form.cleaned_data["reach"],
                    capacity=form.cleaned_data["capacity"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your organisation's competences are saved."))
                return redirect(URL_NAME)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OwnCompetencesPanel(Component):
    """On a representative's dashboard: what their organisation has said of its competences."""

    name = "own_competences"
    template_name = "members/own_competences_panel.html"
    order = 70

    def __init__(self, organisation):
        self.organisation = organisation

    def get_context_data(self, parent_context):
        return {
            "organisation": self.organisation,
            "count": self.organisation.competences.count(),
            "url_name": URL_NAME,
        }
