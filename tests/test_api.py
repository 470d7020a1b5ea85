"""The open-data API at /api/v2/: published content only, read-only JSON, a 4xx for bad input."""

import datetime
import json
from datetime import UTC

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
)

import pytest

from conftest import make_user, queries, translate
from council.factories import CouncilIndexPageFactory, CouncilMeetingPageFactory
from council.models import MeetingDocument
from home.core.publication import loading_content
from home.factories import ContentPageFactory, TopicFactory
from needs.factories import NeedFactory, NeedsPageFactory
from news.factories import NewsPageFactory
from positions.factories import (
    ConsultationCaseFactory,
    ConsultationResponsePageFactory,
    DeliveryFactory,
    EndorsementFactory,
    IssuingAuthorityFactory,
    MemberInputFactory,
    PositionStatementPageFactory,
)
from tests.review_fixtures import in_member_review
from tests.worlds import fixtures_from_the_shared_world

PAGES = "/api/v2/pages/"
DOCUMENTS = "/api/v2/documents/"
IMAGES = "/api/v2/images/"
STATEMENTS = f"{PAGES}?type=positions.PositionStatementPage"


site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    return response.json()


def listed_ids(client, url):
    return {item["id"] for item in get(client, url)["items"]}


def pdf(name, **fields):
    return get_document_model().objects.create(
        title=name, file=ContentFile(b"%PDF-1.4\n", name=f"{name}.pdf"), **fields
    )


def picture(name):
    return get_image_model().objects.create(
        title=name, file=get_test_image_file(filename=f"{name}.png")
    )


def document_block(document):
    return [{"type": "document", "value": {"document": document.pk, "link_text": ""}}]


def image_block(image):
    return [{"type": "image", "value": {"image": image.pk, "alt_text": "Bild", "caption": ""}}]


def assert_hidden(client, endpoint, item, secret):
    """`item` is neither listed, found nor shown by id, and `secret` is in no answer."""
    assert client.get(f"{endpoint}{item.pk}/").status_code == 404
    assert client.get(f"{endpoint}find/?id={item.pk}").status_code == 404
    for url in [f"{endpoint}?limit=20", f"{endpoint}?search={secret}"]:
        response = client.get(url)
        assert item.pk not in {listed["id"] for listed in response.json()["items"]}
        assert secret not in response.content.decode()


@pytest.fixture
def restricted(site):
    """A private section, by password, with a child page."""
    section = ContentPageFactory(parent=site.home, title="Styrelserummet", slug="styrelserummet")
    child = ContentPageFactory(parent=section, title="Styrelseprotokoll", slug="protokoll")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    return section, child, restriction


@pytest.fixture
def statement_workflow(statements_index):
    WorkflowPage.objects.create(
        page=statements_index, workflow=Workflow.objects.get(name="Ställningstagande")
    )


def into_member_review(page, django_capture_on_commit_callbacks):
    editor = make_user("redaktor", "Redaktörer")
    with django_capture_on_commit_callbacks(execute=True):
        state = in_member_review(page, editor, make_user("admin", is_superuser=True))
    assert state.task.name == "Medlemsgranskning"


class TestPages:
    def test_statement_shows_its_fields_and_endorsing_organisations(
        self, client, site, statements_index, members
    ):
        topic = TopicFactory(name="Folkhälsa", slug="folkhalsa")
        translate(topic, site.en, name="Public health", slug="public-health")
        document = pdf("stallningstagande-lokaler")
        statement = PositionStatementPageFactory(
            parent=statements_index,
            summary="Öppna skolorna för föreningslivet.",
            date_adopted="2026-03-12",
            document=document,
        )
        statement.topics.set([topic])
        statement.save()
        for organisation in members[:3]:
            EndorsementFactory(page=statement, organisation=organisation)
        members[2].active = False
        members[2].save()
        english = translate(statement, site.en, slug="premises", summary="Open the schools.")

        data = get(client, f"{PAGES}{statement.pk}/")
        assert data["summary"] == "Öppna skolorna för föreningslivet."
        assert data["date_adopted"] == "2026-03-12"
        assert data["topics"] == [{"name": "Folkhälsa", "slug": "folkhalsa"}]
        assert data["document"]["meta"]["download_url"].endswith(
            f"/documents/{document.pk}/stallningstagande-lokaler.pdf"
        )
        endorsers = [{"name": o.name, "slug": o.slug} for o in members[:2]]
        assert data["endorsing_organisations"] == endorsers
        assert endorsers == [
            {"name": o.name, "slug": o.slug} for o in statement.endorsing_organisations()
        ]

        data = get(client, f"{PAGES}{english.pk}/")
        assert data["summary"] == "Open the schools."
        assert data["topics"] == [{"name": "Public health", "slug": "public-health"}]
        assert data["endorsing_organisations"] == endorsers

    def test_consultation_response_shows_the_remiss(self, client, register, members):
        document = pdf("remissvar-kulturplan")
        response = ConsultationResponsePageFactory(
            parent=register,
            referral_title="Regional kulturplan 2027–2030",
            authority=IssuingAuthorityFactory(name="Region Värmland", slug="region-varmland"),
            diarienummer="RV2026/0412",
            referral_reference="SOU 2025:12",
            referral_url="https://regionvarmland.se/remiss",
            invited=True,
            received_date="2026-01-10",
            response_deadline="2026-03-01",
            submitted_date="2026-02-27",
            status="answered",
            stance="approve-in-part",
            response_document=document,
        )
        EndorsementFactory(page=response, organisation=members[0])

        data = get(client, f"{PAGES}{response.pk}/")
        assert {name: data[name] for name in data.keys() - {"id", "meta", "body"}} == {
            "title": response.title,
            "referral_title": "Regional kulturplan 2027–2030",
            "authority": {"name": "Region Värmland", "slug": "region-varmland"},
            "diarienummer": "RV2026/0412",
            "referral_reference": "SOU 2025:12",
            "referral_url": "https://regionvarmland.se/remiss",
            "invited": True,
            "received_date": "2026-01-10",
            "response_deadline": "2026-03-01",
            "submitted_date": "2026-02-27",
            "status": "answered",
            "stance": "approve-in-part",
            "summary": response.summary,
            "topics": [],
            "endorsing_organisations": [{"name": members[0].name, "slug": members[0].slug}],
            "separate_statements": [],
            "response_document": data["response_document"],
            "input_deadline": None,
            "sent_date": None,
            "follow_up": None,
        }
        assert data["response_document"]["id"] == document.pk

    def test_consultation_response_shows_its_case_in_every_language(
        self, client, site, register, members
    ):
        response = ConsultationResponsePageFactory(parent=register, response_deadline="2026-03-01")
        english = translate(response, site.en, slug="culture-plan")
        case = ConsultationCaseFactory(
            page=response, input_deadline="2026-02-10", followed_up=True, uptake="partly"
        )
        # Sent first just after midnight in Sweden (the 26th in UTC), then again.
        DeliveryFactory(case=case, sent_at=datetime.datetime(2026, 2, 26, 23, 30, tzinfo=UTC))
        DeliveryFactory(case=case, sent_at=datetime.datetime(2026, 2, 28, 9, 0, tzinfo=UTC))
        MemberInputFactory(case=case, organisation=members[0], text="Vår hemliga synpunkt.")

        for page in (response, english):
            data = get(client, f"{PAGES}{page.pk}/")
            assert data["input_deadline"] == "2026-02-10"
            assert data["sent_date"] == "2026-02-27"
            assert data["follow_up"] == {
                "uptake": "partly",
                "decision_title": case.decision_title,
                "decision_url": case.decision_url,
                "decision_date": "2026-06-10",
                "comment": case.follow_up_comment,
            }

    def test_a_follow_up_shows_only_once_the_consultation_is_answered(self, client, register):
        response = ConsultationResponsePageFactory(
            parent=register, status="preparing", submitted_date=None, stance=""
        )
        ConsultationCaseFactory(page=response, followed_up=True)
        assert get(client, f"{PAGES}{response.pk}/")["follow_up"] is None

    def test_news_item_shows_date_introduction_and_topics(self, client, news_index):
        item = NewsPageFactory(parent=news_index, date="2026-05-04", introduction="Ny stämma.")
        item.topics.set([TopicFactory(name="Demokrati", slug="demokrati")])
        item.save()
        url = f"{PAGES}?type=news.NewsPage&fields=date,introduction,topics"
        [data] = get(client, url)["items"]
        assert (data["date"], data["introduction"]) == ("2026-05-04", "Ny stämma.")
        assert data["topics"] == [{"name": "Demokrati", "slug": "demokrati"}]

    def test_listing_by_type_and_fields(self, client, statements_index, news_index, members):
        statement = PositionStatementPageFactory(parent=statements_index)
        NewsPageFactory(parent=news_index)
        url = f"{STATEMENTS}&fields=summary,endorsing_organisations"
        [item] = get(client, url)["items"]
        assert (item["id"], item["summary"]) == (statement.pk, statement.summary)
        assert item["endorsing_organisations"] == []
        EndorsementFactory(page=statement, organisation=members[0])
        [item] = get(client, url)["items"]
        assert item["endorsing_organisations"] == [
            {"name": members[0].name, "slug": members[0].slug}
        ]

    def test_an_offset_past_the_end_gives_no_items(self, client, statements_index):
        PositionStatementPageFactory(parent=statements_index)
        data = get(client, f"{PAGES}?offset=99999999999999999999")
        assert data["items"] == []
        assert data["meta"]["total_count"] > 0


class TestUnpublishedPagesAreNeverShown:
    def test_a_draft(self, client, news_index):
        draft = NewsPageFactory(parent=news_index, live=False, title="Utkast om nedläggningen")
        assert_hidden(client, PAGES, draft, "nedläggningen")
        assert client.get(f"{PAGES}?child_of={draft.pk}").status_code == 400
        assert client.get(f"{PAGES}find/?html_path=/nyheter/{draft.slug}/").status_code == 404

    @pytest.mark.parametrize(
        "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
    )
    def test_a_private_page_and_its_child(self, client, restricted, restriction_type):
        section, child, restriction = restricted
        restriction.restriction_type = restriction_type
        restriction.save()
        assert_hidden(client, PAGES, section, "Styrelserummet")
        assert_hidden(client, PAGES, child, "Styrelseprotokoll")
        assert client.get(f"{PAGES}find/?html_path=/styrelserummet/protokoll/").status_code == 404

    def test_a_private_page_stays_hidden_from_those_who_may_read_it(self, client, restricted):
        section, child, restriction = restricted
        session = client.session
        session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
        session.save()
        assert client.get("/styrelserummet/protokoll/").status_code == 200
        assert_hidden(client, PAGES, child, "Styrelseprotokoll")
        client.force_login(make_user("admin", is_superuser=True))
        assert_hidden(client, PAGES, child, "Styrelseprotokoll")

    def test_a_newer_revision_of_a_live_page(self, client, statements_index):
        statement = PositionStatementPageFactory(
            parent=statements_index, title="Lokaler", summary="Den antagna texten."
        )
        statement.title = "Lokaler (utkast)"
        statement.summary = "Ett utkast som ingen har antagit."
        statement.save_revision()

        data = get(client, f"{PAGES}{statement.pk}/")
        assert (data["title"], data["summary"]) == ("Lokaler", "Den antagna texten.")
        for url in [f"{STATEMENTS}&fields=summary", f"{PAGES}?search=utkast"]:
            assert "utkast" not in client.get(url).content.decode()

    def test_a_statement_in_member_review(
        self, client, statements_index, statement_workflow, django_capture_on_commit_callbacks
    ):
        statement = PositionStatementPageFactory(
            parent=statements_index, live=False, title="Samlingslokaler under granskning"
        )
        into_member_review(statement, django_capture_on_commit_callbacks)
        assert_hidden(client, PAGES, statement, "Samlingslokaler")

    def test_a_live_statement_whose_new_text_is_in_member_review(
        self, client, statements_index, statement_workflow, django_capture_on_commit_callbacks
    ):
        statement = PositionStatementPageFactory(parent=statements_index, summary="Antagen.")
        statement.summary = "Ny text som medlemmarna röstar om."
        into_member_review(statement, django_capture_on_commit_callbacks)
        assert get(client, f"{PAGES}{statement.pk}/")["summary"] == "Antagen."

    def test_an_alias_does_not_name_its_private_original(self, client, site, restricted):
        section, child, restriction = restricted
        with loading_content():
            alias = child.create_alias(parent=site.home, update_slug="protokoll-alias")
        assert get(client, f"{PAGES}{alias.pk}/")["meta"]["alias_of"] is None


class TestDocumentsAndImages:
    def test_a_document_of_a_live_public_page_is_shown(self, client, statements_index):
        linked = pdf("bilaga-i-brodtexten")
        chosen = pdf("stallningstagandet")
        PositionStatementPageFactory(
            parent=statements_index, document=chosen, body=document_block(linked)
        )
        data = get(client, DOCUMENTS)
        assert {item["id"] for item in data["items"]} == {linked.pk, chosen.pk}
        assert get(client, f"{DOCUMENTS}{chosen.pk}/")["meta"]["download_url"].endswith(
            "/stallningstagandet.pdf"
        )

    def test_a_document_of_a_draft_is_hidden(self, client, statements_index):
        document = pdf("utkast-till-stallningstagande")
        PositionStatementPageFactory(parent=statements_index, live=False, document=document)
        assert_hidden(client, DOCUMENTS, document, "utkast-till-stallningstagande")
        assert "utkast-till" not in client.get(f"{STATEMENTS}&fields=document").content.decode()

    def test_a_document_of_a_newer_revision_is_hidden(self, client, statements_index):
        document = pdf("ny-bilaga")
        statement = PositionStatementPageFactory(parent=statements_index)
        statement.document = document
        statement.save_revision()
        assert_hidden(client, DOCUMENTS, document, "ny-bilaga")
        assert get(client, f"{PAGES}{statement.pk}/")["document"] is None

    def test_a_document_of_a_private_page_is_hidden(self, client, restricted):
        section, child, restriction = restricted
        document = pdf("protokoll-mars")
        child.body = document_block(document)
        with loading_content():
            child.save_revision().publish()
        assert_hidden(client, DOCUMENTS, document, "protokoll-mars")

    def test_a_document_of_a_page_that_is_unpublished_is_hidden(self, client, statements_index):
        document = pdf("gammalt-uttalande")
        statement = PositionStatementPageFactory(parent=statements_index, document=document)
        assert listed_ids(client, DOCUMENTS) == {document.pk}
        statement.unpublish()
        assert_hidden(client, DOCUMENTS, document, "gammalt-uttalande")

    @pytest.mark.parametrize(
        "restriction_type",
        [CollectionViewRestriction.PASSWORD, CollectionViewRestriction.LOGIN],
    )
    def test_a_document_in_a_private_collection_is_hidden(
        self, client, statements_index, restriction_type
    ):
        board = Collection.get_first_root_node().add_child(name="Styrelsen")
        within = board.add_child(name="Protokoll")
        CollectionViewRestriction.objects.create(
            collection=board, restriction_type=restriction_type, password="hemligt"
        )
        document = pdf("styrelsens-protokoll", collection=within)
        PositionStatementPageFactory(parent=statements_index, body=document_block(document))
        assert_hidden(client, DOCUMENTS, document, "styrelsens-protokoll")

    def test_an_image_of_a_live_public_page_is_shown(self, client, news_index):
        listing, in_body = picture("stamman"), picture("samlingslokalen")
        NewsPageFactory(parent=news_index, listing_image=listing, body=image_block(in_body))
        assert listed_ids(client, IMAGES) == {listing.pk, in_body.pk}
        assert get(client, f"{IMAGES}{listing.pk}/")["title"] == "stamman"

    def test_an_image_of_a_draft_is_hidden(self, client, news_index):
        listing, in_body = picture("hemlig-forsida"), picture("hemlig-bild")
        NewsPageFactory(
            parent=news_index, live=False, listing_image=listing, body=image_block(in_body)
        )
        assert_hidden(client, IMAGES, listing, "hemlig-forsida")
        assert_hidden(client, IMAGES, in_body, "hemlig-bild")


class TestReadOnlyJson:
    URLS = [PAGES, f"{PAGES}1/", DOCUMENTS, IMAGES]

    @pytest.mark.parametrize("url", URLS)
    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
    def test_only_reading_is_allowed(self, client, site, url, method):
        response = getattr(client, method)(url)
        assert response.status_code == 405
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}

    @pytest.mark.parametrize("method", ["head", "options"])
    def test_head_and_options_answer(self, client, site, method):
        assert getattr(client, method)(PAGES).status_code == 200

    def test_there_is_no_browsable_html_api(self, client, site):
        assert client.get(f"{PAGES}?format=api").status_code == 404
        response = client.get(PAGES, headers={"accept": "text/html"})
        assert response.status_code == 406
        assert response["Content-Type"] == "application/json"

    @pytest.mark.parametrize("signed_in", [False, True])
    @pytest.mark.parametrize(
        "url", [PAGES, f"{PAGES}999999/", f"{PAGES}?limit=-1", f"{PAGES}?format=api", DOCUMENTS]
    )
    def test_no_cookies_even_for_a_signed_in_editor(self, client, restricted, url, signed_in):
        """A private section exists, so that a look into the session would show in `Vary`."""
        if signed_in:
            client.force_login(make_user("redaktor", "Redaktörer"))
        response = client.get(url, headers={"accept": "text/html,*/*;q=0.8"})
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")


BAD_QUERIES = [
    "?limit=-1",
    "?limit=abc",
    "?limit=1000000",
    "?limit=99999999999999999999",
    "?offset=abc",
    "?offset=-5",
    "?fields=secret",
    "?fields=title(",
    "?search=a%00b",
    "?search=stamma&search_operator=nor",
    "?search=x&title=%00",
    "?order=secret",
    "?id=abc",
    "find/?id=abc",
    "find/?id=%00",
    "99999999999999999999/",
]
BAD_PAGE_QUERIES = [
    "?type=nonexistent.Model",
    "?type=nonexistent",
    "?type=wagtaildocs.Document",
    "?type=news.NewsPage&fields=topics(secret)",
    "?type=news.NewsPage&date=abc",
    "?type=news.NewsPage&topics=abc",
    "?type=positions.ConsultationResponsePage&authority=abc",
    "?type=positions.ConsultationResponsePage&invited=maybe",
    "?first_published_at=abc",
    "?child_of=abc",
    "?descendant_of=-1",
    "?translation_of=999999",
    "?locale=xx",
    "?site=nowhere.example",
    "?site=localhost:abc",
    "?rich_text_format=pdf",
    "find/?html_path=/nyheter/%00/",
]


@pytest.mark.parametrize(
    "url",
    [PAGES + query for query in BAD_QUERIES + BAD_PAGE_QUERIES]
    + [endpoint + query for endpoint in [DOCUMENTS, IMAGES] for query in BAD_QUERIES],
)
def test_bad_input_is_a_client_error_in_json(client, news_index, url):
    NewsPageFactory(parent=news_index, listing_image=picture("bild"))
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "message" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        f"{PAGES}?id=99999999999999999999",
        f"{PAGES}?type=positions.PositionStatementPage&document=99999999999999999999",
        f"{PAGES}?child_of=99999999999999999999",
        f"{DOCUMENTS}?id=99999999999999999999",
        f"{IMAGES}find/?id=99999999999999999999",
    ],
)
def test_numbers_too_large_for_the_database_are_no_error(client, statements_index, url):
    PositionStatementPageFactory(parent=statements_index, document=pdf("bilaga"))
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    assert response["Content-Type"] == "application/json"


def test_listing_statements_costs_the_same_for_2_as_for_20(client, statements_index, members):
    topics = TopicFactory.create_batch(3)

    def add(count):
        for _ in range(count):
            statement = PositionStatementPageFactory(
                parent=statements_index, document=pdf("stallningstagande")
            )
            statement.topics.set(topics)
            statement.save()
            for organisation in members[:4]:
                EndorsementFactory(page=statement, organisation=organisation)

    fields = "summary,date_adopted,topics,endorsing_organisations,separate_statements,document"
    add(2)
    few = queries(client, f"{STATEMENTS}&fields={fields}")
    add(18)
    assert queries(client, f"{STATEMENTS}&fields={fields}") == few
    assert queries(client, f"{PAGES}?limit=20") == queries(client, f"{PAGES}?limit=2")


def test_listing_consultation_responses_costs_the_same_for_2_as_for_20(client, register, members):
    def add(count):
        for _ in range(count):
            response = ConsultationResponsePageFactory(parent=register)
            case = ConsultationCaseFactory(
                page=response, input_deadline=datetime.date(2026, 2, 1), followed_up=True
            )
            DeliveryFactory(case=case)
            MemberInputFactory(case=case, organisation=members[0])

    fields = "input_deadline,sent_date,follow_up,endorsing_organisations"
    url = f"{PAGES}?type=positions.ConsultationResponsePage&fields={fields}"
    add(2)
    few = queries(client, url)
    add(18)
    assert queries(client, url) == few
    items = get(client, url)["items"]
    assert len(items) == 20
    assert all(item["follow_up"]["uptake"] == "partly" for item in items)


# Needs we see (needs/) --------------------------------------------------------------------------


def test_the_needs_page_carries_only_its_public_signals(client, site, members):
    page = NeedsPageFactory(parent=site.home)
    english = translate(page, site.en, title="Needs we see", slug="needs-we-see")
    NeedFactory(
        public=True,
        organisation=members[0],
        public_title="Skolskjuts för fritidsaktiviteter",
        public_title_en="School transport to leisure activities",
        public_summary="Barn på landsbygden når inte fritidsaktiviteterna efter skolan.",
    )
    for hidden in ({"consent_to_publish": False}, {"published": False}, {"status": "new"}):
        NeedFactory(
            public=True,
            organisation=members[1],
            public_title="Hemlig signal om fjällbyarna",
            public_summary="Fjällbyarnas behov utan samtycke.",
            description="Det föreningen själv skrev.",
            **hidden,
        )

    sv, en = get(client, f"{PAGES}{page.pk}/"), get(client, f"{PAGES}{english.pk}/")
    listing = get(client, f"{PAGES}?type=needs.NeedsPage&fields=needs")

    assert [entry["title"] for entry in sv["needs"]] == ["Skolskjuts för fritidsaktiviteter"]
    assert [entry["title"] for entry in en["needs"]] == ["School transport to leisure activities"]
    assert sv["needs"][0]["organisations"] == [members[0].name]
    assert {item["id"] for item in listing["items"]} == {page.pk, english.pk}
    assert listed_ids(client, f"{PAGES}?search=skolskjuts") == {page.pk}
    assert listed_ids(client, f"{PAGES}?search=fjällbyarna") == set()
    for url in [f"{PAGES}{page.pk}/", f"{PAGES}?type=needs.NeedsPage&fields=*"]:
        text = json.dumps(get(client, url), ensure_ascii=False)
        assert "Skolskjuts" in text
        assert "fjällbyarna" not in text and "själv skrev" not in text


# The council (council/) -------------------------------------------------------------------------


def test_a_council_meetings_documents_are_listed_once_it_is_published(client, site):
    minutes, notice = pdf("protokoll-radet"), pdf("kallelse-radet")
    council = CouncilIndexPageFactory(parent=site.home)
    meeting = CouncilMeetingPageFactory(parent=council, live=False, minutes=minutes)
    meeting.documents = [MeetingDocument(document=notice, label="Kallelse")]
    meeting.save_revision()
    assert_hidden(client, DOCUMENTS, minutes, "protokoll-radet")
    assert_hidden(client, DOCUMENTS, notice, "kallelse-radet")

    with loading_content():
        meeting.get_latest_revision().publish()
    assert {minutes.pk, notice.pk} <= listed_ids(client, DOCUMENTS)
    (item,) = get(client, f"{PAGES}?type=council.CouncilMeetingPage&fields=minutes,documents")[
        "items"
    ]
    assert item["minutes"]["id"] == minutes.pk
    assert [document["label"] for document in item["documents"]] == ["Kallelse"]
