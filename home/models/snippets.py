from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.core.translations import one_per_translation, reader_languages

from .mixins import LocaleConstraintsMixin


class TopicQuerySet(models.QuerySet):
    def localized_list(self):
        """A sorted list with one topic per translation key, in the reader's language if possible."""
        topics = self.filter(locale__language_code__in=reader_languages()).select_related("locale")
        return sorted(one_per_translation(topics), key=lambda topic: topic.name)


class Topic(LocaleConstraintsMixin, TranslatableMixin, index.Indexed, models.Model):
    """A subject area (sakområde) that news, statements and members are tagged with."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in addresses, e.g. ?topic=folkhalsa."),
    )

    objects = TopicQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="unique_topic_slug_per_locale",
                violation_error_message=_("There is already a topic with this slug."),
            )
        ]

    def __str__(self):
        return self.name


class ContactPerson(index.Indexed, models.Model):
    """A person the press and the public can contact.

    Kept in one place, so that one edit or deletion reaches every page that names the person.
    """

    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.organisation}" if self.organisation else self.name
