from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Page

from home.core.listing import chosen, filter_by_topic
from home.core.navigation import remembered, section
from home.models import Topic
from home.models.mixins import ShareImageMixin

from .competences import Competence, CompetenceKind
from .organisations import MemberOrganisation, Municipality, OrganisationKind

# The directory's filter of each kind of competence: its query parameter and its label.
COMPETENCE_FILTERS = {
    CompetenceKind.TARGET_GROUP: ("target_group", _("Target group"), _("All target groups")),
    CompetenceKind.LANGUAGE: ("language", _("Language"), _("All languages")),
    CompetenceKind.METHOD: ("method", _("Method"), _("All methods")),
}
COMPETENCE_HEADINGS = {
    CompetenceKind.TARGET_GROUP: _("Target groups"),
    CompetenceKind.LANGUAGE: _("Languages"),
    CompetenceKind.METHOD: _("Methods"),
}


def organisation_url(request, organisation):
    """The address of `organisation`'s page in the member directory, "" where there is none."""
    directory = section(request, "members.memberdirectorypage")
    return f"{directory.url}{organisation.slug}/" if directory else ""


def competence_filters(request):
    """The chosen competence of each kind (by the query parameters) and each filter's context.

    The options are the competences in the reader's language, kept under the generation.
    """
    vocabulary = remembered(
        request, "member-competences", lambda: Competence.objects.all().localized_list()
    )
    competences, filters = [], []
    for kind, (parameter, label, everything) in COMPETENCE_FILTERS.items():
        options = [competence for competence in vocabulary if competence.kind == kind]
        active = chosen(request, parameter, {competence.slug: competence for competence in options})
        if active is not None:
            competences.append(active)
        filters.append(
            {
                "parameter": parameter,
                "label": label,
                "everything": everything,
                "options": options,
                "active": active,
            }
        )
    return competences, filters


def competences_by_kind(organisation):
    """The organisation's competences in the reader's language: [(heading, [competence, …]), …]."""
    held = Competence.objects.filter(
        translation_key__in=organisation.competences.values("translation_key")
    ).localized_list()
    groups = [
        (heading, [competence for competence in held if competence.kind == kind])
        for kind, heading in COMPETENCE_HEADINGS.items()
    ]
    return [(heading, competences) for heading, competences in groups if competences]


def with_translated_descriptions(organisations):
    """Give each organisation `display_description`: its translation's, else its own.

    A separate attribute, so that the Swedish row can never be saved with English text.
    """
    translations = dict(
        MemberOrganisation.objects.filter(
            locale__language_code=get_language(),
            translation_key__in=[organisation.translation_key for organisation in organisations],
        ).values_list("translation_key", "description")
    )
    for organisation in organisations:
        organisation.display_description = (
            translations.get(organisation.translation_key) or organisation.description
        )
    return organisations


class MemberDirectoryPage(RoutablePageMixin, ShareImageMixin, Page):
    """The member directory, with a page of its own for each active member organisation."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    meta_description_field = "introduction"

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("member directory page")

    def organisations(self, organisations=None):
        """The active organisations (or those of `organisations`) with their logos."""
        if organisations is None:
            organisations = MemberOrganisation.objects.active()
        logos = get_image_model().objects.prefetch_renditions()
        return organisations.prefetch_related(models.Prefetch("logo", queryset=logos))

    @path("")
    def directory(self, request):
        municipality = chosen(
            request, "municipality", {code: code for code, _name in Municipality.choices}
        )
        kind = chosen(request, "kind", {value: value for value in OrganisationKind.values})
        competences, competence_filter_list = competence_filters(request)
        # Organisations working across the county, or also in the municipality, are found there.
        matching = MemberOrganisation.objects.matching(
            competences=competences,
            kinds=[kind] if kind else (),
            municipalities=[municipality] if municipality else (),
        )
        organisations, topic_filter = filter_by_topic(
            request, self.organisations(matching), parameter="area", field="areas"
        )
        return self.render(
            request,
            context_overrides={
                "organisations": with_translated_descriptions(list(organisations)),
                "municipalities": Municipality.choices,
                "active_municipality": municipality,
                "kinds": OrganisationKind.choices,
                "active_kind": kind,
                "competence_filters": competence_filter_list,
                **topic_filter,
            },
        )

    @path("<slug:slug>/", name="organisation")
    def organisation(self, request, slug):
        organisation = get_object_or_404(self.organisations(), slug=slug)
        with_translated_descriptions([organisation])
        # What the organisation endorses is shown by the apps that hold it, through their
        # template tags (see the template), so that members/ imports none of them.
        return self.render(
            request,
            template="members/member_organisation_page.html",
            context_overrides={
                "page_title": organisation.name,
                "meta_description": organisation.display_description,
                "subpage_path": f"{organisation.slug}/",
                "organisation": organisation,
                "areas": Topic.objects.filter(
                    translation_key__in=organisation.areas.values("translation_key")
                ).localized_list(),
                "competences": competences_by_kind(organisation),
                "reach": [place.get_municipality_display() for place in organisation.reach.all()],
            },
        )
