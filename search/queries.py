"""One search of the site: its results, and how many there are of each type and topic.

The number of database queries is the same for ten hits as for ten thousand: counts come from
grouped queries over the whole set of matches, never from the hits one by one.
"""

from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from positions.models import MemberOrganisation

from .hits import MEMBERS, PAGE_TYPES

TOPIC_RELATIONS = tuple(kind.model for kind in PAGE_TYPES if hasattr(kind.model, "topics"))


def all_matches(results):
    """Every match of a Wagtail search as a queryset, built as Wagtail's own facet() builds it."""
    compiler = results.query_compiler
    return compiler.search(compiler.get_config(results.backend), None, None)


class SiteSearch:
    def __init__(self, text, topic=None):
        self.text = text
        self.locale = Locale.get_active()
        self.topic = topic

    def pages(self, content_type=None):
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=self.locale)
            .type(*[kind.model for kind in PAGE_TYPES])
        )
        if content_type is not None:
            pages = pages.type(content_type.model)
        if self.topic is not None:
            pages = pages.filter(id__in=self.page_ids_with_topic(self.topic))
        return pages.search(self.text, operator="and")

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
            return self.members()
        return self.pages(content_type)

    def specific(self, hits):
        """The hits on one results page as their own types, in the order of relevance."""
        items = list(hits.object_list)
        page_ids = [item.pk for item in items if isinstance(item, Page)]
        if not page_ids:
            return items
        specific = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
        return [specific.get(item.pk, item) if isinstance(item, Page) else item for item in items]

    @cached_property
    def member_count(self):
        return self.members().count()

    def type_counts(self):
        counts = self.pages().facet("content_type_id")
        by_content_type = {
            kind.key: counts.get(ContentType.objects.get_for_model(kind.model).pk, 0)
            for kind in PAGE_TYPES
        }
        return {**by_content_type, MEMBERS.key: self.member_count}

    def topic_counts(self, topics):
        """Matches per topic, counted over every match of the search whatever topic is chosen."""
        unfiltered = SiteSearch(self.text)
        match_ids = all_matches(unfiltered.pages()).order_by().values("pk")
        counts = {}
        for model in TOPIC_RELATIONS:
            field = model._meta.get_field("topics")
            through = field.remote_field.through
            rows = (
                through.objects.filter(**{f"{field.m2m_field_name()}_id__in": match_ids})
                .values(f"{field.m2m_reverse_field_name()}__translation_key")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                key = row[f"{field.m2m_reverse_field_name()}__translation_key"]
                counts[key] = counts.get(key, 0) + row["n"]
        return [(topic, counts.get(topic.translation_key, 0)) for topic in topics]

    def page_ids_with_topic(self, topic):
        tagged = Q()
        for model in TOPIC_RELATIONS:
            tagged |= Q(
                **{f"{model._meta.model_name}__topics__translation_key": topic.translation_key}
            )
        return Page.objects.filter(tagged).values("pk")
