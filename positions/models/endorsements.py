from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model

from home.models.mixins import in_default_locale
from positions.review.panels import MemberReviewPanel

from .organisations import MemberOrganisation


class Endorsement(models.Model):
    """A member organisation stands behind a page, as it read in one revision.

    Endorsements belong to the Swedish page, which the members adopt; a translation shows its
    source's endorsements.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.CASCADE,
        related_name="endorsements",
        limit_choices_to=in_default_locale,
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(_("endorsed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organisation"], name="one_endorsement_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.page}"


def endorser_count():
    """An annotation: how many active organisations endorse each page of a queryset."""
    return Subquery(
        Endorsement.objects.filter(page__translation_key=OuterRef("translation_key"))
        .values("page__translation_key")
        .filter(organisation__active=True)
        .annotate(count=Count("organisation", distinct=True))
        .values("count"),
        output_field=models.IntegerField(),
    )


class EndorsedPageMixin(models.Model):
    """A page that member organisations endorse: statements and consultation responses."""

    review_panels = [MemberReviewPanel()]

    class Meta:
        abstract = True

    def endorsing_organisations(self):
        """The active organisations that endorse this page or its source, each once."""
        logos = get_image_model().objects.prefetch_renditions()
        return (
            MemberOrganisation.objects.active()
            .filter(endorsements__page__translation_key=self.translation_key)
            .prefetch_related(models.Prefetch("logo", queryset=logos))
            .distinct()
            .order_by("name")
        )

    def endorsement_summary(self):
        """The endorsing organisations and the number of active members, for the public page."""
        return {
            "organisations": list(self.endorsing_organisations()),
            "member_count": MemberOrganisation.objects.active().count(),
        }
