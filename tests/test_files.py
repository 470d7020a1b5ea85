"""Uploaded files: a document reaches the public only through a published page, uploads keep to
their limits, and no URL renders an image at a size the visitor chooses."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views.serve import ServeView
from wagtail.models import PageViewRestriction

import pytest
from PIL import Image as PILImage

from conftest import make_user
from council.factories import CouncilIndexPageFactory, CouncilMeetingPageFactory
from council.models import MeetingDocument
from home.core.publication import loading_content
from positions.factories import PositionStatementPageFactory

Document = get_document_model()


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(make_user("redaktor", "Redaktörer"))
    return client


def pdf(name):
    return Document.objects.create(
        title=name, file=ContentFile(b"%PDF-1.4 " + name.encode(), name=f"{name}.pdf")
    )


def download(client, document):
    return client.get(document.url)


def test_a_document_that_a_published_statement_uses_is_public(client, statements_index):
    document = pdf("lokaler")
    PositionStatementPageFactory(parent=statements_index, document=document)

    response = download(client, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 lokaler"
    assert "Set-Cookie" not in response


def test_a_document_chosen_only_in_a_draft_is_kept_from_the_public(
    client, editor_client, statements_index
):
    published, draft_only = pdf("lokaler"), pdf("utkast")
    statement = PositionStatementPageFactory(parent=statements_index, document=published)
    statement.document = draft_only
    statement.save_revision()

    assert download(client, draft_only).status_code == 404
    assert download(client, published).status_code == 200
    assert download(editor_client, draft_only).status_code == 200


def test_a_document_no_page_uses_is_not_public(client, db):
    assert download(client, pdf("lost")).status_code == 404


def test_a_document_used_only_in_a_private_section_is_not_public(client, statements_index):
    document = pdf("protokoll")
    statement = PositionStatementPageFactory(parent=statements_index, document=document)
    PageViewRestriction.objects.create(
        page=statement, restriction_type=PageViewRestriction.PASSWORD, password="hemligt-2026"
    )

    assert download(client, document).status_code == 404


def test_only_pdf_docx_and_odt_documents_can_be_uploaded(editor_client):
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Skript",
            "file": SimpleUploadedFile("skript.html", b"<script>alert(1)</script>"),
            "collection": 1,
        },
    )

    assert response.status_code == 200
    assert "Filändelsen" in response.content.decode()
    assert "pdf, docx, odt" in response.content.decode()
    assert not Document.objects.exists()


def png(width, height):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), "#2a6f4e").save(buffer, "PNG")
    return SimpleUploadedFile("bild.png", buffer.getvalue(), content_type="image/png")


def upload_image(client, file):
    return client.post(
        reverse("wagtailimages:add"), {"title": "Bild", "file": file, "collection": 1}
    )


def test_an_image_over_the_size_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100

    response = upload_image(editor_client, png(40, 40))

    assert "Filen är för stor" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_over_the_pixel_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000

    response = upload_image(editor_client, png(40, 40))

    assert "för hög upplösning" in response.content.decode()
    assert not get_image_model().objects.exists()

    response = upload_image(editor_client, png(20, 20))
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def url_views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield getattr(pattern.callback, "view_class", pattern.callback)


def test_no_url_renders_an_image_with_a_filter_the_visitor_chooses(client, site):
    assert ServeView not in set(url_views(get_resolver().url_patterns))
    assert client.get("/images/abc/1/fill-10000x10000/").status_code == 404


# The council (council/): a meeting's minutes, and its other documents in rows of their own


def test_a_meetings_minutes_and_documents_are_public_once_the_meeting_is_published(
    client, editor_client, site
):
    minutes, notice = pdf("protokoll"), pdf("kallelse")
    council = CouncilIndexPageFactory(parent=site.home)
    meeting = CouncilMeetingPageFactory(parent=council, live=False)
    meeting.minutes = minutes
    meeting.documents = [MeetingDocument(document=notice, label="Kallelse")]
    meeting.save_revision()

    assert download(client, minutes).status_code == 404
    assert download(client, notice).status_code == 404
    assert download(editor_client, minutes).status_code == 200

    with loading_content():
        meeting.get_latest_revision().publish()

    assert download(client, minutes).status_code == 200
    assert download(client, notice).status_code == 200
