"""Every listing and detail page costs the same queries for few items as for many."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from conftest import queries, translate
from events.factories import EventIndexPageFactory, EventPageFactory, at
from home.factories import ContactPersonFactory, TopicFactory
from members.factories import MemberOrganisationFactory
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
