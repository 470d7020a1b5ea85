"""Fields of the open-data API (`idekammare/api.py`) that the page models of every app share."""

from operator import attrgetter

from django.db.models import prefetch_related_objects

from rest_framework import serializers

from home.models.snippets import Topic


class NameAndSlugSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)


class ListingField(serializers.Field):
    """A read-only field whose values a listing loads for all its pages at once, not page by page.

    Subclasses give `values_for(pages)`: a dict from the primary key of each page to its value.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)
        # DRF copies the declared fields for each serializer, so this lasts one response.
        self.loaded = {}

    def get_attribute(self, page):
        return page

    def to_representation(self, page):
        if page.pk not in self.loaded:
            self.loaded.update(self.values_for(self.pages_serialized_with(page)))
        return self.loaded[page.pk]

    def pages_serialized_with(self, page):
        """The page, and in a listing every page of it: the root serializer holds them all."""
        listing = self.root.instance if isinstance(self.root, serializers.ListSerializer) else None
        return list({page, *(listing or ())})


class TopicsField(ListingField):
    """The page's topics by name and slug, in the page's language where the topic is translated."""

    def values_for(self, pages):
        prefetch_related_objects(pages, "topics")
        keys = {topic.translation_key for page in pages for topic in page.topics.all()}
        translations = {
            (topic.translation_key, topic.locale_id): topic
            for topic in Topic.objects.filter(translation_key__in=keys)
        }
        values = {}
        for page in pages:
            topics = [
                translations.get((topic.translation_key, page.locale_id), topic)
                for topic in page.topics.all()
            ]
            topics.sort(key=attrgetter("name"))
            values[page.pk] = NameAndSlugSerializer(topics, many=True).data
        return values


class ContactPersonSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)
    organisation = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)


class ContactPersonsField(ListingField):
    """The people chosen in the page's many-to-many `relation` to contact persons, by name."""

    def __init__(self, relation, **kwargs):
        super().__init__(**kwargs)
        self.relation = relation

    def values_for(self, pages):
        prefetch_related_objects(pages, self.relation)
        return {
            page.pk: ContactPersonSerializer(getattr(page, self.relation).all(), many=True).data
            for page in pages
        }
