from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Page

from home.listing import chosen, filter_by_topic
from home.models import Topic
from home.models.mixins import ShareImageMixin

from .consultations import ConsultationResponsePage
from .organisations import MemberOrganisation, Municipality
from .statements import PositionStatementPage


def with_translated_descriptions(organisations):
    """Give each organisation the description of its translation in the active language."""
    translations = dict(
        MemberOrganisation.objects.filter(
            locale__language_code=get_language(),
            translation_key__in=[organisation.translation_key for organisation in organisations],
        ).values_list("translation_key", "description")
    )
    for organisation in organisations:
        organisation.description = (
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
        endorsed = list(
            Page.objects.live()
            .public()
            .filter(
                locale__language_code=get_language(),
                translation_key__in=organisation.endorsements.values("page__translation_key"),
            )
            .order_by("-first_published_at")
        )
        statement_type, consultation_type = (
            ContentType.objects.get_for_model(model)
            for model in (PositionStatementPage, ConsultationResponsePage)
        )
        return self.render(
            request,
            template="positions/member_organisation_page.html",
            context_overrides={
                "page_title": organisation.name,
                "subpage_path": f"{organisation.slug}/",
                "organisation": organisation,
                "areas": Topic.objects.filter(
                    translation_key__in=organisation.areas.values("translation_key")
                ).localized(),
                "statements": [p for p in endorsed if p.content_type_id == statement_type.pk],
                "consultations": [p for p in endorsed if p.content_type_id == consultation_type.pk],
            },
        )
