from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail_localize.fields import SynchronizedField

# About as much as search engines show of a description.
META_DESCRIPTION_LENGTH = 160


def in_default_locale():
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class LocaleConstraintsMixin:
    """Checks unique constraints that include the locale, which admin forms leave out.

    Django skips constraints on fields missing from a form, so a duplicate would otherwise reach
    the database as an IntegrityError instead of a message to the editor.
    """

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) - {"locale"})


def shortened(text, length=META_DESCRIPTION_LENGTH):
    """`text` on one line, cut after the last whole word that fits in `length` characters with an
    ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= length:
        return text
    room = length - 1
    cut = text[:room]
    if text[room] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–—-") + "…"


class ShareImageMixin(models.Model):
    """An image for link previews (Open Graph), chosen among the promote fields, and the page's
    description for search engines and link previews.

    Every page model names the field that sums it up in `meta_description_field` (its summary or
    introduction, plain or rich text); a test holds every page model to it.
    """

    meta_description_field = None

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        help_text=_("Shown when the page is shared on social media. At least 1200 × 630 pixels."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]

    class Meta:
        abstract = True

    def meta_description(self):
        """The promote tab's search description if the editor wrote one, else the text of
        `meta_description_field`, shortened (`shortened`)."""
        return shortened(self.search_description or self.summary_text())

    def summary_text(self):
        if not self.meta_description_field:
            return ""
        value = getattr(self, self.meta_description_field) or ""
        if isinstance(self._meta.get_field(self.meta_description_field), RichTextField):
            return get_text_for_indexing(value)
        return value


class TopicsMixin(models.Model):
    """Topics are chosen among the Swedish ones and shown in the reader's language."""

    topics = ParentalManyToManyField(
        "home.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        limit_choices_to=in_default_locale,
    )

    topic_panels = [FieldPanel("topics", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        abstract = True

    def localized_topics(self):
        from home.models import Topic

        keys = [topic.translation_key for topic in self.topics.all()]
        return Topic.objects.filter(translation_key__in=keys).localized_list()


# wagtail-localize leaves many-to-many fields out of a translation unless told to keep them in
# sync; pages with topics and contact persons name these in `override_translatable_fields`.
SYNCHRONIZED_RELATIONS = [SynchronizedField("topics"), SynchronizedField("contact_persons")]


class ContactPersonsMixin(models.Model):
    contact_persons = ParentalManyToManyField(
        "home.ContactPerson",
        verbose_name=_("contact persons"),
        blank=True,
        related_name="+",
    )

    contact_panels = [FieldPanel("contact_persons", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        abstract = True
