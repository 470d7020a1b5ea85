"""What a reader typed, made into words the search can use, whatever arrived."""

import re
from dataclasses import dataclass

MAX_CHARACTERS = 200
MAX_WORDS = 12
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchTerms:
    words: tuple[str, ...]
    shortened: bool

    @property
    def text(self):
        return " ".join(self.words)

    def __bool__(self):
        return bool(self.words)


def search_terms(raw):
    """The words of `raw`: letters and digits only, so no query syntax or control character
    reaches the database, and no more than the search can answer quickly."""
    raw = raw or ""
    words = WORD.findall(raw[:MAX_CHARACTERS])
    shortened = len(raw) > MAX_CHARACTERS or len(words) > MAX_WORDS
    return SearchTerms(words=tuple(words[:MAX_WORDS]), shortened=shortened)
