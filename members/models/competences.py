from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.core.translations import one_per_translation, reader_languages
from home.models.mixins import LocaleConstraintsMixin


class CompetenceKind(models.TextChoices):
    TARGET_GROUP = "target-group", _("Target group")
    LANGUAGE = "language", _("Language")
    METHOD = "method", _("Method")


class CompetenceQuerySet(models.QuerySet):
    def localized_list(self):
        """A list sorted by name with one competence per translation key, in the reader's
        language if possible."""
        competences = self.filter(locale__language_code__in=reader_languages()).select_related(
            "locale"
        )
        return sorted(one_per_translation(competences), key=lambda competence: competence.name)


class Competence(LocaleConstraintsMixin, TranslatableMixin, index.Indexed, models.Model):
    """Something a member organisation knows or does: a target group it reaches, a language it
    works in, a method it uses. Organisations choose among the Swedish ones."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in addresses, e.g. ?language=arabiska."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CompetenceKind.choices)

    objects = CompetenceQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="unique_competence_slug_per_locale",
                violation_error_message=_("There is already a competence with this slug."),
            )
        ]

    def __str__(self):
        return self.name
