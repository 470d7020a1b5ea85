from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Page

from home.core.listing import chosen, filter_by_topic
from home.core.navigation import section
from home.models import Topic
from home.models.mixins import ShareImageMixin

from .organisations import MemberOrganisation, Municipality


def organisation_url(request, organisation):
    """The address of `organisation`'s page in the member directory, "" where there is none."""
    directory = section(request, "members.memberdirectorypage")
    return f"{directory.url}{organisation.slug}/" if directory else ""


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

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("member directory page")

    def organisations(self):
        logos = get_image_model().objects.prefetch_renditions()
        return MemberOrganisation.objects.active().prefetch_related(
            models.Prefetch("logo", queryset=logos)
        )

    @path("")
    def directory(self, request):
        organisations, topic_filter = filter_by_topic(
            request, self.organisations(), parameter="area", field="areas"
        )
        municipality = chosen(
            request, "municipality", {code: code for code, _name in Municipality.choices}
        )
        if municipality:
            # Organisations working across the county are found in every municipality.
            organisations = organisations.filter(
                municipality__in=[municipality, Municipality.WHOLE_COUNTY]
            )
        return self.render(
            request,
            context_overrides={
                "organisations": with_translated_descriptions(list(organisations)),
                "municipalities": Municipality.choices,
                "active_municipality": municipality,
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
                "subpage_path": f"{organisation.slug}/",
                "organisation": organisation,
                "areas": Topic.objects.filter(
                    translation_key__in=organisation.areas.values("translation_key")
                ).localized_list(),
            },
        )
