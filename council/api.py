"""Fields of a council meeting in the open-data API, each loaded for a whole listing at once."""

from django.db.models import prefetch_related_objects

from home.core.api import ListingField


class OrganisationsField(ListingField):
    """The organisations taking part, by name and slug (the slug of the member directory)."""

    def values_for(self, pages):
        prefetch_related_objects(pages, "organisations")
        return {
            page.pk: [
                {"name": organisation.name, "slug": organisation.slug}
                for organisation in sorted(page.organisations.all(), key=lambda o: o.name)
            ]
            for page in pages
        }


class RegionParticipantsField(ListingField):
    """Region Värmland's side: name, role (chair, councillor, elected, official, secretary), unit."""

    def values_for(self, pages):
        prefetch_related_objects(pages, "region_participants")
        return {
            page.pk: [
                {
                    "name": participant.name,
                    "role": participant.role,
                    "unit": participant.unit,
                }
                for participant in page.region_participants.all()
            ]
            for page in pages
        }


class DocumentsField(ListingField):
    """The meeting's other documents: label, title and address to download."""

    def values_for(self, pages):
        from wagtail.api.v2.utils import get_full_url  # needs the models loaded

        prefetch_related_objects(pages, "documents__document")
        request = self.context["request"]
        return {
            page.pk: [
                {
                    "id": item.document_id,
                    "label": item.label or item.document.title,
                    "title": item.document.title,
                    "download_url": get_full_url(request, item.document.url),
                }
                for item in page.documents.all()
            ]
            for page in pages
        }
