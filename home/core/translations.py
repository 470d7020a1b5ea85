"""Choosing, among the translations of something, the one a reader of the active language gets."""

from django.conf import settings
from django.utils.translation import get_language


def reader_languages():
    return {get_language(), settings.LANGUAGE_CODE}


def one_per_translation(items):
    """One item per translation key: in the active language where it exists, else the default.

    `items` should be limited to `reader_languages()` and have their locale selected.
    """
    active = get_language()
    chosen = {}
    for item in items:
        if item.translation_key not in chosen or item.locale.language_code == active:
            chosen[item.translation_key] = item
    return list(chosen.values())


def in_active_language(objects):
    """The first of `objects` in the active language, else in the default language, else None."""
    by_language = {item.locale.language_code: item for item in objects.select_related("locale")}
    return by_language.get(get_language()) or by_language.get(settings.LANGUAGE_CODE)
