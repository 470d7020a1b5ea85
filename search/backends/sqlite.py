"""Wagtail's SQLite search, with each page stemmed in its own language, as on PostgreSQL.

SQLite's full-text search (FTS5) has no stemmers: "förening" would not find "föreningarna". Here
titles and bodies are indexed as Snowball stems in the language of each object's locale, and
queries are stemmed in the reader's. It relies on modelsearch's SQLite backend: `ObjectIndexer`,
triggers copying `IndexEntry` into FTS5 (whose tokenizer folds "år" into "ar", so accents go in
as private-use characters), and `get_config()` reaching `build_search_query_content()`.
"""

import re
import unicodedata
from functools import cached_property

from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Locale

import snowballstemmer
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

# The languages of the text-search configurations in search.backends.postgres.
STEMMERS = {"sv": "swedish", "en": "english"}
# Letters, digits and accents, as FTS5's unicode61 tokenizer reads them; "_" separates words there.
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# unicode61 drops accents from Latin letters ("år", "är" and "ar" are one word to it, and so are
# "möte" and "mot"); a private-use character, to it a letter like any other, keeps them apart.
ACCENTS = {accent: 0xE000 + accent - 0x300 for accent in range(0x300, 0x370)}


def stemmer_language(language_code):
    return STEMMERS.get(language_code or settings.LANGUAGE_CODE)


def stems(text, language):
    """The words of `text` as the index holds them: lowercased, reduced to their stems in
    `language` (if known), and with their accents kept from FTS5.

    A stemmer keeps state while it works, so each call has its own: the server may be threaded.
    """
    words = WORD.findall(unicodedata.normalize("NFC", text).lower())
    if language:
        words = snowballstemmer.stemmer(language).stemWords(words)
    return [unicodedata.normalize("NFD", word).translate(ACCENTS) for word in words]


def stemmed_term(term, language):
    """One search term as its stems, kept one term ("e-post" is one term of two words, which
    FTS5 matches as a phrase); a term without letters or digits goes to FTS5 as upstream's does."""
    return "-".join(stems(term, language)) or term


class StemmedObjectIndexer(ObjectIndexer):
    def __init__(self, obj, backend, language):
        super().__init__(obj, backend)
        self.language = language

    @cached_property
    def title(self):
        return " ".join(stems(super().title, self.language))

    @cached_property
    def body(self):
        return " ".join(stems(super().body, self.language))


class StemmingIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """Upstream's add_items, with each object's title and body stemmed in its language."""
        if not model.get_search_fields():
            return
        objs = list(objs)
        language_of = self.languages(objs)
        indexers = [StemmedObjectIndexer(obj, self.backend, language_of(obj)) for obj in objs]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: {
                "title": indexer.title,
                "autocomplete": indexer.autocomplete,
                "body": indexer.body,
            }
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in indexed:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            self.entries.model(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()

    @staticmethod
    def languages(objs):
        """The stemmer language of each object, from its locale, with one query for them all."""
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        codes = dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
        return lambda obj: stemmer_language(codes.get(getattr(obj, "locale_id", None)))


class StemmingQueryCompiler(SQLiteSearchQueryCompiler):
    def get_config(self, backend):
        # Upstream's SQLite backend has no config; here it is the language to stem the query in.
        return stemmer_language(get_language())

    def build_search_query_content(self, query, config=None):
        # And, Or and AndNot come back here for each of their parts.
        if isinstance(query, PlainText):
            terms = [stemmed_term(term, config) for term in query.query_string.split()]
            query = PlainText(" ".join(terms), operator=query.operator, boost=query.boost)
        elif isinstance(query, Phrase):
            query = Phrase(" ".join(stems(query.query_string, config)) or query.query_string)
        return super().build_search_query_content(query, config=config)


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = StemmingIndex
    query_compiler_class = StemmingQueryCompiler
    # autocomplete_query_compiler_class stays upstream's: it matches unstemmed prefixes.


SearchBackend = StemmingSQLiteSearchBackend
