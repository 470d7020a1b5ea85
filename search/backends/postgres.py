"""Wagtail's PostgreSQL search, with each page stemmed in its own language.

PostgreSQL's full-text search reduces words to stems by a text-search configuration, one per
language: `swedish` finds "organisation" when asked for "organisationerna". Wagtail's backend
takes one configuration for everything; this one indexes each object with the configuration
of its locale and searches with the configuration of the reader's language.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import get_language

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

TEXT_SEARCH_CONFIGS = {"sv": "swedish", "en": "english"}


def text_search_config(language_code):
    return TEXT_SEARCH_CONFIGS.get(language_code or settings.LANGUAGE_CODE, "simple")


def language_of(obj):
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else settings.LANGUAGE_CODE


class LocalisedIndex(PostgresIndex):
    def add_items(self, model, objs):
        by_language = defaultdict(list)
        for obj in objs:
            by_language[language_of(obj)].append(obj)
        # Wagtail's indexer reads the configuration from the backend, which is made for this
        # one indexing call (get_search_backend() builds a new one each time).
        default = self.backend.config
        try:
            for language_code, group in by_language.items():
                self.backend.config = text_search_config(language_code)
                super().add_items(model, group)
        finally:
            self.backend.config = default


class LocalisedQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return text_search_config(get_language())


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedIndex
    query_compiler_class = LocalisedQueryCompiler


SearchBackend = LocalisedPostgresSearchBackend
