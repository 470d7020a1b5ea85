"""The site search at /sok/ and /en/search/: published pages and members, in the reader's language."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from home.core.listing import chosen
from home.core.navigation import LanguageLink, site_chrome
from home.core.search_terms import MAX_CHARACTERS, MAX_WORDS, search_terms

from .hits import CONTENT_TYPES, Hit
from .queries import SiteSearch

PER_PAGE = 10


@dataclass(frozen=True)
class CountedType:
    key: str
    label: str
    count: int


def search(request):
    terms = search_terms(request.GET.get("q", ""))
    chrome = site_chrome(request)
    topics = chrome.topics if chrome else ()
    content_type = chosen(request, "type", {kind.key: kind for kind in CONTENT_TYPES})
    topic = chosen(request, "topic", {topic.slug: topic for topic in topics})
    context = {
        "page_title": translation.gettext("Search"),
        "terms": terms,
        "max_characters": MAX_CHARACTERS,
        "max_words": MAX_WORDS,
        "active_type": content_type,
        "active_topic": topic,
        "language_links": search_language_links(request.GET.get("q", "")),
        "listings": chrome.menu if chrome else (),
    }
    if terms:
        site_search = SiteSearch(terms.text, topic=topic)
        results = site_search.results(content_type)
        # Any page number shows a page of results: the first for nonsense, the last beyond the end.
        hits = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
        type_counts = site_search.type_counts()
        context |= {
            "hits": hits,
            "hit_list": [Hit.of(item, request) for item in site_search.specific(hits)],
            "total": hits.paginator.count,
            "any_results": any(type_counts.values()),
            "content_types": [
                CountedType(kind.key, kind.label, type_counts[kind.key]) for kind in CONTENT_TYPES
            ],
            "topic_counts": site_search.topic_counts(topics),
        }
    return TemplateResponse(request, "search/search.html", context)


def search_language_links(query):
    """The search page in each language, asking the same question."""
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search")
        if query:
            url += "?" + urlencode({"q": query[:MAX_CHARACTERS]})
        links.append(LanguageLink(code, name, url, code == current, is_translation=True))
    return links
