"""Fields of the open-data API for calls, each loaded for a whole listing at once."""

from operator import attrgetter

from django.db.models import prefetch_related_objects

from home.core.api import ListingField, NameAndSlugSerializer
from members.models import Competence

from .answers import participation


class CompetencesField(ListingField):
    """The competences a call seeks by name and slug, in the page's language where translated."""

    def values_for(self, pages):
        prefetch_related_objects(pages, "competences")
        keys = {
            competence.translation_key for page in pages for competence in page.competences.all()
        }
        translations = {
            (competence.translation_key, competence.locale_id): competence
            for competence in Competence.objects.filter(translation_key__in=keys)
        }
        values = {}
        for page in pages:
            competences = sorted(
                (
                    translations.get((competence.translation_key, page.locale_id), competence)
                    for competence in page.competences.all()
                ),
                key=attrgetter("name"),
            )
            values[page.pk] = NameAndSlugSerializer(competences, many=True).data
        return values


class ParticipationField(ListingField):
    """Whether the call is closed and, once it is, how many organisations take part and the
    names of those that agreed to be named; nothing else about the answers."""

    def values_for(self, pages):
        return {
            pk: {
                "closed": found.closed,
                "organisations_taking_part": found.count,
                "named_organisations": list(found.names),
            }
            for pk, found in participation(pages).items()
        }
