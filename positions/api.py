"""Fields of the open-data API (`idekammare/api.py`) for statements and consultation responses."""

from collections import defaultdict

from home.core.api import ListingField

from .models.organisations import MemberOrganisation


class EndorsingOrganisationsField(ListingField):
    """The organisations of `EndorsedPageMixin.endorsing_organisations()`, by name and slug.

    Endorsements belong to the Swedish page, so a translation finds them by its translation key.
    """

    def values_for(self, pages):
        endorsements = (
            MemberOrganisation.objects.endorsing({page.translation_key for page in pages})
            .values_list("endorsements__page__translation_key", "name", "slug")
            .distinct()
            .order_by("name", "slug")
        )
        endorsers = defaultdict(list)
        for translation_key, name, slug in endorsements:
            endorsers[translation_key].append({"name": name, "slug": slug})
        return {page.pk: endorsers[page.translation_key] for page in pages}
