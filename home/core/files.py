"""Which uploaded files the public may reach: those a live, public page uses.

Wagtail's reference index says what refers to what, in a field, a StreamField block or rich
text. It is built from the page rows, which hold the published version, so a file chosen only in
a draft or in a revision under review is not public until that version is published. An app
above this one may name files that a live page shows from outside its fields (a consultation
response's generated package) with `also_public`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast

from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex


def restricted_collections():
    """Collections with a view restriction, and the collections within them, whoever asks."""
    within = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        within |= Q(path__startswith=path)
    return Collection.objects.filter(within) if within else Collection.objects.none()


def referenced_by(pages, model):
    """The primary keys of the `model` objects that `pages` refer to."""
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=pages.values_list(Cast("pk", CharField()), flat=True),
        to_content_type=ContentType.objects.get_for_model(model),
    ).values_list(Cast("to_object_id", IntegerField()), flat=True)


_shown_by_pages = []


def also_public(shown):
    """Register `shown(model, pages)`: the primary keys of the `model` objects that `pages` show
    without referring to them in a field."""
    _shown_by_pages.append(shown)


def used_by(pages, model):
    """The `model` objects that `pages` refer to or show."""
    used = Q(pk__in=referenced_by(pages, model))
    for shown in _shown_by_pages:
        used |= Q(pk__in=shown(model, pages))
    return model.objects.filter(used)


def is_published(file) -> bool:
    """Whether a live page outside private sections uses `file`."""
    return used_by(Page.objects.live().public(), type(file)).filter(pk=file.pk).exists()


def uses(instance, file) -> bool:
    """Whether `instance` refers to `file`, as a revision holds it (`revision.as_object()`).

    The reference index covers saved rows only, so a revision is scanned the way Wagtail scans an
    object to index it: its fields, StreamField blocks, rich text and child objects.
    """
    content_type = ContentType.objects.get_for_model(type(file)).pk
    return any(
        (to_content_type, to_object_id) == (content_type, str(file.pk))
        for to_content_type, to_object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(instance)
        )
    )
