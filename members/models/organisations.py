from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models.mixins import LocaleConstraintsMixin, in_default_locale
from home.models.places import Municipality
from members.validators import validate_organisation_number


class MemberOrganisationQuerySet(models.QuerySet):
    def canonical(self):
        """The Swedish rows, which hold membership and endorsements; translations hold text."""
        return self.filter(in_default_locale())

    def active(self):
        return self.canonical().filter(active=True)


class MemberOrganisation(
    LocaleConstraintsMixin, TranslatableMixin, index.Indexed, ClusterableModel
):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"), max_length=150, help_text=_("Used in the address of the organisation's page.")
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        validators=[validate_organisation_number],
        help_text=_("Ten digits, NNNNNN-NNNN."),
    )
    municipality = models.CharField(_("municipality"), max_length=20, choices=Municipality.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), max_length=1500, blank=True)
    areas = ParentalManyToManyField(
        "home.Topic",
        verbose_name=_("areas of activity"),
        blank=True,
        related_name="member_organisations",
        limit_choices_to=in_default_locale,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active members vote and are listed.")
    )

    objects = MemberOrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("organisation_number"),
        FieldPanel("municipality"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        # Who may vote is decided by administrators alone; editors keep the descriptions.
        MultiFieldPanel(
            [
                FieldPanel("member_since", permission="members.manage_membership"),
                FieldPanel("active", permission="members.manage_membership"),
            ],
            heading=_("Membership"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("active"),
        index.FilterField("municipality"),
        index.FilterField("locale"),
        index.FilterField("id"),
    ]
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("slug"),
        SynchronizedField("organisation_number"),
        SynchronizedField("municipality"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
        SynchronizedField("member_since"),
        SynchronizedField("active"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]
        permissions = [("manage_membership", _("Can change who is a member"))]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "organisation_number"],
                name="unique_organisation_number_per_locale",
                violation_error_message=_(
                    "There is already a member organisation with this organisation number."
                ),
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="unique_organisation_slug_per_locale",
                violation_error_message=_("There is already a member organisation with this slug."),
            ),
        ]

    def __str__(self):
        return self.name


class Representative(models.Model):
    """A member organisation's representative: a user who votes on its behalf."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="representative",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.CASCADE,
        related_name="representatives",
        limit_choices_to=in_default_locale,
    )

    panels = [FieldPanel("user"), FieldPanel("organisation")]

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.organisation})"

    @classmethod
    def voting_organisation(cls, user):
        """The active member organisation `user` votes for, or None; remembered per user object."""
        if not hasattr(user, "_voting_organisation"):
            user._voting_organisation = (
                MemberOrganisation.objects.active().filter(representatives__user=user).first()
                if user.is_authenticated
                else None
            )
        return user._voting_organisation
