"""What the public reads of the signals: entries built from `Need.objects.public()` only, for the
page, its feeds, the search and the API, in the reader's language."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import get_language

from home.models import Topic
from home.models.places import Municipality
from members.models import organisation_url

from .models.needs import Need, NeedStatus


@dataclass(frozen=True)
class NamedOrganisation:
    name: str
    url: str = ""


@dataclass(frozen=True)
class PublicNeed:
    """One public entry: the editors' texts, each with the language it is written in."""

    pk: int
    anchor: str
    title: str
    title_language: str
    summary: str
    summary_language: str
    answer: str
    answer_language: str
    status: str
    status_label: str
    topic: Topic | None
    municipality: str
    municipality_label: str
    organisations: tuple
    forwarded_at: datetime | None
    answered_at: datetime | None
    published_at: datetime | None

    @property
    def is_answered(self):
        return self.status == NeedStatus.ANSWERED


def public_needs():
    """The public signals, newest first, with what an entry shows, in a fixed number of queries."""
    return Need.objects.public().for_listing().order_by("-published_at", "-pk")


def in_municipality(needs, municipality):
    """Signals for `municipality`, and those for the whole county, which concern it too."""
    if municipality == Municipality.WHOLE_COUNTY:
        return needs.filter(municipality=municipality)
    return needs.filter(Q(municipality=municipality) | Q(municipality=Municipality.WHOLE_COUNTY))


def localized_topics(needs, language):
    """Translation key → the topic in `language` (else Swedish), for the topics of `needs`."""
    keys = {need.topic.translation_key for need in needs if need.topic is not None}
    if not keys:
        return {}
    found = {}
    for topic in Topic.objects.filter(translation_key__in=keys).select_related("locale"):
        if topic.locale.language_code == language or topic.translation_key not in found:
            found[topic.translation_key] = topic
    return found


def entries(needs, language=None, request=None, topics=None):
    """`needs` (from `public_needs()`) as public entries in `language`.

    `topics` maps translation keys to the topics to show (the site chrome's, in the reader's
    language); without it they are read in one query. With `request`, organisations link to
    their pages in the member directory.
    """
    language = language or get_language()
    needs = list(needs)
    if topics is None:
        topics = localized_topics(needs, language)
    found = []
    for need in needs:
        title, title_language = need.public_text("public_title", language)
        summary, summary_language = need.public_text("public_summary", language)
        answer, answer_language = need.public_text("region_answer", language)
        found.append(
            PublicNeed(
                pk=need.pk,
                anchor=f"signal-{need.pk}",
                title=title,
                title_language=title_language,
                summary=summary,
                summary_language=summary_language,
                answer=answer if need.status == NeedStatus.ANSWERED else "",
                answer_language=answer_language,
                status=need.status,
                status_label=need.get_status_display(),
                topic=topics.get(need.topic.translation_key) if need.topic else None,
                municipality=need.municipality,
                municipality_label=need.get_municipality_display(),
                organisations=tuple(
                    NamedOrganisation(
                        organisation.name,
                        organisation_url(request, organisation)
                        if request is not None and organisation.active
                        else "",
                    )
                    for organisation in need.named_organisations()
                ),
                forwarded_at=need.forwarded_at,
                answered_at=need.answered_at,
                published_at=need.published_at,
            )
        )
    return found


def searchable_text(language):
    """The public entries' words in `language`, for the search index of the needs page."""
    parts = []
    for entry in entries(public_needs(), language):
        parts += [entry.title, entry.summary, entry.answer]
        parts += [organisation.name for organisation in entry.organisations]
    return "\n".join(part for part in parts if part)
