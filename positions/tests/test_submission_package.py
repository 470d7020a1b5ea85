"""The submission package: when the member organisations adopt a consultation response, the site
makes the response the network sends to the authority, as an accessible PDF and a Word file,
from the text the members adopted (never a draft saved after it), named "<diarienummer> <network
name>" and kept as documents on the response's consultation case.

One package is made for the module (PDF rendering costs time); the tests read it as a reader and
the registrator would: pdfinfo and pdftotext for the PDF, python-docx for the Word file.
"""

import copy
import re
import subprocess
import zlib
from io import BytesIO
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import TestCase
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Workflow, WorkflowPage
from wagtail.rich_text import RichText

import docx
import pytest

from conftest import make_user
from home.factories import ContactPersonFactory
from home.models import NetworkSettings
from member_review.choices import VoteChoice
from member_review.voting import cast_vote
from members.models import MemberOrganisation, Representative
from positions.factories import ConsultationResponsePageFactory, IssuingAuthorityFactory
from positions.models import Adoption, ConsultationCase, ConsultationResponsePage
from positions.remiss.delivery import DeliveryRefused, send_to_authority
from positions.submission_package import (
    file_stem,
    make_package,
    make_package_when_adopted,
    network_details,
    package_html,
    render_package,
    safe_file_stem,
)
from tests.review_fixtures import in_member_review

pytestmark = pytest.mark.django_db

NETWORK = "Idékammaren i Värmland"
STEM = "RV2026-0142 Idékammaren i Värmland"
DIARIENUMMER = "RV2026/0142"
ADOPTED_SUMMARY = "Nätverket tillstyrker kulturplanen men saknar föreningslivets lokaler."
ADOPTED_PARAGRAPH = "Samlingslokalerna på landsbygden behöver ett eget driftstöd."
DRAFT_SUMMARY = "Ett utkast efter antagandet som medlemmarna aldrig såg."
DRAFT_PARAGRAPH = "En mening som bara finns i utkastet."
STATEMENT = "Vi avstår: planen säger för lite om ungas egna mötesplatser."
MEMBERS = [
    "Bygdegårdarnas distrikt i Värmland",
    "Studieförbundet Vuxenskolan Värmland",
    "Föreningen Kulturhuset Karlstad",
    "Hela Sverige ska leva Värmland",
    "Idrottsföreningen Framåt",
    "Scouterna i Karlstad",
    "Röda Korset Arvika",
    "Hyresgästföreningen Kil",
    "Ungdomens hus Torsby",
    "Pensionärernas riksorganisation Sunne",
    "Funktionsrätt Värmland",
    "Naturskyddsföreningen Hagfors",
]
ENDORSERS = MEMBERS[:7]
ABSTAINER = MEMBERS[8]
SILENT = [MEMBERS[7], *MEMBERS[9:]]


def committing():
    """Run the on-commit callbacks the block registers, as if its transaction committed."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def read(document):
    with document.open_file() as file:
        return file.read()


def pdf_catalog(pdf):
    """The PDF's document catalog. WeasyPrint writes it into a compressed object stream, one
    object a line, so the streams are inflated to find it."""
    for found in re.finditer(rb"stream\r?\n", pdf):
        try:
            inflated = zlib.decompressobj().decompress(pdf[found.end() :])
        except zlib.error:
            continue
        if catalog := re.search(rb"<<\s*/Type\s*/Catalog[^\n]*", inflated):
            return catalog.group(0)
    return None


def poppler(*arguments):
    return subprocess.run(  # noqa: S603 - poppler's tools on a file the test wrote
        [str(argument) for argument in arguments], capture_output=True, text=True, check=True
    ).stdout


def words(text):
    return " ".join(text.split())


# The world: a response adopted by 7 of 12 members, a draft saved after it, its package ---------


def build_adopted_response(shared):
    """On the bilingual site of tests/worlds.py, whose twelve members get names of their own."""
    site, register = shared.site, shared.register
    NetworkSettings.objects.create(
        site=site.site,
        network_name=NETWORK,
        postal_address="Box 42\n651 02 Karlstad",
        email="kansli@idekammaren.example",
        organisation_number="802480-1234",
    )
    editor = make_user("redaktor", "Redaktörer", first_name="Rut", last_name="Redaktör")
    administrator = make_user("admin", is_superuser=True)
    representatives = []
    for number, (organisation, name) in enumerate(zip(shared.members, MEMBERS, strict=True), 1):
        MemberOrganisation.objects.filter(pk=organisation.pk).update(name=name)
        user = make_user(f"representant{number}", "Medlemsrepresentanter", first_name="Rep")
        Representative.objects.create(user=user, organisation=organisation)
        representatives.append(user)
    WorkflowPage.objects.create(
        page=register, workflow=Workflow.objects.get(name="Ställningstagande")
    )
    chair = ContactPersonFactory(name="Karin Lund", role="Ordförande")
    survey = get_document_model().objects.create(
        title="Lokalinventering 2025", file=ContentFile(b"%PDF-1.4\n", name="inventering.pdf")
    )
    map_image = get_image_model().objects.create(
        title="Karta", file=get_test_image_file(filename="karta.png")
    )
    page = ConsultationResponsePageFactory(
        parent=register,
        title="Remissvar om Värmlands kulturplan",
        slug="kulturplan",
        authority=IssuingAuthorityFactory(name="Region Värmland"),
        diarienummer=DIARIENUMMER,
        referral_title="Kulturplan för Värmland 2026–2029",
        referral_reference="SOU 2026:7",
        status="preparing",
        summary=ADOPTED_SUMMARY,
        body=[
            ("heading", "Lokaler för föreningslivet"),
            (
                "paragraph",
                RichText(
                    f"<p>{ADOPTED_PARAGRAPH} Se <b>särskilt</b> "
                    '<a href="https://www.regionvarmland.se/kulturplan">planens kapitel 4</a>.</p>'
                    "<ul><li>Driftstöd</li><li>Tillgänglighet</li></ul>"
                ),
            ),
            ("quote", {"text": "Lokalen är demokratins vardagsrum.", "attribution": "En medlem"}),
            (
                "image",
                {"image": map_image, "alt_text": "Karta över samlingslokaler", "caption": ""},
            ),
            ("document", {"document": survey, "link_text": "Bilaga: lokalinventeringen"}),
        ],
        live=False,
        owner=editor,
    )
    page.contact_persons.set([chair])
    page.save()
    with committing():
        state = in_member_review(page, editor, administrator)
    with committing():
        cast_vote(
            state,
            representatives[8],
            VoteChoice.ABSTAIN,
            statement=STATEMENT,
            publish_statement=True,
        )
        for representative in representatives[:7]:
            cast_vote(state, representative, VoteChoice.ENDORSE)
    adopted = Adoption.objects.get(page=page).task_state.revision
    case, _created = ConsultationCase.objects.get_or_create(page=page)
    at_adoption = SimpleNamespace(
        pdf=case.package_pdf_id, docx=case.package_docx_id, revision=case.package_revision_id
    )

    page = ConsultationResponsePage.objects.get(pk=page.pk)
    page.summary = DRAFT_SUMMARY
    page.body = [("paragraph", RichText(f"<p>{DRAFT_PARAGRAPH}</p>"))]
    page.save_revision(user=editor)

    make_package(case)
    case.refresh_from_db()
    return SimpleNamespace(page=page, case=case, adopted=adopted, at_adoption=at_adoption)


@pytest.fixture(scope="module")
def package_world(bilingual_world, django_db_blocker, tmp_path_factory):
    """Built in a savepoint within the bilingual world's transaction, rolled back after the
    module's last test; each test runs in a savepoint of its own within it (tests/worlds.py)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with translation.override("sv"):
            world = build_adopted_response(bilingual_world)
        folder = tmp_path_factory.mktemp("package")
        world.pdf = read(world.case.package_pdf)
        world.docx = read(world.case.package_docx)
        pdf_path = folder / "package.pdf"
        pdf_path.write_bytes(world.pdf)
        world.pdfinfo = poppler("pdfinfo", pdf_path)
        world.xmp = poppler("pdfinfo", "-meta", pdf_path)
        world.text = words(poppler("pdftotext", pdf_path, "-"))
        with django_db_blocker.block():
            yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(db, package_world):
    return copy.deepcopy(package_world)


@pytest.fixture
def word(package_world):
    return docx.Document(BytesIO(package_world.docx))


def word_text(document):
    return words(" ".join(paragraph.text for paragraph in document.paragraphs))


# The package as the authority reads it ----------------------------------------------------------


def test_the_package_holds_the_adopted_text_not_the_draft_saved_after_it(world, word):
    assert world.case.package_revision_id == world.adopted.pk
    assert world.page.get_latest_revision().pk != world.adopted.pk
    for text in (world.text, word_text(word)):
        assert ADOPTED_SUMMARY in text
        assert ADOPTED_PARAGRAPH in text
        assert DRAFT_SUMMARY not in text
        assert DRAFT_PARAGRAPH not in text


def test_the_pdf_is_tagged_pdf_ua_titled_and_in_swedish(world):
    assert re.search(r"^Tagged:\s+yes$", world.pdfinfo, re.M)
    assert re.search(r"^Title:\s+Remissvar om Värmlands kulturplan$", world.pdfinfo, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", world.pdfinfo, re.M)
    assert 'pdfuaid:part="1"' in world.xmp
    catalog = pdf_catalog(world.pdf)
    assert catalog is not None
    assert b"/Lang (sv)" in catalog
    assert b"/DisplayDocTitle true" in catalog


def test_the_pdf_names_the_referral_the_network_and_who_stands_behind_the_response(world):
    text = world.text
    for expected in (
        NETWORK,
        "Box 42 651 02 Karlstad",
        "kansli@idekammaren.example",
        "802480-1234",
        "Region Värmland",
        DIARIENUMMER,
        "Kulturplan för Värmland 2026–2029 (SOU 2026:7)",
        "Lokaler för föreningslivet",
        "planens kapitel 4",
        "Lokalen är demokratins vardagsrum.",
        "Bild: Karta över samlingslokaler",
        "Bilaga: lokalinventeringen",
        "Bakom svaret står 7 av 12 medlemsorganisationer",
        *ENDORSERS,
        "Särskilda yttranden",
        ABSTAINER,
        STATEMENT,
        "Karin Lund Ordförande",
    ):
        assert expected in text
    for name in SILENT:
        assert name not in text


def test_the_word_file_holds_the_same_response(world, word):
    assert word.core_properties.title == "Remissvar om Värmlands kulturplan"
    assert word.core_properties.language == "sv-SE"
    text = word_text(word)
    for expected in (
        NETWORK,
        DIARIENUMMER,
        "Region Värmland",
        "Bakom svaret står 7 av 12 medlemsorganisationer",
        ABSTAINER,
        STATEMENT,
        "Karin Lund",
    ):
        assert expected in text
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Remissvar om Värmlands kulturplan"
    assert "Särskilda yttranden" in headings
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    after = paragraphs.index(("Heading 2", "Bakom svaret står 7 av 12 medlemsorganisationer"))
    endorsers = paragraphs[after + 1 : after + 1 + len(ENDORSERS) + 1]
    assert endorsers[:-1] == [("List Bullet", name) for name in sorted(ENDORSERS)]
    assert endorsers[-1][0] != "List Bullet"
    assert 'w:val="sv-SE"' in word.styles.element.xml  # the language Word checks spelling in
    links = {link.text: link.address for p in word.paragraphs for link in p.hyperlinks}
    assert links["planens kapitel 4"] == "https://www.regionvarmland.se/kulturplan"
    assert links["Bilaga: lokalinventeringen"].startswith("http://testserver/documents/")


def test_the_documents_are_named_as_the_authority_expects(world):
    pdf, word = world.case.package_pdf, world.case.package_docx
    assert (pdf.title, pdf.filename) == (STEM, f"{STEM}.pdf")
    assert (word.title, word.filename) == (STEM, f"{STEM}.docx")
    assert pdf.file_size == len(world.pdf)
    assert world.case.package_error == ""


def test_the_members_adoption_makes_the_package(world):
    """positions/apps.py connects `submission_package.connect()`: the vote that adopts the
    response makes its package, once the vote's transaction commits."""
    assert world.at_adoption.pdf is not None
    assert world.at_adoption.docx is not None
    assert world.at_adoption.revision == world.adopted.pk
    assert (world.case.package_pdf_id, world.case.package_docx_id) == (
        world.at_adoption.pdf,
        world.at_adoption.docx,
    )


# Made again, or not at all -------------------------------------------------------------------


def test_making_the_package_again_replaces_the_documents_and_their_files(world):
    Document = get_document_model()
    documents_before = Document.objects.count()
    storage = world.case.package_pdf.file.storage

    make_package(world.case)

    world.case.refresh_from_db()
    assert Document.objects.count() == documents_before
    assert world.case.package_pdf.filename == f"{STEM}.pdf"
    _folders, files = storage.listdir("documents")
    assert sorted(name for name in files if name.startswith(STEM)) == [
        f"{STEM}.docx",
        f"{STEM}.pdf",
    ]
    assert read(world.case.package_pdf).startswith(b"%PDF-")


def test_a_long_name_is_the_documents_title_and_shortened_only_in_the_file_name(world):
    long_name = (
        "Idéburna organisationers gemensamma kammare för samverkan med Region Värmland "
        "och kommunerna"
    )
    NetworkSettings.objects.update(network_name=long_name)

    make_package(world.case)

    case = ConsultationCase.objects.get(pk=world.case.pk)
    assert case.package_error == ""
    assert case.package_pdf.title == f"RV2026-0142 {long_name}"
    for document, extension in ((case.package_pdf, ".pdf"), (case.package_docx, ".docx")):
        assert len(document.file.name) <= 100  # the file field's length in the database
        assert document.filename.startswith("RV2026-0142 Idéburna organisationers")
        assert document.filename.endswith(extension)


def test_a_package_that_cannot_be_made_is_recorded_on_the_case_and_the_earlier_one_kept(
    world, caplog
):
    """The vote that adopts a response must not fail because its package could not be made."""
    page = ConsultationResponsePage.objects.get(pk=world.page.pk)
    page.authority_id = 987_654  # an authority deleted since: the revision names what is gone
    broken = page.save_revision(clean=False)

    make_package(world.case, broken)

    case = ConsultationCase.objects.get(pk=world.case.pk)
    assert case.package_error
    assert len(case.package_error) <= 300
    assert case.package_revision_id == world.adopted.pk
    assert (case.package_pdf_id, case.package_docx_id) == (
        world.case.package_pdf_id,
        world.case.package_docx_id,
    )
    assert "was not made" in caplog.text


def test_a_failing_pdf_writer_is_an_error_on_the_case(world, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", refuse)

    make_package(world.case)

    assert ConsultationCase.objects.get(pk=world.case.pk).package_error == "OSError: disk full"


# The parts that need no PDF --------------------------------------------------------------------


def test_without_a_contact_person_the_board_signs_and_the_slug_stands_in_for_the_diarienummer(
    world,
):
    page = ConsultationResponsePageFactory.build(
        authority=IssuingAuthorityFactory(), diarienummer="", slug="kulturplan-2"
    )

    html = package_html(page)

    assert '<p class="signature__name">Styrelsen</p>' in html
    assert f"<p>{NETWORK}</p>" in html
    assert file_stem(page, NETWORK) == "kulturplan-2 Idékammaren i Värmland"


def test_the_network_name_falls_back_without_creating_the_settings_row(world):
    NetworkSettings.objects.all().delete()

    assert network_details()["name"] == "Idékammaren"
    assert not NetworkSettings.objects.exists()


@pytest.mark.parametrize(
    "text, stem",
    [
        ("RV2026/0142 Idékammaren", "RV2026-0142 Idékammaren"),
        ("Dnr: KS 2026.12 Idékammaren", "Dnr KS 2026-12 Idékammaren"),
        ("  ../../etc/passwd  Idé_kammaren ", "etc-passwd Idé-kammaren"),
        ("Åsa\\Östen*Älv? Idékammaren", "Åsa-Östen-Älv Idékammaren"),
    ],
)
def test_a_file_name_keeps_letters_digits_spaces_and_dashes(text, stem):
    assert safe_file_stem(text) == stem


def test_characters_xml_cannot_hold_do_not_stop_the_package(world):
    """Text pasted from a word processor may carry control characters; the Word file cannot."""
    page = ConsultationResponsePage.objects.get(pk=world.page.pk)
    page.title = "Remissvar\x07 om kulturplanen"
    page.summary = "Vi tillstyrker\x0b förslaget\x01."

    package = render_package(page)

    text = word_text(docx.Document(BytesIO(package.docx)))
    assert "Vi tillstyrker förslaget." in text
    assert "\x07" not in text


def test_a_new_adoption_whose_package_fails_shows_and_sends_no_package_of_the_old_text(
    world, monkeypatch
):
    """The earlier package is of a text the members no longer stand behind as it is."""
    page = ConsultationResponsePage.objects.get(pk=world.page.pk)
    newer = page.save_revision(clean=False)

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", refuse)
    with committing():
        make_package_when_adopted(sender=None, review=None, page=page, revision=newer)

    case = ConsultationCase.objects.get(pk=world.case.pk)
    assert case.package_error == "OSError: disk full"
    assert case.package_revision_id is None
    assert ConsultationResponsePage.objects.get(pk=page.pk).response_files() == []
    with pytest.raises(DeliveryRefused, match="Gör paketet först"):
        send_to_authority(case, None)
