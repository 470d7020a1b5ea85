"""One search of the site: its results, and how many there are of each type and topic.

The number of database queries is the same for ten hits as for ten thousand: counts come from
grouped queries over the whole set of matches, never from the hits one by one.
"""

from collections import Counter
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from members.models import MemberOrganisation

from .hits import MEMBERS, PAGE_TYPES

PAGE_MODELS = tuple(model for kind in PAGE_TYPES for model in kind.models)
TOPIC_RELATIONS = tuple(model for model in PAGE_MODELS if hasattr(model, "topics"))


def all_matches(results):
    """Every match of a Wagtail search as a queryset, built as Wagtail's own facet() builds it."""
    compiler = results.query_compiler
    return compiler.search(compiler.get_config(results.backend), None, None)


def topic_tally(field, match_ids):
    """Matches per topic translation key, counted through `field`, a many-to-many to topics."""
    topic_key = f"{field.m2m_reverse_field_name()}__translation_key"
    rows = (
        field.remote_field.through.objects.filter(**{f"{field.m2m_field_name()}_id__in": match_ids})
        .values(topic_key)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row[topic_key]: row["n"] for row in rows}


class MembersThenPages:
    """Matching members and pages as one list for the paginator, which slices it.

    Members come first: they are few, and whoever types an organisation's name expects it at the
    top rather than after every page that mentions it. A slice asks each part only for its share.
    """

    def __init__(self, members, pages):
        self.parts = (members, pages)

    def count(self):
        return sum(part.count() for part in self.parts)

    def __getitem__(self, window):
        items, offset = [], 0
        for part in self.parts:
            size = part.count()
            start, stop = max(window.start - offset, 0), min(window.stop - offset, size)
            if start < stop:
                items.extend(part[start:stop])
            offset += size
        return items


class SiteSearch:
    def __init__(self, text, topic=None):
        self.text = text
        self.locale = Locale.get_active()
        self.topic = topic

    def pages(self, content_type=None):
        pages = Page.objects.live().public().filter(locale=self.locale).type(*PAGE_MODELS)
        if content_type is not None:
            pages = pages.type(*content_type.models)
        if self.topic is not None:
            pages = pages.filter(id__in=self.page_ids_with_topic(self.topic))
        return pages.search(self.text, operator="and")

    @cached_property
    def members(self):
        members = MemberOrganisation.objects.filter(locale=self.locale, active=True)
        if self.topic is not None:
            members = members.filter(
                id__in=MemberOrganisation.objects.filter(
                    areas__translation_key=self.topic.translation_key
                ).values("id")
            )
        return get_search_backend().search(self.text, members, operator="and")

    def results(self, content_type=None):
        if content_type == MEMBERS:
            return self.members
        if content_type is None:
            return MembersThenPages(self.members, self.pages())
        return self.pages(content_type)

    def specific(self, hits):
        """The hits on one results page as their own types, in the order of relevance.

        One query per page model, whichever types are on this page, so that every page of
        results costs the same.
        """
        items = list(hits.object_list)
        page_ids = [item.pk for item in items if isinstance(item, Page)]
        specific = {
            page.pk: page for model in PAGE_MODELS for page in model.objects.filter(pk__in=page_ids)
        }
        return [specific.get(item.pk, item) if isinstance(item, Page) else item for item in items]

    def type_counts(self):
        counts = self.pages().facet("content_type_id")
        by_content_type = {
            kind.key: sum(
                counts.get(ContentType.objects.get_for_model(model).pk, 0) for model in kind.models
            )
            for kind in PAGE_TYPES
        }
        return {**by_content_type, MEMBERS.key: self.members.count()}

    def topic_counts(self, topics):
        """Matches per topic, counted over every match of the search whatever topic is chosen."""
        unfiltered = SiteSearch(self.text)
        page_ids = all_matches(unfiltered.pages()).order_by().values("pk")
        member_ids = all_matches(unfiltered.members).order_by().values("pk")
        counts = Counter()
        for model in TOPIC_RELATIONS:
            counts.update(topic_tally(model._meta.get_field("topics"), page_ids))
        counts.update(topic_tally(MemberOrganisation._meta.get_field("areas"), member_ids))
        return [(topic, counts[topic.translation_key]) for topic in topics]

    def page_ids_with_topic(self, topic):
        tagged = Q()
        for model in TOPIC_RELATIONS:
            tagged |= Q(
                **{f"{model._meta.model_name}__topics__translation_key": topic.translation_key}
            )
        return Page.objects.filter(tagged).values("pk")
