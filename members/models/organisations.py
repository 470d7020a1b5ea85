from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models.mixins import LocaleConstraintsMixin, in_default_locale
from home.models.places import Municipality
from members.forms import MemberOrganisationForm
from members.validators import validate_organisation_number

from .competences import Competence


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    STUDY_ASSOCIATION = "study-association", _("Study association")
    FAITH_COMMUNITY = "faith-community", _("Faith community")
    SOCIAL_ENTERPRISE = "social-enterprise", _("Social enterprise")
    OTHER = "other", _("Other non-profit organisation")


class Capacity(models.TextChoices):
    NOT_NOW = "not-now", _("Not able to take part right now")
    SMALL = "small", _("Can take part in smaller efforts")
    LARGE = "large", _("Can take part in larger efforts or lead them")


class MemberOrganisationQuerySet(models.QuerySet):
    def canonical(self):
        """The Swedish rows, which hold membership and endorsements; translations hold text."""
        return self.filter(in_default_locale())

    def active(self):
        return self.canonical().filter(active=True)

    def matching(self, competences=(), kinds=(), municipalities=()):
        """The active organisations that hold every one of `competences`, are of one of `kinds`
        and work in at least one of `municipalities`; an empty criterion does not narrow.

        `competences` are Competence rows in any language (a list or a queryset), matched by
        translation key. An organisation works in its own municipality and those of its reach;
        one whose own municipality or reach is the whole county works in every municipality.
        Asking for the whole county finds those that work across it.
        """
        organisations = self.active()
        if isinstance(competences, models.Manager):
            competences = competences.all()
        if not isinstance(competences, models.QuerySet):
            competences = list(competences)
            if competences:
                competences = Competence.objects.filter(pk__in=[c.pk for c in competences])
        if isinstance(competences, models.QuerySet):
            # No competence asked for that the organisation lacks.
            held = Competence.objects.filter(
                member_organisations=OuterRef(OuterRef("pk")),
                translation_key=OuterRef("translation_key"),
            )
            organisations = organisations.filter(~Exists(competences.filter(~Exists(held))))
        kinds = list(kinds)
        if kinds:
            organisations = organisations.filter(kind__in=kinds)
        municipalities = list(municipalities)
        if municipalities:
            places = {*municipalities, Municipality.WHOLE_COUNTY}
            organisations = organisations.filter(
                Q(municipality__in=places)
                | Exists(
                    OrganisationReach.objects.filter(
                        organisation=OuterRef("pk"), municipality__in=places
                    )
                )
            )
        return organisations


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
    kind = models.CharField(
        _("kind of organisation"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.ASSOCIATION,
    )
    competences = ParentalManyToManyField(
        Competence,
        verbose_name=_("competences"),
        blank=True,
        related_name="member_organisations",
        limit_choices_to=in_default_locale,
    )
    capacity = models.CharField(
        _("capacity to take part"),
        max_length=20,
        choices=Capacity.choices,
        blank=True,
        help_text=_("Whether the organisation can take part in the region's development work."),
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
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
                FieldPanel(MemberOrganisationForm.REACH),
                FieldPanel("capacity", widget=forms.RadioSelect),
            ],
            heading=_("Competences"),
        ),
    ]
    base_form_class = MemberOrganisationForm
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
        # The competences are facts about the organisation, the same in every language.
        SynchronizedField("kind"),
        SynchronizedField("competences"),
        SynchronizedField("reach"),
        SynchronizedField("capacity"),
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

    def set_reach(self, municipalities):
        """Make `municipalities` (codes) the organisation's reach, saved when the organisation is.

        Its own municipality goes without saying and is left out.
        """
        kept = {place.municipality: place for place in self.reach.all()}
        self.reach = [
            kept.get(code) or OrganisationReach(municipality=code)
            for code in dict.fromkeys(municipalities)
            if code != self.municipality
        ]

    def share_competences_with_translations(self):
        """Give the translations this organisation's competence fields, which are the same in
        every language (SynchronizedField, as wagtail-localize copies them when it syncs)."""
        competences = list(self.competences.all())
        reach = [place.municipality for place in self.reach.all()]
        for translation in self.get_translations():
            translation.kind = self.kind
            translation.capacity = self.capacity
            translation.competences = competences
            translation.set_reach(reach)
            translation.save()


class OrganisationReach(models.Model):
    """A municipality a member organisation works in beyond its own."""

    organisation = ParentalKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.CASCADE,
        related_name="reach",
    )
    municipality = models.CharField(_("municipality"), max_length=20, choices=Municipality.choices)

    class Meta:
        verbose_name = _("municipality the organisation works in")
        verbose_name_plural = _("municipalities the organisation works in")
        ordering = ["municipality"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "municipality"], name="unique_reach_per_organisation"
            )
        ]

    def __str__(self):
        return self.get_municipality_display()


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
