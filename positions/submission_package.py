"""The submission package of an adopted consultation response: the text the member organisations
adopted, as an accessible PDF (PDF/UA, tagged, in Swedish) and as a Word file, kept as two
Wagtail documents on the response's `ConsultationCase` and named as the authority expects.

The package is made when the members adopt the response (`connect`), and again when an editor
asks for it (`make_package`). It is always made from the adopted revision, never from a draft
saved after it. One template, templates/positions/package/response.html, says what the package
holds; the PDF is that HTML printed, and the Word file is written from the same HTML.
"""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model

import docx
from bs4 import BeautifulSoup, NavigableString
from bs4.element import PreformattedString
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from home.models import NetworkSettings
from member_review.models import MemberReviewTaskState
from member_review.signals import revision_adopted

from .models import Adoption, ConsultationCase, ConsultationResponsePage

logger = logging.getLogger(__name__)

LANGUAGE = "sv"
WORD_LANGUAGE = "sv-SE"
TEMPLATE = "positions/package/response.html"
DEFAULT_NETWORK_NAME = "Idékammaren"
DOCUMENT_FOLDER = "documents"
LONGEST_ERROR = 300


@dataclass(frozen=True)
class Package:
    pdf: bytes
    docx: bytes
    file_stem: str


# Rendering -------------------------------------------------------------------------------------


def network_details():
    """The network's letterhead, read without creating the settings row (`for_site` would)."""
    found = NetworkSettings.objects.filter(site__is_default_site=True).first()
    return {
        "name": (found.network_name if found else "") or DEFAULT_NETWORK_NAME,
        "postal_address": found.postal_address if found else "",
        "email": found.email if found else "",
        "organisation_number": found.organisation_number if found else "",
    }


def safe_file_stem(text):
    """`text` as a file name: letters (å, ä and ö among them), digits, spaces and dashes; "/" and
    anything else becomes a dash."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[^\w\s-]|_", "-", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"-*( )-*", r"\1", re.sub(r"-{2,}", "-", text))
    return text.strip(" -")[:150].strip(" -")


def file_stem(page, network_name):
    """The authority's convention: "<diarienummer> <network name>", the page's slug standing in
    for a missing diarienummer."""
    return safe_file_stem(f"{page.diarienummer.strip() or page.slug} {network_name}")


def letter_date(page):
    """The response's date: when it was submitted, else when the members adopted it."""
    if page.submitted_date:
        return page.submitted_date
    adoption = Adoption.objects.filter(page__translation_key=page.translation_key).first()
    return timezone.localdate(adoption.adopted_at) if adoption else timezone.localdate()


def signatory(page, network_name):
    """Who signs: the page's first contact person, else the network's board."""
    person = page.contact_persons.all().first()
    if person is None:
        return {"name": _("The board"), "lines": [network_name]}
    return {"name": person.name, "lines": [line for line in (person.role, network_name) if line]}


def package_html(page, network=None):
    """The package as HTML, in Swedish, from `page` as the revision holds it."""
    network = network or network_details()
    with translation.override(LANGUAGE):
        return render_to_string(
            TEMPLATE,
            {
                "page": page,
                "network": network,
                "authority": page.authority,
                "date": letter_date(page),
                "endorsement": page.endorsement_summary(),
                "statements": list(page.separate_statements()),
                "signatory": signatory(page, network["name"]),
            },
        )


NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_package(page):
    """The PDF and the Word file of `page`, the specific page as of one revision
    (`revision.as_object()`), and the file name they share without its extension."""
    network = network_details()
    # Characters that XML cannot hold (text pasted from a word processor may carry them) would
    # stop the Word file, so neither file gets them.
    html = NOT_IN_XML.sub("", package_html(page, network))
    pdf = HTML(
        string=html,
        base_url=settings.WAGTAILADMIN_BASE_URL,
        # Nothing is fetched: the package is text, and links stay links.
        url_fetcher=URLFetcher(allowed_protocols=()),
    ).write_pdf(pdf_variant="pdf/ua-1")
    word = word_document(html, title=NOT_IN_XML.sub("", page.title), author=network["name"])
    return Package(pdf=pdf, docx=word, file_stem=file_stem(page, network["name"]))


# The Word file, written from the package's HTML ------------------------------------------------

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
# How the PDF's stylesheet sets a paragraph apart, for the Word file.
CLASS_FORMATTING = {
    "letterhead__name": {"bold": True, "size": Pt(15)},
    "lead": {"bold": True},
    "attribution": {"italic": True},
    "signature__name": {"bold": True},
}
LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)
LINE_BREAK = {"break": True}


def word_document(html, title, author):
    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.language = WORD_LANGUAGE
    properties.author = properties.last_modified_by = author
    properties.comments = ""
    properties.created = properties.modified = timezone.now()
    properties.revision = 1
    set_proofing_language(document, WORD_LANGUAGE)
    soup = BeautifulSoup(html, "html.parser")
    WordWriter(document).blocks(soup.body or soup)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def set_proofing_language(document, language):
    """The text's language, for Word's spelling and for screen readers, under every style."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), language)


class WordWriter:
    """The package's HTML (headings, paragraphs, lists, quotes, bold, italic, links and line
    breaks) as Word paragraphs and runs."""

    def __init__(self, document):
        self.document = document

    def blocks(self, element, style=None):
        for child in element.children:
            if isinstance(child, PreformattedString):  # comments, doctypes
                continue
            if isinstance(child, NavigableString):
                self.paragraph([(str(child), {})], style)
            elif child.name in ("head", "style", "script"):
                continue
            elif child.name in HEADINGS:
                self.paragraph(self.runs(child), heading=HEADINGS[child.name])
            elif child.name == "p":
                self.paragraph(self.runs(child, formatting_of(child)), style)
            elif child.name in ("ul", "ol"):
                self.write_list(child, depth=1)
            elif child.name == "blockquote":
                self.blocks(child, style="Quote")
            else:
                self.blocks(child, style)

    def write_list(self, element, depth):
        kind = "List Number" if element.name == "ol" else "List Bullet"
        style = kind if depth == 1 else f"{kind} {min(depth, 3)}"
        for item in element.find_all("li", recursive=False):
            nested = item.find_all(("ul", "ol"), recursive=False)
            runs = [
                run
                for child in item.children
                if child not in nested
                for run in self.runs_of(child, {})
            ]
            self.paragraph(runs, style)
            for child in nested:
                self.write_list(child, depth + 1)

    def runs(self, element, formatting=None):
        return [run for child in element.children for run in self.runs_of(child, formatting or {})]

    def runs_of(self, node, formatting):
        if isinstance(node, PreformattedString):
            return []
        if isinstance(node, NavigableString):
            return [(str(node), formatting)]
        if node.name == "br":
            return [("", LINE_BREAK)]
        if node.name in ("b", "strong"):
            formatting = formatting | {"bold": True}
        elif node.name in ("i", "em"):
            formatting = formatting | {"italic": True}
        elif node.name == "a" and node.get("href"):
            formatting = formatting | {
                "href": urljoin(settings.WAGTAILADMIN_BASE_URL, node["href"])
            }
        return [run for child in node.children for run in self.runs_of(child, formatting)]

    def paragraph(self, runs, style=None, heading=None):
        runs = collapse_whitespace(runs)
        if not runs:
            return
        if heading is not None:
            paragraph = self.document.add_heading(level=heading)
        else:
            paragraph = self.document.add_paragraph(style=style)
        for text, formatting in runs:
            if formatting is LINE_BREAK:
                paragraph.add_run().add_break()
                continue
            run = paragraph.add_run(text)
            run.bold = formatting.get("bold")
            run.italic = formatting.get("italic")
            run.font.size = formatting.get("size")
            if "href" in formatting:
                self.link(paragraph, run, formatting["href"])

    def link(self, paragraph, run, url):
        relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), relation)
        run.underline = True
        run.font.color.rgb = LINK_COLOUR
        link.append(run._r)  # moves the run into the link
        paragraph._p.append(link)


def formatting_of(element):
    formatting = {}
    for name in element.get("class") or ():
        formatting |= CLASS_FORMATTING.get(name, {})
    return formatting


def collapse_whitespace(runs):
    """HTML's rule for white space: a run of spaces and newlines is one space, and a line
    neither starts nor ends with one."""
    collapsed = []
    line_start = True
    for text, formatting in runs:
        if formatting is LINE_BREAK:
            strip_trailing_space(collapsed)
            collapsed.append((text, formatting))
            line_start = True
            continue
        text = re.sub(r"\s+", " ", text)
        if line_start or collapsed[-1][0].endswith(" "):
            text = text.lstrip(" ")
        if text:
            collapsed.append((text, formatting))
            line_start = False
    strip_trailing_space(collapsed)
    return [
        (text, formatting) for text, formatting in collapsed if text or formatting is LINE_BREAK
    ]


def strip_trailing_space(runs):
    if runs and runs[-1][1] is not LINE_BREAK:
        runs[-1] = (runs[-1][0].rstrip(" "), runs[-1][1])


# Storing ---------------------------------------------------------------------------------------


def adopted_revision(page):
    """The revision the members adopted, else the live one."""
    adoption = Adoption.objects.filter(page=page).select_related("task_state__revision").first()
    if adoption is not None and adoption.task_state.revision_id:
        return adoption.task_state.revision
    return page.live_revision


def store_document(document, file_stem, extension, content):
    """Write `content` as `document`'s file (a new document if None), named `file_stem` and
    `extension` exactly, in place of the file it had; a file under another name is removed once
    the change is committed."""
    Document = get_document_model()
    if document is None:
        document = Document()
    storage = document.file.storage
    room = Document._meta.get_field("file").max_length - len(f"{DOCUMENT_FOLDER}/.{extension}")
    name = f"{DOCUMENT_FOLDER}/{file_stem[:room].rstrip(' -')}.{extension}"
    previous = document.file.name or None
    if previous == name:
        storage.delete(previous)
    # Through the storage, not the field: the field's name cleaning would turn the
    # convention's spaces into underscores.
    document.file = storage.save(name, ContentFile(content))
    document.title = file_stem
    document.file_size = len(content)
    document.file_hash = hashlib.sha1(content, usedforsecurity=False).hexdigest()
    document.save()
    if previous and previous != document.file.name:
        transaction.on_commit(lambda: storage.delete(previous))
    return document


def make_package(case, revision=None):
    """Make `case`'s package from `revision` (by default the adopted one) and record it on the
    case; a failure is logged and recorded in `package_error`, never raised: the caller may be the
    vote that decided the member review."""
    try:
        revision = revision or adopted_revision(case.page)
        if revision is None:
            raise ValueError("The response has no adopted or live revision.")
        package = render_package(revision.as_object())
        with transaction.atomic():
            case.package_pdf = store_document(
                case.package_pdf, package.file_stem, "pdf", package.pdf
            )
            case.package_docx = store_document(
                case.package_docx, package.file_stem, "docx", package.docx
            )
            case.package_revision = revision
            case.package_error = ""
            case.save(
                update_fields=["package_pdf", "package_docx", "package_revision", "package_error"]
            )
    except Exception as error:
        logger.exception("The submission package of consultation case %s was not made", case.pk)
        record_error(case, error)
    return case


def record_error(case, error):
    """`error` in short on the case, which keeps the package it had."""
    message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    try:
        with transaction.atomic():
            ConsultationCase.objects.filter(pk=case.pk).update(
                package_error=message[:LONGEST_ERROR]
            )
        case.refresh_from_db(
            fields=["package_pdf", "package_docx", "package_revision", "package_error"]
        )
    except Exception:
        logger.exception("The package error of consultation case %s was not recorded", case.pk)


# When the members adopt a response -------------------------------------------------------------


def make_package_when_adopted(sender, review, page, revision, **kwargs):
    if not isinstance(page, ConsultationResponsePage):
        return
    # Until the new text's package is made, the earlier one is of a text no longer adopted: it is
    # neither shown nor sent (`package_revision` None), whether or not the new one can be made.
    ConsultationCase.objects.filter(page=page).exclude(package_revision=revision).update(
        package_revision=None
    )

    def make():
        case, _created = ConsultationCase.objects.get_or_create(page=page)
        # Made already in the same transaction (the demo sends it at once).
        if case.package_revision_id != revision.pk:
            make_package(case, revision)

    transaction.on_commit(make, robust=True)


def connect():
    revision_adopted.connect(
        make_package_when_adopted,
        sender=MemberReviewTaskState,
        dispatch_uid="positions-submission-package",
    )


def shown_packages(model, pages):
    """The package documents that `pages` link to (`ConsultationResponsePage.response_files`):
    their own or, for a translation, the Swedish page's, unless the editors pinned their own PDF.
    For `home.core.files.also_public`."""
    if model is not get_document_model():
        return model.objects.none().values("pk")
    keys = pages.type(ConsultationResponsePage).values("translation_key")
    cases = ConsultationCase.objects.filter(
        page__translation_key__in=keys, pin_own_document=False, package_revision__isnull=False
    )
    return model.objects.filter(
        Q(pk__in=cases.values("package_pdf")) | Q(pk__in=cases.values("package_docx"))
    ).values("pk")
