from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from home.core.api import ListingField
from home.core.publication import can_publish, editorial_refusal
from home.models.mixins import in_default_locale
from member_review.models import (
    MemberReviewTaskState,
    is_adopted,
    published_separate_statements,
    running_reviews_of,
)
from member_review.panels import MemberReviewPanel
from member_review.restart import restart_review_on_new_revision
from members.models import MemberOrganisation


class Endorsement(models.Model):
    """A member organisation stands behind a page, as it read in one revision.

    Endorsements belong to the Swedish page, which the members adopt; a translation shows its
    source's endorsements.
    """

    # What the members adopted stays on record: nothing deletes it along with a page or member.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.PROTECT,
        related_name="endorsements",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
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


class Adoption(models.Model):
    """The member review that adopted a page's current text: how many endorsed, of how many."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.PROTECT,
        related_name="adoption",
    )
    task_state = models.ForeignKey(
        MemberReviewTaskState,
        verbose_name=_("member review"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    endorse = models.PositiveIntegerField(_("endorsing organisations"))
    eligible = models.PositiveIntegerField(_("organisations that could vote"))
    adopted_at = models.DateTimeField(_("adopted at"))

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self):
        return f"{self.page}: {self.endorse}/{self.eligible}"


def endorsing_organisations(translation_keys):
    """Who stands behind pages: the active member organisations that endorse the pages with
    these translation keys. Endorsements belong to the Swedish page, and its translations share
    its key. The one definition, for the page, the feeds and the API; the member pages read it
    the other way round, through `endorsed_by`."""
    return (
        MemberOrganisation.objects.active()
        .filter(endorsements__page__translation_key__in=translation_keys)
        .distinct()
    )


def endorsers_by_translation_key(pages):
    """`endorsing_organisations` of many pages in one query: translation key → organisations."""
    organisations = (
        endorsing_organisations({page.translation_key for page in pages})
        .annotate(endorsed_key=models.F("endorsements__page__translation_key"))
        .order_by("name", "slug")
    )
    endorsers = {page.translation_key: [] for page in pages}
    for organisation in organisations:
        endorsers[organisation.endorsed_key].append(organisation)
    return endorsers


class SeparateStatementsField(ListingField):
    """The API's `separate_statements`: each page's published separate statements."""

    def values_for(self, pages):
        statements = {page.translation_key: [] for page in pages}
        keys = list(statements)
        for statement in published_separate_statements(keys).annotate(
            key=models.F("page__translation_key")
        ):
            statements[statement.key].append(
                {"organisation": statement.organisation.name, "text": statement.text}
            )
        return {page.pk: statements[page.translation_key] for page in pages}


class EndorsingOrganisationsField(ListingField):
    """The API's `endorsing_organisations`: each page's endorsers by name and slug."""

    def values_for(self, pages):
        endorsers = endorsers_by_translation_key(pages)
        return {
            page.pk: [
                {"name": organisation.name, "slug": organisation.slug}
                for organisation in endorsers[page.translation_key]
            ]
            for page in pages
        }


def endorsed_by(organisation):
    """The translation keys of the pages `organisation` endorses (shown while it is active)."""
    return Endorsement.objects.filter(organisation=organisation).values("page__translation_key")


def endorser_count():
    """An annotation: how many organisations endorsed each page (or its source) when the members
    adopted it; for a page loaded without a member review, how many active ones endorse it."""
    return Coalesce(
        Subquery(
            Adoption.objects.filter(page__translation_key=OuterRef("translation_key")).values(
                "endorse"
            )[:1],
            output_field=models.IntegerField(),
        ),
        Subquery(
            Endorsement.objects.filter(
                page__translation_key=OuterRef("translation_key"), organisation__active=True
            )
            .values("page__translation_key")
            .annotate(count=Count("organisation", distinct=True))
            .values("count"),
            output_field=models.IntegerField(),
        ),
    )


def electorate_size():
    """An annotation: how many organisations could vote when each page (or its source) was
    adopted; None for pages loaded without a member review."""
    return Subquery(
        Adoption.objects.filter(page__translation_key=OuterRef("translation_key")).values(
            "eligible"
        )[:1],
        output_field=models.IntegerField(),
    )


class EndorsedPageMixin(models.Model):
    """A page that member organisations endorse: statements and consultation responses."""

    review_panels = [MemberReviewPanel()]

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Written in Swedish only: English versions are made by translating the Swedish one."""
        return super().can_create_at(parent) and parent.locale_id == Locale.get_default().pk

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        restart_review_on_new_revision(self, revision)
        return revision

    def can_move_to(self, parent):
        return super().can_move_to(parent) and parent.locale_id == self.locale_id

    @classmethod
    def deletion_refusal(cls, page, actor):
        """Editors cannot delete a text the members are voting on; administrators can."""
        if can_publish(page, actor) or not running_reviews_of(page).exists():
            return None
        return gettext(
            "“%(title)s” is in member review and cannot be deleted. An administrator can delete it."
        ) % {"title": page.title}

    @classmethod
    def publication_refusal(cls, page, actor, previous=None):
        """The members' rule (see `home.core.publication`): the Swedish page goes live only in the
        revision its latest approved member review adopted; a translation only while that
        Swedish page is live so, and after its own editorial step."""
        default_locale = Locale.get_default()
        if page.locale_id == default_locale.pk:
            if page.alias_of_id:
                return gettext(
                    "“%(title)s” cannot be an alias of another page: a statement or consultation "
                    "response is published only as the text its member organisations adopted."
                ) % {"title": page.title}
            if not is_adopted(page, page.live_revision_id):
                return gettext(
                    "“%(title)s” was not published: a statement or consultation response goes "
                    "live only in the version its member organisations adopted in a member review."
                ) % {"title": page.title}
            return None
        source = Page.objects.filter(
            translation_key=page.translation_key, locale=default_locale
        ).first()
        if source is None or not source.live or not is_adopted(source, source.live_revision_id):
            return gettext(
                "“%(title)s” was not published: a translation goes live only once the member "
                "organisations have adopted the Swedish text it translates."
            ) % {"title": page.title}
        return editorial_refusal(page, actor, previous)

    def preview_notice(self):
        """What the banner of a preview says while the members review the text (otherwise
        templates/base.html says that the version is not published)."""
        if running_reviews_of(self).exists():
            return gettext(
                "Preview: the member organisations are reviewing this text; it is not published."
            )
        return None

    def endorsing_organisations(self):
        """The active organisations that endorse this page or its source, each once."""
        logos = get_image_model().objects.prefetch_renditions()
        return (
            endorsing_organisations([self.translation_key])
            .prefetch_related(models.Prefetch("logo", queryset=logos))
            .order_by("name")
        )

    def separate_statements(self):
        """The separate statements published beside this page or its source."""
        return published_separate_statements([self.translation_key])

    def endorsement_summary(self):
        """The member review's result, "N of M", as recorded when the members adopted it (for a
        page loaded without one: the active endorsers and members now), and the endorsing
        organisations that are members today."""
        organisations = list(self.endorsing_organisations())
        adoption = Adoption.objects.filter(page__translation_key=self.translation_key).first()
        if adoption is None:
            count, member_count = len(organisations), MemberOrganisation.objects.active().count()
        else:
            count, member_count = adoption.endorse, adoption.eligible
        return {"organisations": organisations, "count": count, "member_count": member_count}
