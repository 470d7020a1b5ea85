"""The public signals in the open-data API, as a field of the needs page."""

from django.utils.translation import override

from wagtail.models import Locale

from home.core.api import ListingField


def entry_data(entry):
    return {
        "id": entry.pk,
        "title": entry.title,
        "title_language": entry.title_language,
        "summary": entry.summary,
        "summary_language": entry.summary_language,
        "status": entry.status,
        "topic": {"name": entry.topic.name, "slug": entry.topic.slug} if entry.topic else None,
        "municipality": {"code": entry.municipality, "name": str(entry.municipality_label)},
        "organisations": [organisation.name for organisation in entry.organisations],
        "forwarded_at": entry.forwarded_at.isoformat() if entry.forwarded_at else None,
        "answered_at": entry.answered_at.isoformat() if entry.answered_at else None,
        "region_answer": entry.answer,
        "region_answer_language": entry.answer_language if entry.answer else None,
    }


class PublicNeedsField(ListingField):
    """The page's public signals, in the page's language; read once for every page listed."""

    def values_for(self, pages):
        from needs.public import entries, public_needs

        needs = list(public_needs())
        languages = dict(
            Locale.objects.filter(pk__in={page.locale_id for page in pages}).values_list(
                "pk", "language_code"
            )
        )
        by_language = {}
        for language in set(languages.values()):
            with override(language):
                by_language[language] = [entry_data(entry) for entry in entries(needs, language)]
        return {page.pk: by_language[languages[page.locale_id]] for page in pages}
