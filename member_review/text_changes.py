"""What changed in a text under review since its published version, word by word, for readers
outside the admin (the admin's review screen uses Wagtail's own revision comparison)."""

import difflib
from dataclasses import dataclass

from django.utils.html import strip_tags

COMPARED_FIELDS = ("title", "summary", "body")


@dataclass(frozen=True)
class Piece:
    """A run of words that is "same", "removed" or "added"."""

    kind: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    pieces: list


def plain_words(value):
    # A StreamField renders as HTML; the reader compares the words, not the markup.
    return strip_tags(str(value or "")).split()


def word_diff(old, new):
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(Piece("same", " ".join(old[old_start:old_end])))
            continue
        if old_start < old_end:
            pieces.append(Piece("removed", " ".join(old[old_start:old_end])))
        if new_start < new_end:
            pieces.append(Piece("added", " ".join(new[new_start:new_end])))
    return pieces


def changes_since_published(page, reviewed):
    """The fields of `reviewed` (a revision's page) that differ from the live `page`, or None when
    nothing is published to compare with."""
    if not page.live:
        return None
    live = page.live_revision.as_object() if page.live_revision else page
    changes = []
    for name in COMPARED_FIELDS:
        if not hasattr(reviewed, name):
            continue
        old, new = plain_words(getattr(live, name)), plain_words(getattr(reviewed, name))
        if old != new:
            label = type(page)._meta.get_field(name).verbose_name
            changes.append(FieldChange(str(label).capitalize(), word_diff(old, new)))
    return changes
