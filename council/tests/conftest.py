"""The council's tests share one world per module: the bilingual site with the member directory
(the root conftest's shared `bilingual_world`), three organisations (one no longer a member), the
council's page and five meetings around now."""

import copy
from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from wagtail.documents import get_document_model

import pytest

from conftest import translate
from council.factories import CouncilIndexPageFactory, CouncilMeetingPageFactory, at
from council.models import CouncilMeetingPage, MeetingDocument, RegionParticipant
from home.core.publication import loading_content
from members.factories import MemberOrganisationFactory


def pdf(name):
    return get_document_model().objects.create(
        title=name, file=ContentFile(b"%PDF-1.4 " + name.encode(), name=f"{name}.pdf")
    )


def agenda(*headings):
    return [{"type": "item", "value": {"heading": text, "description": ""}} for text in headings]


def decisions(*items):
    return [
        {"type": "decision", "value": {"reference": reference, "text": f"<p>{text}</p>"}}
        for reference, text in items
    ]


def build_council(site):
    index = CouncilIndexPageFactory(parent=site.home, show_in_menus=True)
    english = translate(
        index,
        site.en,
        title="The council for idea-driven organisations",
        slug="the-council",
        introduction="The region's arena for working with the idea-driven sector.",
    )
    return index, english


def build_council_world(site, directory):
    grannkraft = MemberOrganisationFactory(name="Föreningen Grannkraft", slug="grannkraft")
    ljusglimt = MemberOrganisationFactory(name="Studieförbundet Ljusglimt", slug="ljusglimt")
    former = MemberOrganisationFactory(name="Vilande förening", slug="vilande", active=False)
    index, index_en = build_council(site)
    minutes, presentation, draft_minutes = pdf("protokoll"), pdf("presentation"), pdf("utkast")

    spring = CouncilMeetingPageFactory(
        parent=index,
        title="Vårens möte",
        slug="varens-mote",
        start=at(-30, 13),
        end=at(-30, 16),
        summary="Uppföljning av partnerskapet.",
        agenda=agenda("Partnerskapets första år", "Ensamhet bland äldre"),
        decisions=decisions(("§ 4", "Rådet lägger redovisningen till handlingarna.")),
        minutes=minutes,
    )
    spring.organisations.set([ljusglimt, grannkraft, former])
    spring.region_participants = [
        RegionParticipant(name="Karin Exempelsson", role="chair", unit="Regionstyrelsen"),
        RegionParticipant(name="Leila Provsson", role="official", unit="Hållbar utveckling"),
    ]
    spring.documents = [MeetingDocument(document=presentation, label="Presentation")]
    with loading_content():
        spring.save_revision().publish()
    spring_en = translate(
        spring,
        site.en,
        title="Spring meeting",
        slug="spring-meeting",
        agenda=agenda("The partnership's first year", "Loneliness among older people"),
        decisions=decisions(("§ 4", "The council takes note of the report.")),
    )
    older = CouncilMeetingPageFactory(
        parent=index, title="Höstens möte", slug="hostens-mote", start=at(-200), end=at(-200, 16)
    )
    next_meeting = CouncilMeetingPageFactory(
        parent=index,
        title="Nästa möte",
        slug="nasta-mote",
        start=at(10, 13),
        end=at(10, 16),
        online=True,
        online_url="https://mote.example/radet",
    )
    translate(next_meeting, site.en, title="Next meeting", slug="next-meeting")
    later = CouncilMeetingPageFactory(
        parent=index, title="Sommarens möte", slug="sommarens-mote", start=at(60), end=at(60, 16)
    )
    draft = CouncilMeetingPageFactory(
        parent=index,
        title="Utkast till möte",
        slug="utkast",
        start=at(-10),
        end=at(-10, 16),
        minutes=draft_minutes,
        live=False,
    )
    return SimpleNamespace(
        site=site,
        directory=directory,
        organisations=SimpleNamespace(grannkraft=grannkraft, ljusglimt=ljusglimt, former=former),
        index=index,
        index_en=index_en,
        spring=spring,
        # As stored: the translation's copy in memory predates its publication.
        spring_en=CouncilMeetingPage.objects.get(pk=spring_en.pk),
        older=older,
        next=next_meeting,
        later=later,
        draft=draft,
        documents=SimpleNamespace(
            minutes=minutes, presentation=presentation, draft_minutes=draft_minutes
        ),
    )


@pytest.fixture(scope="module")
def council_world(bilingual_world, django_db_blocker):
    """Built once for the module, in a savepoint of the shared world's transaction that is rolled
    back after the module's last test (as tests/worlds.py builds its worlds)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        translation.override(settings.LANGUAGE_CODE, deactivate=True),
    ):
        built = build_council_world(bilingual_world.site, bilingual_world.directory)
        with django_db_blocker.block():
            yield built
        transaction.set_rollback(True)


@pytest.fixture
def world(db, council_world):
    """A test's own copy of the world's objects; what the test changes is rolled back after it."""
    return copy.deepcopy(council_world)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change as an editor makes it: what runs after the commit runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
