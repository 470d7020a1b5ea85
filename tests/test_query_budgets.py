"""Every listing and detail page costs the same queries for few items as for many."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from conftest import queries, translate
from council.factories import CouncilIndexPageFactory, CouncilMeetingPageFactory, DocumentFactory
from council.factories import at as council_at
from council.models import MeetingDocument, RegionParticipant
from events.factories import EventIndexPageFactory, EventPageFactory, at
from home.core.publication import loading_content
from home.factories import ContactPersonFactory, TopicFactory
from members.factories import CompetenceFactory, MemberOrganisationFactory
from needs.factories import NeedFactory, NeedsPageFactory
from news.factories import NewsPageFactory
from positions.factories import (
    ConsultationCaseFactory,
    ConsultationResponsePageFactory,
    DeliveryFactory,
    EndorsementFactory,
    PositionStatementPageFactory,
    response_document,
)
from tests.worlds import fixtures_from_the_shared_world

LISTING_BUDGET = 12


site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


def image():
    return get_image_model().objects.create(title="Bild", file=get_test_image_file())


def package():
    """The generated files of a consultation case."""
    return {f"package_{ext}": response_document("Remissvar", ext) for ext in ("pdf", "docx")}


def test_news_listing(client, news_index):
    def add(count):
        for _ in range(count):
            NewsPageFactory(parent=news_index, listing_image=image())

    add(5)
    few = queries(client, "/nyheter/")
    add(95)
    assert queries(client, "/nyheter/") == few
    assert queries(client, "/nyheter/?page=8") == few
    assert few <= LISTING_BUDGET


def test_news_item(client, news_index):
    item = NewsPageFactory(parent=news_index, slug="nyhet", listing_image=image())
    item.topics.set([TopicFactory()])
    item.contact_persons.set([ContactPersonFactory()])
    item.save()
    one = queries(client, "/nyheter/nyhet/")
    item.topics.set(TopicFactory.create_batch(6))
    item.contact_persons.set(ContactPersonFactory.create_batch(5))
    item.save()
    assert queries(client, "/nyheter/nyhet/") == one


def test_statement_listing(client, statements_index, members):
    def add(count):
        for _ in range(count):
            statement = PositionStatementPageFactory(parent=statements_index)
            EndorsementFactory(page=statement, organisation=members[0])

    add(5)
    few = queries(client, "/stallningstaganden/")
    add(95)
    assert queries(client, "/stallningstaganden/") == few
    assert few <= LISTING_BUDGET


def test_statement_with_twelve_endorsers_costs_what_one_costs(client, statements_index, members):
    statement = PositionStatementPageFactory(parent=statements_index, slug="lokaler")
    for organisation in members:
        organisation.logo = image()
        organisation.save()
    EndorsementFactory(page=statement, organisation=members[0])
    one = queries(client, "/stallningstaganden/lokaler/")
    for organisation in members[1:]:
        EndorsementFactory(page=statement, organisation=organisation)
    assert queries(client, "/stallningstaganden/lokaler/") == one


def test_consultation_register(client, register, members):
    def add(count):
        for _ in range(count):
            response = ConsultationResponsePageFactory(parent=register)
            EndorsementFactory(page=response, organisation=members[0])

    add(5)
    few = queries(client, "/remisser/")
    add(95)
    assert queries(client, "/remisser/") == few
    assert few <= LISTING_BUDGET


def test_consultation_response(client, register, members):
    response = ConsultationResponsePageFactory(parent=register, slug="svar")
    EndorsementFactory(page=response, organisation=members[0])
    one = queries(client, "/remisser/svar/")
    for organisation in members[1:]:
        EndorsementFactory(page=response, organisation=organisation)
    assert queries(client, "/remisser/svar/") == one


def test_consultation_register_with_input_dates_and_outcomes(client, site, register):
    """Each row's members' input date and outcome come from its case in the listing's query; the
    feed reads the cases of all its entries at once."""

    def add(count):
        for _ in range(count):
            answered = ConsultationResponsePageFactory(parent=register)
            ConsultationCaseFactory(page=answered, followed_up=True)
            translate(answered, site.en)
            still_open = ConsultationResponsePageFactory(
                parent=register,
                status="received",
                submitted_date=None,
                stance="",
                response_deadline=datetime.date(2099, 1, 1),
            )
            ConsultationCaseFactory(page=still_open, input_deadline=datetime.date(2098, 12, 1))
            translate(still_open, site.en)

    urls = [
        "/remisser/",
        "/remisser/?outcome=partly",
        "/en/consultations/?outcome=partly",
        "/flode/remissvar.rss",
    ]
    add(5)
    few = [queries(client, url) for url in urls]
    add(45)
    assert [queries(client, url) for url in urls] == few
    assert max(few) <= LISTING_BUDGET


def test_consultation_response_with_its_case(client, site, register, members):
    """The case costs one query, in Swedish and in English, with one delivery or ten."""
    response = ConsultationResponsePageFactory(parent=register, slug="svar")
    translate(response, site.en, slug="answer")
    EndorsementFactory(page=response, organisation=members[0])
    case = ConsultationCaseFactory(page=response, followed_up=True, **package())
    DeliveryFactory(case=case)
    urls = ["/remisser/svar/", "/en/consultations/answer/"]
    one = [queries(client, url) for url in urls]
    DeliveryFactory.create_batch(9, case=case)
    for organisation in members[1:]:
        EndorsementFactory(page=response, organisation=organisation)
    assert [queries(client, url) for url in urls] == one


def calendar_with_events(site, count, calendar=None):
    """The calendar (made on the first call) with `count` more events: half ahead, half past,
    each with topics and contact persons, in both languages."""
    if calendar is None:
        calendar = EventIndexPageFactory(parent=site.home)
        translate(calendar, site.en, title="Calendar", slug="calendar")
    for number in range(count):
        days = number + 1 if number % 2 else -number - 1
        event = EventPageFactory(
            parent=calendar, start=at(days), end=at(days, 12), share_image=image()
        )
        event.topics.set([TopicFactory()])
        event.contact_persons.set([ContactPersonFactory()])
        event.save()
        translate(event, site.en)
    return calendar


def test_calendar_listings_and_feeds(client, site):
    urls = [
        "/kalender/",
        "/kalender/?municipality=karlstad",
        "/en/calendar/",
        "/kalender/ical/",
        "/en/calendar/ical/",
    ]
    calendar = calendar_with_events(site, 6)
    few = [queries(client, url) for url in urls]
    calendar_with_events(site, 44, calendar)
    assert [queries(client, url) for url in urls] == few
    assert queries(client, "/kalender/?page=2") == few[0]
    assert max(few) <= LISTING_BUDGET


def test_event_page(client, site):
    calendar = EventIndexPageFactory(parent=site.home)
    event = EventPageFactory(parent=calendar, slug="kurs", share_image=image())
    event.topics.set([TopicFactory()])
    event.contact_persons.set([ContactPersonFactory()])
    event.save()
    one = [queries(client, url) for url in ("/kalender/kurs/", "/kalender/kurs/ical/")]
    event.topics.set(TopicFactory.create_batch(6))
    event.contact_persons.set(ContactPersonFactory.create_batch(5))
    event.save()
    assert [queries(client, url) for url in ("/kalender/kurs/", "/kalender/kurs/ical/")] == one


def test_member_directory(client, directory):
    def add(count):
        for _ in range(count):
            MemberOrganisationFactory(logo=image(), areas=[TopicFactory()])

    add(5)
    few = queries(client, "/medlemmar/")
    add(95)
    assert queries(client, "/medlemmar/") == few
    assert few <= LISTING_BUDGET


def test_member_page(client, directory, statements_index, register):
    organisation = MemberOrganisationFactory(slug="grannkraft", logo=image())
    EndorsementFactory(
        page=PositionStatementPageFactory(parent=statements_index), organisation=organisation
    )
    one = queries(client, "/medlemmar/grannkraft/")
    for _ in range(10):
        EndorsementFactory(
            page=PositionStatementPageFactory(parent=statements_index), organisation=organisation
        )
        EndorsementFactory(
            page=ConsultationResponsePageFactory(parent=register), organisation=organisation
        )
    assert queries(client, "/medlemmar/grannkraft/") == one


# The competence directory (members/) ------------------------------------------------------------


def test_member_directory_filtered_by_competences(client, directory, site):
    kinds = ["target-group", "language", "method"]
    vocabulary = [CompetenceFactory(kind=kinds[n % 3]) for n in range(12)]
    for competence in vocabulary[:6]:
        translate(competence, site.en, slug=f"{competence.slug}-en", name=f"{competence.name} en")
    asked = vocabulary[:3]

    def add(count):
        for n in range(count):
            MemberOrganisationFactory(
                competences=[*asked, vocabulary[3 + n % 9]],
                reach=["kil", "sunne"],
                logo=image(),
                kind="study-association",
            )

    target_group, language, method = (competence.slug for competence in asked)
    urls = [
        f"/medlemmar/?target_group={target_group}&language={language}&method={method}"
        "&municipality=kil&kind=study-association",
        f"/en/members/?language={language}-en",
    ]
    add(5)
    few = [queries(client, url) for url in urls]
    add(45)
    assert [queries(client, url) for url in urls] == few
    assert max(few) <= LISTING_BUDGET


def test_member_page_with_competences(client, directory, site):
    organisation = MemberOrganisationFactory(slug="grannkraft", logo=image())
    urls = ["/medlemmar/grannkraft/", "/en/members/grannkraft/"]
    one = [queries(client, url) for url in urls]
    competences = [
        CompetenceFactory(kind=kind) for kind in ["target-group", "language", "method"] * 8
    ]
    for competence in competences[:10]:
        translate(competence, site.en, slug=f"{competence.slug}-en", name=f"{competence.name} en")
    organisation.competences = competences
    organisation.set_reach(["kil", "sunne", "torsby", "hela-lanet"])
    organisation.capacity = "large"
    organisation.save()
    # The page asks for its competences and its reach whether it has none or many.
    assert [queries(client, url) for url in urls] == one


# -------------------------------------------------------------------------------------------------


def test_home_page_with_every_slot_filled(
    client, site, news_index, statements_index, register, directory, members
):
    calendar = EventIndexPageFactory(parent=site.home)

    def add(count):
        for _ in range(count):
            EventPageFactory(parent=calendar)
            NewsPageFactory(parent=news_index)
            PositionStatementPageFactory(parent=statements_index)
            ConsultationResponsePageFactory(
                parent=register,
                status="received",
                submitted_date=None,
                stance="",
                response_deadline="2099-01-01",
            )

    add(1)
    few = queries(client, "/")
    add(10)
    assert queries(client, "/") == few


# A page read again before anything changes costs its own rows only (the page, its view
# restrictions, locale, topics and contact persons): the site, the route, the chrome, the
# translations and the endorsers come from the cache (home.core.navigation.generation).
READ_AGAIN_BUDGET = 7
# A consultation response also reads its case (the members' input date, the files, the
# follow-up), which changes without a publish and is read with the page's own rows.
READ_AGAIN_BUDGETS = {"/remisser/svar/": READ_AGAIN_BUDGET + 1}


def test_a_page_read_again_costs_only_its_own_rows(
    client, news_index, statements_index, register, members
):
    NewsPageFactory(parent=news_index, slug="nyhet", listing_image=image())
    statement = PositionStatementPageFactory(parent=statements_index, slug="lokaler")
    response = ConsultationResponsePageFactory(parent=register, slug="svar")
    for page in (statement, response):
        for organisation in members:
            EndorsementFactory(page=page, organisation=organisation)
    ConsultationCaseFactory(page=response, followed_up=True, **package())
    for url in ("/", "/nyheter/nyhet/", "/stallningstaganden/lokaler/", "/remisser/svar/"):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert len(captured) <= READ_AGAIN_BUDGETS.get(url, READ_AGAIN_BUDGET), url


# The council (council/) --------------------------------------------------------------------------


def council_with_meetings(site, count, members, council=None):
    """The council's page (made on the first call) with `count` more meetings, half ahead and half
    past, each with minutes, a document, organisations and the region's side, in both
    languages."""
    if council is None:
        council = CouncilIndexPageFactory(parent=site.home)
        translate(council, site.en, title="The council", slug="the-council")
    for number in range(count):
        days = number + 1 if number % 2 else -number - 1
        meeting = CouncilMeetingPageFactory(
            parent=council,
            start=council_at(days),
            end=council_at(days, 16),
            minutes=DocumentFactory(),
            share_image=image(),
        )
        meeting.organisations.set(members[:3])
        meeting.region_participants = [RegionParticipant(name="Alex Regionsson", role="chair")]
        meeting.documents = [MeetingDocument(document=DocumentFactory(), label="Kallelse")]
        with loading_content():
            meeting.save_revision().publish()
        translate(meeting, site.en)
    return council


def test_council_listing_and_feeds(client, site, directory, members):
    urls = ["/radet/", "/en/the-council/", "/radet/ical/", "/en/the-council/ical/"]
    council = council_with_meetings(site, 5, members)
    few = [queries(client, url) for url in urls]
    council_with_meetings(site, 45, members, council)
    assert [queries(client, url) for url in urls] == few
    assert queries(client, "/radet/?page=2") == few[0]
    assert max(few) <= LISTING_BUDGET


def test_council_meeting_page(client, site, directory, members):
    council = council_with_meetings(site, 0, members)
    meeting = CouncilMeetingPageFactory(parent=council, slug="mote", minutes=DocumentFactory())
    meeting.organisations.set(members[:1])
    meeting.region_participants = [RegionParticipant(name="Alex Regionsson", role="chair")]
    meeting.documents = [MeetingDocument(document=DocumentFactory(), label="Kallelse")]
    with loading_content():
        meeting.save_revision().publish()
    urls = ["/radet/mote/", "/radet/ical/mote/"]
    one = [queries(client, url) for url in urls]
    meeting.organisations.set(members)
    meeting.region_participants = [
        RegionParticipant(name=f"Alex Regionsson {number}", role="official") for number in range(8)
    ]
    meeting.documents = [
        MeetingDocument(document=DocumentFactory(), label=f"Bilaga {number}") for number in range(6)
    ]
    with loading_content():
        meeting.save_revision().publish()
    assert [queries(client, url) for url in urls] == one


def test_council_meetings_in_the_api(client, site, members):
    url = (
        "/api/v2/pages/?type=council.CouncilMeetingPage&fields=minutes,documents,organisations,"
        "region_participants,agenda,decisions"
    )

    def api_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    council = council_with_meetings(site, 5, members)
    api_queries()  # the first request looks up the site and the content types
    few = api_queries()
    council_with_meetings(site, 15, members, council)
    assert api_queries() == few


def test_home_page_with_the_next_council_meeting(client, site, members):
    council = council_with_meetings(site, 2, members)
    few = queries(client, "/")
    assert 'aria-labelledby="next-council-meeting"' in client.get("/").content.decode()
    council_with_meetings(site, 10, members, council)
    assert queries(client, "/") == few


# A council meeting read again: its row, its view restrictions, its share image, its minutes, and
# its organisations, the region's side and its other documents (a query each, however many).
COUNCIL_MEETING_READ_AGAIN_BUDGET = READ_AGAIN_BUDGET + 1


def test_a_council_meeting_read_again_costs_only_its_own_rows(client, site, directory, members):
    council_with_meetings(site, 1, members)
    client.get("/radet/")
    url = client.get("/radet/").content.decode().split('<h3 class="card__title"><a href="')[1]
    url = url.split('"')[0]
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) <= COUNCIL_MEETING_READ_AGAIN_BUDGET


# Needs we see (needs/) --------------------------------------------------------------------------


def test_needs_page_its_feeds_and_api(client, site, directory):
    page = NeedsPageFactory(parent=site.home)
    translate(page, site.en, title="Needs we see", slug="needs-we-see")

    def add(count):
        """`count` public signals, each with a topic in both languages and a signal merged in."""
        for _ in range(count):
            topic = TopicFactory()
            translate(topic, site.en, slug=f"{topic.slug}-en")
            signal = NeedFactory(public=True, topic=topic, municipality="sunne")
            NeedFactory(public=True, status="closed", published=False, merged_into=signal)

    urls = [
        "/behov-vi-ser/",
        "/behov-vi-ser/?municipality=sunne",
        "/en/needs-we-see/",
        "/behov-vi-ser/rss/",
        "/en/needs-we-see/atom/",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=needs.NeedsPage&fields=needs",
    ]
    add(5)
    few = [queries(client, url) for url in urls]
    add(45)
    assert [queries(client, url) for url in urls] == few
    assert queries(client, "/behov-vi-ser/?page=2") == few[0]
    assert max(few) <= LISTING_BUDGET


# Calls from the region (calls/) -----------------------------------------------------------------


def calls_page_with_calls(site, members, count, index=None):
    """The calls page (made on the first call) with `count` more calls, half open and half
    closed, each seeking a competence, with topics, a contact person and answers, in both
    languages."""
    from calls.factories import CallIndexPageFactory, CallPageFactory, days
    from calls.models import Answer, CallAnswer

    if index is None:
        index = CallIndexPageFactory(parent=site.home)
        translate(index, site.en, title="Calls", slug="calls")
    for number in range(count):
        reply_by = days(number + 1 if number % 2 else -number - 1)
        call = CallPageFactory(
            parent=index, reply_by=reply_by, work_starts=days(60), share_image=image()
        )
        call.topics.set([TopicFactory()])
        call.contact_persons.set([ContactPersonFactory()])
        call.competences.set([CompetenceFactory()])
        call.save()
        for organisation in members[:3]:
            CallAnswer.objects.create(
                call=call, organisation=organisation, answer=Answer.PARTICIPATE,
                consent_to_name=True,
            )  # fmt: skip
        translate(call, site.en)
    return index


def test_calls_listings_feeds_and_api(client, site, members):
    urls = [
        "/forfragningar/",
        "/en/calls/",
        "/forfragningar/rss/",
        "/en/calls/atom/",
        "/api/v2/pages/?type=calls.CallPage&fields=competences,topics,participation",
    ]
    index = calls_page_with_calls(site, members, 5)
    few = [queries(client, url) for url in urls]
    calls_page_with_calls(site, members, 45, index)
    assert [queries(client, url) for url in urls] == few
    assert queries(client, "/forfragningar/?page=2") == few[0]
    assert max(few) <= LISTING_BUDGET


def test_call_page(client, site, members):
    from calls.factories import CallIndexPageFactory, CallPageFactory, days
    from calls.models import Answer, CallAnswer

    index = CallIndexPageFactory(parent=site.home)
    closed = CallPageFactory(parent=index, slug="stangd", reply_by=days(-2), share_image=image())
    closed.competences.set([CompetenceFactory()])
    closed.topics.set([TopicFactory()])
    closed.save()
    CallAnswer.objects.create(call=closed, organisation=members[0], answer=Answer.PARTICIPATE)
    one = queries(client, "/forfragningar/stangd/")
    closed.competences.set(CompetenceFactory.create_batch(6))
    closed.topics.set(TopicFactory.create_batch(6))
    closed.save()
    for organisation in members[1:]:
        CallAnswer.objects.create(
            call=closed, organisation=organisation, answer=Answer.PARTICIPATE,
            consent_to_name=True,
        )  # fmt: skip
    assert queries(client, "/forfragningar/stangd/") == one


# The contact page (home/) ------------------------------------------------------------------------


def test_contact_page_with_twelve_contact_persons_costs_what_two_cost(client, site):
    from home.factories import ContactPageFactory

    page = ContactPageFactory(
        parent=site.home,
        contact_persons=ContactPersonFactory.create_batch(1),
        press_contacts=ContactPersonFactory.create_batch(1),
    )
    two = queries(client, "/kontakt/")
    page.contact_persons.set(ContactPersonFactory.create_batch(6))
    page.press_contacts.set(ContactPersonFactory.create_batch(6))
    with loading_content():
        page.save()
    assert queries(client, "/kontakt/") == two
