"""Hostile text is shown as text: on public pages, in feeds, in JSON-LD and in our admin views.

Each test puts every payload in its places at once (one item per payload where a field holds one
value), so that a site is built once per test rather than once per payload.
"""

import datetime
import json
import re
from html import escape as html_escape
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState, Workflow, WorkflowPage
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import OverridableSegment, Translation, TranslationSource

import pytest
from defusedxml import ElementTree
from icalendar import Calendar

from conftest import make_user, translate
from council.factories import CouncilIndexPageFactory, CouncilMeetingPageFactory
from council.factories import at as council_at
from council.models import MeetingDocument, RegionParticipant
from events.factories import EventIndexPageFactory, EventPageFactory, at
from home.core.publication import loading_content
from home.core.search_terms import search_terms
from home.factories import (
    ContactPageFactory,
    ContactPersonFactory,
    ContentPageFactory,
    TopicFactory,
)
from home.models import NetworkSettings
from member_review.models import MemberReviewTask
from members.factories import CompetenceFactory, MemberOrganisationFactory
from members.models import MemberOrganisation, Representative
from needs.factories import NeedFactory, NeedsPageFactory
from news.factories import NewsPageFactory
from positions.factories import (
    ConsultationResponsePageFactory,
    EndorsementFactory,
    IssuingAuthorityFactory,
    PositionStatementPageFactory,
)
from positions.models import ConsultationCase, ConsultationResponsePage, PositionStatementPage
from positions.remiss.input_links import input_link
from tests.review_fixtures import in_member_review

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JAVASCRIPT_LINK = '<a href="javascript:alert(1)">klicka</a>'
END_SCRIPT = "</script><script>alert(1)</script>"
PAYLOADS = [SCRIPT, IMG, JAVASCRIPT_LINK, END_SCRIPT]
EVERY_PAYLOAD = " ".join(PAYLOADS)

# What would run if any payload reached a page as markup.
LIVE = re.compile(
    r"<script>alert|<img src=x|<a\b[^<>]*\bhref\s*=\s*[\"']?\s*javascript:", re.IGNORECASE
)

with translation.override("sv"):
    INVALID_URL = str(escape(URLValidator.message))


def committing():
    return TestCase.captureOnCommitCallbacks(execute=True)


def html_of(response):
    assert response.status_code == 200, response
    return response.content.decode()


def as_text(text):
    """`text` as HTML shows it; quotes need escaping only in attributes, so rich text keeps them."""
    return {escape(text), html_escape(text, quote=False)}


def assert_shown_as_text(html, *texts):
    """Each of `texts` is in `html`, escaped, and nothing of any payload is live markup."""
    live = LIVE.search(html)
    assert not live, live.group(0)
    for text in texts:
        assert any(form in html for form in as_text(text)), text


# Links in rich text


def test_a_translator_cannot_turn_a_link_into_script(client, site):
    editor = make_user("redaktor", "Redaktörer")
    page = ContentPageFactory(parent=site.home, title="Om nätverket", slug="om-natverket")
    page.body = [
        ("paragraph", RichText('<p>Läs <a href="https://example.org/">stadgarna</a>.</p>'))
    ]
    with loading_content():
        page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=site.en)
    with loading_content(), committing():
        translation.save_target(user=editor)
    link = OverridableSegment.objects.get(source=source, data_json='"https://example.org/"')

    # The translation editor's "change link" sends the new address as it was typed.
    client.force_login(editor)
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/overrides/{link.pk}/edit/",
        urlencode({"value": "javascript:alert(1)"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    # Publishing it takes someone who may publish; what is tested is what the page then shows.
    with loading_content(), committing():
        translation.save_target(user=editor)
    client.logout()

    html = html_of(client.get(page.get_translation(site.en).url))
    assert_shown_as_text(html)
    assert "<a>stadgarna</a>" in html


UNSAFE_HREFS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
SAFE_HREFS = ["https://example.org/", "mailto:info@idekammaren.example", "tel:+4654100000", "#mer"]


def test_links_to_script_are_unlinked_however_they_reached_the_database(client, site):
    links = [f'<a href="{href}">länk {number}</a>' for number, href in enumerate(UNSAFE_HREFS)]
    links += [f'<a href="{href}">bra länk</a>' for href in SAFE_HREFS]
    links.append(f'<a linktype="page" id="{site.home.pk}">startsidan</a>')
    page = ContentPageFactory(parent=site.home, slug="lankar")
    page.body = [("paragraph", RichText(f"<p>{' '.join(links)}</p>"))]
    with loading_content():
        page.save_revision().publish()

    html = html_of(client.get(page.url))
    rich_text = re.search(r'<div class="rich-text">(.*?)</div>', html, re.S).group(1)
    assert re.findall(r'href="([^"]*)"', rich_text) == [*SAFE_HREFS, site.home.url]
    for number in range(len(UNSAFE_HREFS)):
        assert f"<a>länk {number}</a>" in rich_text

    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    source = data["body"][0]["value"]
    assert re.findall(r'href="([^"]*)"', source) == SAFE_HREFS
    for number in range(len(UNSAFE_HREFS)):
        assert f"<a>länk {number}</a>" in source


# Statements: page fields, StreamField blocks and the snippets a statement shows


def statement_texts(payload):
    return {
        "title": f"Lokaler {payload}",
        "summary": f"Sammanfattning {payload}",
        "search_description": f"Beskrivning {payload}",
        "heading": f"Rubrik {payload}",
        "paragraph": f"Stycke {payload}",
        "alt_text": f"Alt {payload}",
        "caption": f"Bildtext {payload}",
        "quote": f"Citat {payload}",
        "attribution": f"Källa {payload}",
        "topic": f"Ämne {payload}",
        "contact": f"Kontakt {payload}",
        "organisation": f"Föreningen {payload}",
    }


def add_statement(client, parent, slug, texts, image):
    """A statement written and published in the page editor, with a `javascript:` link."""
    topic = TopicFactory(name=texts["topic"])
    contact = ContactPersonFactory(name=texts["contact"])
    paragraph = (
        f"<p>{escape(texts['paragraph'])} "
        '<a href="javascript:alert(1)">länk</a> <a href="https://example.org/">källan</a></p>'
    )
    form = nested_form_data(
        {
            "title": texts["title"],
            "slug": slug,
            "summary": texts["summary"],
            "search_description": texts["search_description"],
            "date_adopted": "2026-03-12",
            "body": streamfield(
                [
                    ("heading", texts["heading"]),
                    ("paragraph", rich_text(paragraph)),
                    (
                        "image",
                        {
                            "image": image.pk,
                            "alt_text": texts["alt_text"],
                            "caption": texts["caption"],
                        },
                    ),
                    ("quote", {"text": texts["quote"], "attribution": texts["attribution"]}),
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    form |= {"topics": [topic.pk], "contact_persons": [contact.pk]}
    response = client.post(f"/admin/pages/add/positions/positionstatementpage/{parent.pk}/", form)
    assert response.status_code == 302, response.content.decode()
    # Written in the editor; published as loaded, since adopting it is not what is tested here.
    with loading_content():
        PositionStatementPage.objects.get(slug=slug).get_latest_revision().publish()
    statement = PositionStatementPage.objects.get(slug=slug)
    assert statement.live
    stored = statement.body[1].value.source
    assert not LIVE.search(stored)
    assert 'href="https://example.org/"' in stored
    return statement


def test_statements_written_in_the_editor_show_every_payload_as_text(
    client, site, statements_index, directory
):
    image = get_image_model().objects.create(
        title="Bygdegård", file=get_test_image_file(filename="bygdegard.png")
    )
    client.force_login(make_user("admin", is_superuser=True))
    statements = []
    for number, payload in enumerate(PAYLOADS):
        texts = statement_texts(payload)
        statement = add_statement(client, statements_index, f"lokaler-{number}", texts, image)
        organisation = MemberOrganisationFactory(name=texts["organisation"])
        EndorsementFactory(page=statement, organisation=organisation)
        statements.append((statement, organisation, texts))
    client.logout()

    for statement, organisation, texts in statements:
        html = html_of(client.get(statement.url))
        assert_shown_as_text(html, *texts.values())
        title = escape(texts["title"])
        assert f"<h1>{title}</h1>" in html
        assert f"<title>{title} – " in html
        assert f'<meta property="og:title" content="{title}">' in html
        assert f'<meta name="twitter:title" content="{title}">' in html
        assert f'content="{escape(texts["search_description"])}"' in html
        assert f'alt="{escape(texts["alt_text"])}"' in html
        assert '<a>länk</a> <a href="https://example.org/">källan</a>' in html
        html = html_of(client.get(f"{directory.url}{organisation.slug}/"))
        assert_shown_as_text(html, texts["title"], texts["organisation"])

    titles = [texts["title"] for _statement, _organisation, texts in statements]
    summaries = [texts["summary"] for _statement, _organisation, texts in statements]
    assert_shown_as_text(html_of(client.get(statements_index.url)), *titles, *summaries)
    assert_shown_as_text(html_of(client.get(reverse("search"), {"q": "Lokaler"})), *titles)
    home = html_of(client.get(site.home.url))
    assert_shown_as_text(home)
    assert sum(escape(title) in home for title in titles) == 3


# JSON-LD, Open Graph, listings and feeds

JSON_LD_START = '<script type="application/ld+json">'
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def json_ld(html):
    """Each JSON-LD block, read from where its script element starts to where a browser ends it."""
    blocks = []
    for start in re.finditer(re.escape(JSON_LD_START), html):
        content = html[start.end() :]
        content = content[: content.lower().index("</script")]
        assert "<" not in content and ">" not in content, content
        blocks.append(json.loads(content))
    assert blocks
    return blocks


def feed_entries(client, name):
    """{title: (description, contributors)} of a feed parsed as strict XML, RSS or Atom."""
    response = client.get(reverse(name))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    if name.endswith("-rss"):
        return {
            item.findtext("title"): (
                item.findtext("description"),
                [contributor.text for contributor in item.iter(f"{DC}contributor")],
            )
            for item in root.iter("item")
        }
    return {
        entry.findtext(f"{ATOM}title"): (
            entry.findtext(f"{ATOM}summary"),
            [name.text for name in entry.iter(f"{ATOM}name")],
        )
        for entry in root.iter(f"{ATOM}entry")
    }


def assert_escaped_html(description, *texts):
    """An entry's HTML description holds each of `texts` as text, not as markup."""
    assert not LIVE.search(description), description
    for text in texts:
        assert escape(text) in description, (text, description)


def test_news_shows_payloads_as_text_in_json_ld_meta_listings_and_feeds(client, site, news_index):
    items = {}
    for number, payload in enumerate(PAYLOADS):
        title, introduction = f"Nyhet {payload}", f"Ingress {payload}"
        item = NewsPageFactory(
            parent=news_index, title=title, slug=f"nyhet-{number}", introduction=introduction
        )
        with loading_content():
            item.save_revision().publish()
        items[title] = (item, introduction)

    for title, (item, introduction) in items.items():
        html = html_of(client.get(item.url))
        assert_shown_as_text(html, title, introduction)
        assert f'<meta property="og:title" content="{escape(title)}">' in html
        [article] = json_ld(html)
        assert article["headline"] == title
        assert article["description"] == introduction

    assert_shown_as_text(html_of(client.get(news_index.url)), *items)
    home = html_of(client.get(site.home.url))
    assert_shown_as_text(home)
    assert sum(escape(title) in home for title in items) == 3
    for name in ["news-rss", "news-atom"]:
        entries = feed_entries(client, name)
        assert entries.keys() == items.keys()
        for title, (description, _contributors) in entries.items():
            assert_escaped_html(description, items[title][1])


def test_statement_feeds_keep_titles_summaries_and_endorsers_as_text(
    client, site, statements_index, directory
):
    statements = {}
    for number, payload in enumerate(PAYLOADS):
        title, summary = f"Lokaler {payload}", f"Sammanfattning {payload}"
        organisation = MemberOrganisationFactory(name=f"Föreningen {payload}")
        statement = PositionStatementPageFactory(
            parent=statements_index, title=title, slug=f"lokaler-{number}", summary=summary
        )
        EndorsementFactory(page=statement, organisation=organisation)
        statements[title] = (summary, organisation.name)

    for name in ["statements-rss", "statements-atom"]:
        entries = feed_entries(client, name)
        assert entries.keys() == statements.keys()
        for title, (description, contributors) in entries.items():
            summary, organisation = statements[title]
            assert organisation in contributors
            assert_escaped_html(description, summary, organisation)


def test_the_networks_json_ld_and_site_chrome_keep_its_name_and_address_as_text(client, site):
    settings = NetworkSettings.for_site(site.site)
    for payload in PAYLOADS:
        settings.network_name = f"Nätverket {payload}"
        settings.postal_address = f"Box 1\n{payload}"
        with committing():  # the site chrome is renewed once the change is committed
            settings.save()

        html = html_of(client.get(site.home.url))
        assert_shown_as_text(html, settings.network_name, payload)
        assert f'<meta property="og:site_name" content="{escape(settings.network_name)}">' in html
        [organisation] = json_ld(html)
        assert organisation["name"] == settings.network_name
        assert organisation["address"] == f"Box 1, {payload}"


# Member organisations and consultations


def test_organisation_names_descriptions_and_areas_are_text_in_the_directory(
    client, site, directory
):
    organisations = []
    for payload in PAYLOADS:
        area = TopicFactory(name=f"Verksamhet {payload}")
        organisation = MemberOrganisationFactory(
            name=f"Bygdegårdsföreningen {payload}",
            description=f"Om oss {payload}",
            website="https://bygdegarden.example/",
        )
        organisation.areas.set([area])
        organisation.save()
        translate(organisation, site.en, description=f"About us {payload}")
        organisations.append((organisation, area, payload))
    english_directory = directory.get_translation(site.en).url

    listing = html_of(client.get(directory.url))
    for organisation, area, payload in organisations:
        assert_shown_as_text(listing, organisation.name, organisation.description, area.name)
        html = html_of(client.get(f"{directory.url}{organisation.slug}/"))
        assert_shown_as_text(html, organisation.name, organisation.description, area.name)
        assert f"<h1>{escape(organisation.name)}</h1>" in html
        html = html_of(client.get(f"{english_directory}{organisation.slug}/"))
        assert_shown_as_text(html, organisation.name, f"About us {payload}")
    hits = html_of(client.get(reverse("search"), {"q": "Bygdegårdsföreningen"}))
    assert_shown_as_text(
        hits, *(organisation.name for organisation, _area, _payload in organisations)
    )


def test_consultation_fields_and_authority_names_are_text_on_page_register_and_feed(
    client, site, register
):
    responses = {}
    for number, payload in enumerate(PAYLOADS):
        texts = [f"Remissvar {payload}", f"Remiss {payload}", f"Vi tillstyrker {payload}"]
        authority = IssuingAuthorityFactory(name=f"Region {payload}")
        page = ConsultationResponsePageFactory(
            parent=register,
            title=texts[0],
            slug=f"remissvar-{number}",
            referral_title=texts[1],
            referral_url="https://region.example/remiss",
            summary=texts[2],
            authority=authority,
        )
        responses[texts[0]] = (page, texts, authority.name)

    for page, texts, authority in responses.values():
        html = html_of(client.get(page.url))
        assert_shown_as_text(html, *texts, authority)
        assert f'<a href="https://region.example/remiss">{escape(texts[1])}</a>' in html
    register_html = html_of(client.get(register.url))
    for _page, texts, authority in responses.values():
        assert_shown_as_text(register_html, texts[0], authority)
    for name in ["consultation-responses-rss", "consultation-responses-atom"]:
        entries = feed_entries(client, name)
        assert entries.keys() == responses.keys()
        for title, (description, _contributors) in entries.items():
            assert_escaped_html(description, responses[title][1][2])


# Addresses: a `javascript:` URL is refused where an editor types one


def assert_refused(response):
    html = html_of(response)
    assert INVALID_URL in html
    assert not LIVE.search(html)


def test_a_javascript_address_is_refused_as_an_organisations_website(admin_client, db):
    response = admin_client.post(
        "/admin/snippets/members/memberorganisation/add/",
        {
            "name": "Föreningen Prov",
            "slug": "foreningen-prov",
            "organisation_number": "802600-1019",
            "municipality": "kil",
            "website": "javascript:alert(1)",
            "active": "on",
        },
    )
    assert_refused(response)
    assert not MemberOrganisation.objects.exists()


def test_a_javascript_address_is_refused_as_a_referral_link(admin_client, register):
    response = admin_client.post(
        f"/admin/pages/add/positions/consultationresponsepage/{register.pk}/",
        nested_form_data(
            {
                "title": "Remissvar om kulturplanen",
                "slug": "kulturplan",
                "referral_title": "Kulturplan för Värmland",
                "referral_url": "javascript:alert(1)",
                "authority": IssuingAuthorityFactory().pk,
                "received_date": "2026-01-10",
                "response_deadline": "2026-03-01",
                "status": "open",
                "stance": "",
                "summary": "Vi tillstyrker.",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        ),
    )
    assert_refused(response)
    assert not ConsultationResponsePage.objects.exists()


def test_a_javascript_address_is_refused_as_a_social_link(admin_client, site):
    response = admin_client.post(
        f"/admin/settings/home/networksettings/{site.site.pk}/",
        nested_form_data(
            {
                "network_name": "Idékammaren",
                "social_links": streamfield(
                    [("link", {"service": "facebook", "url": "javascript:alert(1)"})]
                ),
            }
        ),
    )
    assert_refused(response)
    assert not NetworkSettings.for_site(site.site).social_links


# Search


def test_search_terms_are_shown_as_words_in_both_languages(client, site):
    for payload in PAYLOADS:
        words = search_terms(payload).text
        for language in ["sv", "en"]:
            with translation.override(language):
                url = reverse("search")
            html = html_of(client.get(url, {"q": payload}))
            assert_shown_as_text(html, f"{words}”")
            assert f'value="{escape(words)}"' in html
            assert escape(urlencode({"q": payload})) in html


# Member review in the admin: the review screen, the tally panel, the dashboard, the history


def in_json(text):
    """`text` as Django's json_script writes it into a page."""
    return json.dumps(text)[1:-1].translate(
        str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})
    )


@pytest.fixture
def representatives(db):
    """A representative for each payload's member organisation, named after it, and one more."""
    people = []
    for number, payload in enumerate([*PAYLOADS, None]):
        name = f"Föreningen {payload}" if payload else "Föreningen Lugn"
        organisation = MemberOrganisationFactory(name=name)
        user = make_user(f"representant{number}", "Medlemsrepresentanter")
        Representative.objects.create(user=user, organisation=organisation)
        people.append((user, organisation))
    return people


def test_the_member_review_screens_show_payloads_as_text(
    client, statements_index, representatives, django_capture_on_commit_callbacks
):
    editor = make_user("redaktor", "Redaktörer")
    WorkflowPage.objects.create(
        page=statements_index, workflow=Workflow.objects.get(name="Ställningstagande")
    )
    task = MemberReviewTask.objects.get(name="Medlemsgranskning")
    task.objection_blocks = False
    task.save()
    statement = PositionStatementPageFactory(
        parent=statements_index, title="Lokaler", slug="lokaler", owner=editor
    )
    texts = {
        "title": f"Lokaler {EVERY_PAYLOAD}",
        "summary": f"Sammanfattning {EVERY_PAYLOAD}",
        "heading": f"Rubrik {EVERY_PAYLOAD}",
    }
    statement.title = texts["title"]
    statement.summary = texts["summary"]
    statement.body = [("heading", texts["heading"])]
    with django_capture_on_commit_callbacks(execute=True):
        state = in_member_review(statement, editor, make_user("admin", is_superuser=True))
    review = f"/admin/medlemsgranskning/{state.pk}/"
    title = escape(texts["title"])
    objectors = representatives[:-1]

    # Each payload's organisation objects, for a reason with its payload in it.
    for (user, organisation), payload in zip(objectors, PAYLOADS, strict=True):
        reason = f"Invändning {payload}"
        client.force_login(user)
        response = client.post(review, {"choice": "object", "reason": reason})
        assert response.status_code == 302, response.content.decode()

        html = html_of(client.get(review))
        assert_shown_as_text(html, texts["title"], texts["summary"], organisation.name, reason)
        assert f'<h2 class="member-review__title">{title}</h2>' in html
        assert f"Er röst för {escape(organisation.name)}</h3>" in html
        assert f"{escape(reason)}</textarea>" in html
        html = html_of(client.get("/admin/"))
        assert_shown_as_text(html, texts["title"], organisation.name)
        assert f'<a href="{review}">{title}</a>' in html
        assert f"Du röstar för {escape(organisation.name)}." in html

    # The editor follows the tally on the review screen, in the page editor and on the dashboard.
    client.force_login(editor)
    html = html_of(client.get(review))
    assert_shown_as_text(html, texts["title"], texts["summary"])
    assert "member-review-tally" in html
    html = html_of(client.get(f"{review}andringar/"))
    assert_shown_as_text(html, *texts.values())
    html = html_of(client.get("/admin/"))
    assert_shown_as_text(html, texts["title"])
    assert f'<a href="{review}">{title}</a>' in html
    html = html_of(client.get(f"/admin/pages/{statement.pk}/edit/"))
    assert_shown_as_text(html, texts["title"])
    assert "member-review-tally" in html

    # Objections now stop the review: the next vote settles it, and each reason becomes a comment
    # on the page and a line of the task's comment in the workflow history.
    task.objection_blocks = True
    task.save()
    client.force_login(representatives[-1][0])
    assert client.post(review, {"choice": "endorse", "reason": ""}).status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED
    client.force_login(editor)
    edit = html_of(client.get(f"/admin/pages/{statement.pk}/edit/"))
    assert not LIVE.search(edit)
    history = html_of(
        client.get(
            f"/admin/pages/{statement.pk}/workflow_history/detail/{state.workflow_state_id}/"
        )
    )
    log = html_of(client.get(f"/admin/pages/{statement.pk}/history/"))
    for (_user, organisation), payload in zip(objectors, PAYLOADS, strict=True):
        assert in_json(f"Invändning {payload}") in edit
        assert_shown_as_text(history, organisation.name, f"Invändning {payload}")
        assert_shown_as_text(log, organisation.name)


def test_members_input_and_the_referral_are_text_on_the_case_screen_and_the_input_pages(
    client, register, representatives
):
    authority = IssuingAuthorityFactory(name=f"Region {SCRIPT}", slug="region")
    consultation = ConsultationResponsePageFactory(
        parent=register,
        title=f"Remiss {EVERY_PAYLOAD}",
        referral_title=f"Utredning {EVERY_PAYLOAD}",
        authority=authority,
        status="preparing",
        response_deadline=timezone.localdate() + datetime.timedelta(days=30),
        received_date=timezone.localdate(),
    )
    case = ConsultationCase.objects.create(
        page=consultation, input_deadline=timezone.localdate() + datetime.timedelta(days=7)
    )
    for (user, _organisation), payload in zip(representatives, PAYLOADS, strict=False):
        client.force_login(user)
        response = client.post(f"/admin/remiss/synpunkter/{case.pk}/", {"text": f"Åsikt {payload}"})
        assert response.status_code == 302
        html = html_of(client.get(f"/admin/remiss/synpunkter/{case.pk}/"))
        assert_shown_as_text(html, consultation.referral_title, authority.name, f"Åsikt {payload}")

    client.logout()
    user, organisation = representatives[0]
    path = re.sub(r"^https?://[^/]+", "", input_link(case, user))
    html = html_of(client.get(path))
    assert_shown_as_text(html, consultation.referral_title, authority.name, organisation.name)

    client.force_login(make_user("redaktor", "Redaktörer"))
    html = html_of(client.get(f"/admin/remiss/{consultation.pk}/"))
    texts = [f"Åsikt {payload}" for payload in PAYLOADS]
    assert_shown_as_text(html, authority.name, *texts, *(o.name for _u, o in representatives))


# The calendar


ICAL_BREAK = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injicerad"


def test_events_show_payloads_as_text_on_the_page_listing_home_calendar_feed_and_json_ld(
    client, site
):
    calendar = EventIndexPageFactory(parent=site.home)
    events = {}
    for number, payload in enumerate([*PAYLOADS, ICAL_BREAK]):
        fields = {
            "title": f"Träff {payload}",
            "summary": f"Om träffen {payload}",
            "place": f"Lokal {payload}",
            "organiser": f"Förening {payload}",
            "audience": f"Alla {payload}",
        }
        event = EventPageFactory(
            parent=calendar, slug=f"traff-{number}", start=at(number + 1), **fields
        )
        with loading_content():
            event.save_revision().publish()
        events[event.url] = fields

    for url, fields in events.items():
        html = html_of(client.get(url))
        assert_shown_as_text(html, *(value for value in fields.values() if "\r" not in value))
        [event] = json_ld(html)
        assert event["name"] == fields["title"]
        assert event["location"]["name"] == fields["place"]
        assert event["organizer"]["name"] == fields["organiser"]
        assert event["audience"]["audienceType"] == fields["audience"]

    titles = [fields["title"] for fields in events.values() if "\r" not in fields["title"]]
    assert_shown_as_text(html_of(client.get(calendar.url)), *titles)
    home = html_of(client.get(site.home.url))
    assert_shown_as_text(home)
    assert sum(escape(title) in home for title in titles) == 3

    # The feed is text/calendar, never sniffed as HTML, and no value starts a component.
    response = client.get(f"{calendar.url}ical/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    parsed = Calendar.from_ical(response.content)
    # A line break comes back as one (RFC 5545 escapes it as \\n), inside the value.
    by_title = {fields["title"].replace("\r\n", "\n"): fields for fields in events.values()}
    summaries = sorted(str(event["summary"]) for event in parsed.walk("VEVENT"))
    assert summaries == sorted(by_title)
    for event in parsed.walk("VEVENT"):
        fields = by_title[str(event["summary"])]
        assert str(event["location"]) == fields["place"].replace("\r\n", "\n")
        assert fields["organiser"].replace("\r\n", "\n") in str(event["description"])


@pytest.mark.parametrize("field", ["registration_url", "online_url"])
def test_a_javascript_address_is_refused_as_an_events_link(admin_client, site, field):
    calendar = EventIndexPageFactory(parent=site.home)
    response = admin_client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        nested_form_data(
            {
                "title": "Träff",
                "slug": "traff",
                "summary": "En träff.",
                "start": "2027-03-27 10:00",
                "end": "2027-03-27 12:00",
                "online": "on",
                field: "javascript:alert(1)",
                "body": streamfield([]),
            }
        ),
    )
    assert_refused(response)


# The council (council/)


def test_council_meetings_show_payloads_as_text_on_the_page_listing_home_feed_and_json_ld(
    client, site
):
    council = CouncilIndexPageFactory(parent=site.home, convener=f"Regionen {SCRIPT}")
    MemberOrganisationFactory(name=f"Förening {IMG}", slug="forening")
    meetings = {}
    for number, payload in enumerate([*PAYLOADS, ICAL_BREAK]):
        fields = {"title": f"Möte {payload}", "summary": f"Om mötet {payload}"}
        texts = {
            "place": f"Lokal {payload}",
            "heading": f"Punkt {payload}",
            "description": f"Beskrivning {payload}",
            "reference": f"§ {payload}",
            "person": f"Person {payload}",
            "unit": f"Nämnd {payload}",
            "label": f"Handling {payload}",
        }
        meeting = CouncilMeetingPageFactory(
            parent=council,
            slug=f"mote-{number}",
            start=council_at(number + 1),
            end=council_at(number + 1, 16),
            place=texts["place"],
            agenda=[
                {
                    "type": "item",
                    "value": {"heading": texts["heading"], "description": texts["description"]},
                }
            ],
            decisions=[
                {
                    "type": "decision",
                    "value": {
                        "reference": texts["reference"],
                        "text": f"<p>Beslut {JAVASCRIPT_LINK}</p>",
                    },
                }
            ],
            **fields,
        )
        meeting.organisations.set(MemberOrganisation.objects.filter(slug="forening"))
        meeting.region_participants = [
            RegionParticipant(name=texts["person"], role="official", unit=texts["unit"])
        ]
        document = get_document_model().objects.create(
            title=f"Dokument {payload}",
            file=ContentFile(b"%PDF-1.4", name=f"dokument-{number}.pdf"),
        )
        meeting.documents = [MeetingDocument(document=document, label=texts["label"])]
        with loading_content():
            meeting.save_revision().publish()
        meetings[meeting.url] = fields | texts

    for url, fields in meetings.items():
        html = html_of(client.get(url))
        shown = [value for value in fields.values() if "\r" not in value]
        assert_shown_as_text(html, *shown, f"Förening {IMG}", f"Regionen {SCRIPT}")
        [meeting] = json_ld(html)
        assert meeting["name"] == fields["title"]
        assert meeting["location"]["name"] == fields["place"]
        assert meeting["organizer"]["name"] == f"Regionen {SCRIPT}"
        assert meeting["attendee"] == [{"@type": "Organization", "name": f"Förening {IMG}"}]

    titles = [fields["title"] for fields in meetings.values() if "\r" not in fields["title"]]
    assert_shown_as_text(html_of(client.get(council.url)), *titles)
    home = html_of(client.get(site.home.url))
    assert_shown_as_text(home, titles[0])

    # No value starts a component of the feed.
    parsed = Calendar.from_ical(client.get(f"{council.url}ical/").content)
    by_title = {fields["title"].replace("\r\n", "\n"): fields for fields in meetings.values()}
    assert sorted(str(event["summary"]) for event in parsed.walk("VEVENT")) == sorted(by_title)
    for event in parsed.walk("VEVENT"):
        fields = by_title[str(event["summary"])]
        assert str(event["location"]) == fields["place"].replace("\r\n", "\n")


def test_a_javascript_address_is_refused_as_a_council_meetings_link(admin_client, site):
    council = CouncilIndexPageFactory(parent=site.home)
    response = admin_client.post(
        f"/admin/pages/add/council/councilmeetingpage/{council.pk}/",
        nested_form_data(
            {
                "title": "Möte",
                "slug": "mote",
                "summary": "Ett möte.",
                "start": "2027-03-12 13:00",
                "end": "2027-03-12 16:00",
                "online": "on",
                "online_url": "javascript:alert(1)",
                "agenda": streamfield([]),
                "decisions": streamfield([]),
                "region_participants": inline_formset([]),
                "documents": inline_formset([]),
            }
        ),
    )
    assert_refused(response)


# The competence directory (members/)


def test_competences_are_text_in_the_directory_its_filters_and_the_representatives_view(
    client, site, directory
):
    competences = []
    for number, payload in enumerate(PAYLOADS):
        kind = ["target-group", "language", "method"][number % 3]
        competence = CompetenceFactory(kind=kind, name=f"Kompetens {payload}")
        translate(competence, site.en, name=f"Competence {payload}", slug=f"en-{competence.slug}")
        competences.append(competence)
    organisation = MemberOrganisationFactory(
        name=f"Språkföreningen {SCRIPT}", competences=competences, reach=["kil"]
    )
    english_directory = directory.get_translation(site.en).url
    swedish_names = [competence.name for competence in competences]
    english_names = [f"Competence {payload}" for payload in PAYLOADS]

    assert_shown_as_text(html_of(client.get(directory.url)), organisation.name, *swedish_names)
    chosen = competences[1]
    filtered = html_of(client.get(directory.url, {"language": chosen.slug}))
    assert_shown_as_text(filtered, organisation.name, chosen.name)
    assert_shown_as_text(
        html_of(client.get(f"{directory.url}{organisation.slug}/")), *swedish_names
    )
    assert_shown_as_text(html_of(client.get(english_directory)), *english_names)
    assert_shown_as_text(
        html_of(client.get(f"{english_directory}{organisation.slug}/")), *english_names
    )

    representative = make_user("representant1", "Medlemsrepresentanter")
    Representative.objects.create(user=representative, organisation=organisation)
    client.force_login(representative)
    assert_shown_as_text(html_of(client.get("/admin/")), organisation.name)
    own = html_of(client.get("/admin/var-organisation/kompetenser/"))
    assert_shown_as_text(own, organisation.name, *swedish_names)
    client.force_login(make_user("redaktor", "Redaktörer"))
    edit = f"/admin/snippets/members/memberorganisation/edit/{organisation.pk}/"
    assert_shown_as_text(html_of(client.get(edit)), *swedish_names)


# Calls from the region (calls/)


def test_calls_show_payloads_as_text_on_pages_feeds_and_the_admins_answer_screens(client, site):
    from calls.answers import save_answer
    from calls.factories import CallIndexPageFactory, CallPageFactory, days
    from calls.models import CallAnswer

    index = CallIndexPageFactory(parent=site.home)
    translate(index, site.en, title="Calls", slug="calls")
    competence = CompetenceFactory(name=f"Kompetens {SCRIPT}")
    organisations = [MemberOrganisationFactory(name=f"Förening {payload}") for payload in PAYLOADS]
    representatives = []
    for number, organisation in enumerate(organisations):
        user = make_user(f"representant{number}", "Medlemsrepresentanter")
        Representative.objects.create(user=user, organisation=organisation)
        representatives.append(user)
    fields = {
        "title": f"Förfrågan {IMG}",
        "summary": f"Sammanfattning {EVERY_PAYLOAD}",
        "partner": f"Partner {END_SCRIPT}",
        "contact_name": f"Kontakt {SCRIPT}",
    }
    open_call = CallPageFactory(parent=index, slug="oppen", competences=[competence], **fields)
    closed = CallPageFactory(
        parent=index, slug="stangd", reply_by=days(-1), work_starts=days(2), **fields
    )
    for organisation, payload in zip(organisations, PAYLOADS, strict=True):
        CallAnswer.objects.create(
            call=closed, organisation=organisation, answer="participate",
            consent_to_name=True, note=f"Anteckning {payload}",
        )  # fmt: skip
    english = translate(open_call, site.en, title=f"Call {IMG}", summary=f"Summary {SCRIPT}")
    texts = [fields["title"], fields["summary"], fields["partner"], fields["contact_name"]]

    assert_shown_as_text(html_of(client.get("/forfragningar/")), fields["title"], fields["partner"])
    assert_shown_as_text(html_of(client.get(open_call.url)), *texts, competence.name)
    closed_page = html_of(client.get(closed.url))
    assert_shown_as_text(closed_page, *texts, *(o.name for o in organisations))
    assert_shown_as_text(html_of(client.get(english.url)), english.title, english.summary)
    for url, count in (("/forfragningar/rss/", 2), ("/en/calls/atom/", 1)):
        response = client.get(url)
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)
        entries = list(root.iter("item")) or list(root.iter(f"{ATOM}entry"))
        assert len(entries) == count
        for entry in entries:
            title = entry.findtext("title") or entry.findtext(f"{ATOM}title")
            assert title in (fields["title"], english.title)
            description = entry.findtext("description") or entry.findtext(f"{ATOM}summary")
            assert_escaped_html(description, fields["partner"])

    for user, payload in zip(representatives, PAYLOADS, strict=True):
        save_answer(open_call, user, answer="participate", note=f"Anteckning {payload}")
    client.force_login(representatives[0])
    assert_shown_as_text(html_of(client.get("/admin/")), fields["title"])
    assert_shown_as_text(html_of(client.get("/admin/forfragningar/svara/")), fields["title"])
    answer_page = html_of(client.get(f"/admin/forfragningar/svara/{open_call.pk}/"))
    assert_shown_as_text(answer_page, fields["title"], fields["summary"], competence.name)
    assert_shown_as_text(answer_page, organisations[0].name, f"Anteckning {PAYLOADS[0]}")

    client.force_login(make_user("redaktor", "Redaktörer"))
    assert_shown_as_text(html_of(client.get("/admin/forfragningar/")), fields["title"])
    for call in (open_call, closed):
        html = html_of(client.get(f"/admin/forfragningar/{call.pk}/"))
        notes = [f"Anteckning {payload}" for payload in PAYLOADS]
        assert_shown_as_text(html, fields["title"], *notes, *(o.name for o in organisations))


# Needs we see (needs/)


def test_signals_show_payloads_as_text_on_the_page_feeds_api_and_the_admin_screens(client, site):
    page = NeedsPageFactory(parent=site.home)
    translate(page, site.en, title="Needs we see", slug="needs-we-see")
    english = "/en/needs-we-see/"
    topic = TopicFactory(name=f"Sakområde {SCRIPT}")
    representative = make_user("representant1", "Medlemsrepresentanter")
    signals = []
    for number, payload in enumerate(PAYLOADS):
        organisation = MemberOrganisationFactory(name=f"Förening {payload}")
        if number == 0:
            Representative.objects.create(user=representative, organisation=organisation)
        signals.append(
            NeedFactory(
                public=True,
                status="answered",
                answered_at=timezone.now(),
                organisation=organisation,
                topic=topic,
                title=f"Signal {payload}",
                description=f"Beskrivning {payload}",
                target_group=f"Målgrupp {payload}",
                contribution=f"Bidrag {payload}",
                public_title=f"Rubrik {payload}",
                public_summary=f"Sammanfattning {payload}",
                public_title_en=f"Heading {payload}",
                public_summary_en=f"Summary {payload}",
                region_answer=f"Svar {payload}",
                region_answer_en=f"Answer {payload}",
            )
        )
    names = [signal.organisation.name for signal in signals]
    public = {
        "sv": [
            text for s in signals for text in (s.public_title, s.public_summary, s.region_answer)
        ],
        "en": [
            text
            for s in signals
            for text in (s.public_title_en, s.public_summary_en, s.region_answer_en)
        ],
    }

    assert_shown_as_text(html_of(client.get(page.url)), *public["sv"], *names, topic.name)
    assert_shown_as_text(html_of(client.get(english)), *public["en"], *names)
    for url, titles in (
        (f"{page.url}rss/", "public_title"),
        (f"{english}atom/", "public_title_en"),
    ):
        root = ElementTree.fromstring(html_of(client.get(url)).encode())
        entries = list(root.iter("item")) or list(root.iter(f"{ATOM}entry"))
        assert {e.findtext("title") or e.findtext(f"{ATOM}title") for e in entries} == {
            getattr(signal, titles) for signal in signals
        }
        for entry in entries:
            description = entry.findtext("description") or entry.findtext(f"{ATOM}summary")
            assert not LIVE.search(description), description
    api = client.get(f"/api/v2/pages/{page.pk}/")
    assert b"<" not in api.content
    assert {entry["title"] for entry in api.json()["needs"]} == {s.public_title for s in signals}

    client.force_login(make_user("redaktor", "Redaktörer"))
    assert_shown_as_text(html_of(client.get("/admin/behov/")), *(s.title for s in signals), *names)
    for signal in signals:
        html = html_of(client.get(f"/admin/behov/{signal.pk}/"))
        assert_shown_as_text(html, signal.title, signal.description, signal.contribution)
        assert_shown_as_text(html, signal.public_summary, signal.region_answer, topic.name)
    client.force_login(representative)
    mine = signals[0]
    assert_shown_as_text(html_of(client.get("/admin/")), mine.title)
    assert_shown_as_text(html_of(client.get("/admin/behov/vara/")), mine.title)
    assert_shown_as_text(
        html_of(client.get(f"/admin/behov/vara/{mine.pk}/")),
        mine.title,
        mine.description,
        mine.target_group,
        mine.region_answer,
    )


# The contact page (home/)


def test_the_contact_page_and_its_form_show_payloads_as_text(client, site):
    settings = NetworkSettings.for_site(site.site)
    settings.email = "info@idekammaren.example"
    settings.save()
    people = [
        ContactPersonFactory(name=f"Person {payload}", role=f"Roll {payload}")
        for payload in PAYLOADS
    ]
    page = ContactPageFactory(
        parent=site.home,
        introduction=f"Ingress {EVERY_PAYLOAD}",
        contact_persons=people[:2],
        press_contacts=people[2:],
        press_information=[
            {"type": "paragraph", "value": f"<p>Press {escape(EVERY_PAYLOAD)}</p>"},
        ],
    )

    html = html_of(client.get(page.url))
    assert_shown_as_text(
        html,
        page.introduction,
        *[person.name for person in people],
        *[person.role for person in people],
    )
    assert f'<meta name="description" content="{escape(page.introduction)}">' in html

    # What a reader wrote is shown again with the errors (here: sent too soon), as text.
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    written = {
        "name": IMG,
        "email": f"{SCRIPT}@example.org",
        "subject": END_SCRIPT,
        "message": f"</textarea>{EVERY_PAYLOAD}",
        "website": "",
        "token": token,
    }
    response = client.post(page.url, written)
    assert response.status_code == 400
    assert_shown_as_text(
        response.content.decode(), written["name"], written["subject"], written["message"]
    )
