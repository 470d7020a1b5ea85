"""Hostile input to every public URL that takes any: an answer a visitor can use, never an error.

Each value of the corpus goes, one parameter at a time, into the query string of the search, the
listings, the member directory, the feeds and the open-data API, and into the path itself. Every
answer is a 200, 400 or 404 within a fixed number of queries (however large, deep or repeated the
value: no value makes the site do more work); the page still has its heading, and no value
comes back unescaped. A request for another host is a 400.

The demo content is loaded once for the module, in a transaction that is rolled back after it;
each test runs in a savepoint within it.
"""

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import get_language_from_path

import pytest

pytestmark = pytest.mark.django_db

SLOT = "VALUE"
QUERIES = 40


@dataclass(frozen=True)
class Hostile:
    """A value as it travels: percent-encoded, or raw bytes written as latin-1 characters.

    `marker` is what must never come back as it was sent, where a browser would take it for markup.
    """

    name: str
    wire: str
    marker: str = ""

    def __str__(self):
        return self.name


def typed(name, text, marker=None):
    """What a visitor typed, percent-encoded as a browser sends it."""
    if marker is None:
        marker = text if re.search(r"[<>\"']", text) else ""
    return Hostile(name, quote(text, safe=""), marker)


def sent(name, wire):
    """Bytes as they arrive on the wire, which no browser would send."""
    return Hostile(name, wire)


SCRIPT = "<script>alert(1)</script>"
REPEATED = "&".join(
    f"{name}={value}"
    for name in [
        *("page", "q", "type", "topic", "year", "authority", "area", "municipality"),
        *("search", "fields", "limit", "offset", "order", "locale", "child_of", "html_path"),
    ]
    for value in ("1", "2", "", "-1")
)
CORPUS = [
    # NUL bytes
    typed("nul", "\x00"),
    typed("nul-inside", "lokal\x00förening"),
    # Unpaired surrogates: UTF-8 encodings of U+D800 and U+DC00, and escaped spellings of them
    sent("surrogate-high", "%ED%A0%80"),
    sent("surrogate-low", "lokal%ED%B0%80"),
    typed("surrogate-percent-u", "%uD800"),
    typed("surrogate-json-escape", r"\ud800"),
    # Invalid UTF-8
    sent("utf8-ff-fe", "%FF%FE"),
    sent("utf8-overlong-slash", "%C0%AF"),
    sent("utf8-truncated", "lokal%E2%82"),
    sent("raw-latin1-bytes", "\xff\xfe\xe5"),
    # Long values
    typed("10000-characters", "ä" * 10_000),
    typed("10000-characters-of-markup", SCRIPT * 400, marker=SCRIPT),
    typed("500-words", " ".join(f"ord{number}" for number in range(500))),
    typed("500-words-and-operators", " & ".join(["lokal"] * 500)),
    # tsquery, SQL and regular expression syntax
    typed("tsquery-operators", "a & | ! :* ( )"),
    typed("tsquery-prefix-and-not", "lokal:* & !(förening | 'x')"),
    typed("tsquery-phrase", "lokal <-> förening <2> x"),
    typed("tsquery-quotes", r"''' \"\" \\ \\\\"),
    typed("sql-or", "' OR '1'='1"),
    typed("sql-drop", "1; DROP TABLE wagtailcore_page; --"),
    typed("sql-like", "%' OR 1=1 --"),
    typed("sql-sleep", '") OR pg_sleep(5)--'),
    typed("regex-catastrophic", "(a+)+$" + "a" * 40 + "!"),
    typed("regex-class", "[[:alpha:]"),
    # Markup and script
    typed("script", SCRIPT),
    typed("attribute-break", '"><img src=x onerror=alert(1)>'),
    typed("single-quote-break", "'><svg/onload=alert(1)>"),
    typed("title-break", f"</title>{SCRIPT}"),
    typed("template-syntax", "{{ 7|add:7 }}{% debug %}"),
    # javascript: and other URLs that a link must not take
    typed("javascript-url", "javascript:alert(1)"),
    typed("javascript-url-tab", "\tJaVaScRiPt:alert(document.cookie)"),
    typed("data-url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    typed("protocol-relative-url", "//evil.example/"),
    # Numbers
    typed("huge-number", "9" * 30),
    typed("past-int64", "9223372036854775808"),
    typed("past-int32", "2147483648"),
    typed("negative", "-1"),
    typed("huge-negative", "-" + "9" * 30),
    typed("zero", "0"),
    typed("exponent", "1e309"),
    typed("not-a-number", "NaN"),
    typed("fraction", "1.5"),
    typed("fullwidth-digit", "９"),
    # Repeated parameters, and more of them than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS)
    sent("repeated-parameters", "1&" + REPEATED),
    sent("10001-parameters", "1" + "&page=1" * 10_000),
    # Paths and headers
    typed("path-traversal", "../../etc/passwd"),
    sent("encoded-path-traversal", "%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
    typed("header-injection", "x\r\nSet-Cookie: hostile=1"),
    # Locale prefixes the site does not have, or not spelled so
    typed("locale-de", "de"),
    typed("locale-xx-yy", "xx-yy"),
    typed("locale-upper-en", "EN"),
    typed("locale-sv", "sv"),
    # Valid Unicode, unkindly
    typed("right-to-left-override", "\u202eliamg.moc"),
    typed("1000-combining-marks", "a" + "\u0301" * 1000),
]


@dataclass(frozen=True)
class Target:
    """A URL with SLOT where the hostile value goes."""

    url: str

    def __str__(self):
        return self.url

    def request(self, client, hostile, **headers):
        path, _, query = self.url.replace(SLOT, hostile.wire).partition("?")
        with CaptureQueriesContext(connection) as queries:
            response = client.generic("GET", path, QUERY_STRING=query, **headers)
        return response, len(queries)


# A word of many pages in both languages, so that the search has results to filter and page.
WORD = quote("Värmland")


def targets(*urls):
    return [Target(url) for url in urls]


# Each parameter of each page on its own, lest one filter's 404 hide what another does. The
# English pages run the same code as the Swedish ones; a few of their parameters will do.
SEARCH = targets(
    "/sok/?q=VALUE",
    f"/sok/?q={WORD}&type=VALUE",
    f"/sok/?q={WORD}&topic=VALUE",
    f"/sok/?q={WORD}&page=VALUE",
    "/en/search/?q=VALUE",
)
LISTINGS = targets(
    "/nyheter/?page=VALUE",
    "/nyheter/?topic=VALUE",
    "/en/news/?page=VALUE",
    "/stallningstaganden/?page=VALUE",
    "/en/positions/?topic=VALUE",
    "/remisser/?year=VALUE",
    "/remisser/?authority=VALUE",
    "/remisser/?page=VALUE",
    "/remisser/?outcome=VALUE",
    "/medlemmar/?area=VALUE",
    "/medlemmar/?municipality=VALUE",
    # The competence directory's filters (members/)
    "/medlemmar/?kind=VALUE",
    "/medlemmar/?target_group=VALUE",
    "/medlemmar/?language=VALUE",
    "/medlemmar/?method=VALUE",
    "/medlemmar/?language=arabiska&method=VALUE&municipality=kil",
    "/en/members/?language=VALUE",
    "/medlemmar/VALUE/",
    "/en/members/VALUE/",
    "/kalender/?page=VALUE",
    "/kalender/?topic=VALUE",
    "/kalender/?municipality=VALUE",
    "/en/calendar/?municipality=VALUE",
    "/en/calendar/?page=VALUE",
)
# The feeds take no parameters; one of each kind, in each format and language, gets some anyway.
FEEDS = targets(
    "/flode/nyheter.rss?page=VALUE&q=VALUE",
    "/flode/stallningstaganden.atom?topic=VALUE",
    "/en/feed/consultation-responses.rss?page=VALUE&year=VALUE",
)
# Documents and images share the listing code with pages, which gets every parameter.
API = targets(
    "/api/v2/pages/?search=VALUE",
    f"/api/v2/pages/?search={WORD}&search_operator=VALUE",
    "/api/v2/pages/?type=VALUE",
    "/api/v2/pages/?fields=VALUE",
    "/api/v2/pages/?limit=VALUE",
    "/api/v2/pages/?offset=VALUE",
    "/api/v2/pages/?order=VALUE",
    "/api/v2/pages/?locale=VALUE",
    "/api/v2/pages/?child_of=VALUE",
    "/api/v2/pages/?translation_of=VALUE",
    "/api/v2/pages/?site=VALUE",
    "/api/v2/pages/?type=news.NewsPage&date=VALUE",
    "/api/v2/pages/?type=events.EventPage&start=VALUE",
    "/api/v2/pages/?type=events.EventPage&registration_deadline=VALUE",
    "/api/v2/pages/?type=events.EventPage&municipality=VALUE",
    "/api/v2/pages/VALUE/",
    "/api/v2/pages/find/?html_path=VALUE",
    "/api/v2/documents/?search=VALUE",
    "/api/v2/documents/VALUE/",
    "/api/v2/images/?search=VALUE",
    "/api/v2/images/VALUE/",
)
PATHS = targets(
    "/VALUE/",
    "/en/VALUE/",
    "/de/VALUE/",
    "/nyheter/VALUE/",
    "/kalender/VALUE/",
    "/kalender/VALUE/ical/",
)
# The personal links of the member review and of the members' input on a consultation: a token
# that is not one is a 404 page saying so, in the link's language.
PERSONAL_LINKS = {
    "/medlemsgranskning/VALUE/": "Länken är inte giltig.",
    "/remissynpunkter/VALUE/": "Länken är inte giltig.",
    "/en/consultation-input/VALUE/": "This link is not valid.",
}
HEADINGS = {
    404: {"sv": "<h1>Sidan hittades inte</h1>", "en": "<h1>Page not found</h1>"},
    400: {"sv": "<h1>Felaktig begäran</h1>", "en": "<h1>Bad request</h1>"},
}
DANGEROUS_LINK = re.compile(r"""(href|src|action)\s*=\s*["']?\s*(javascript|data):""", re.I)


@pytest.fixture
def demo(demo_world):
    """The demo site, loaded once for the module (tests.worlds.demo_world)."""


def text_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def error_headings(response):
    """The error page's heading, in the language that Django reads from the path."""
    language = get_language_from_path(response.wsgi_request.path_info) or settings.LANGUAGE_CODE
    return [HEADINGS[response.status_code][language.lower()]]


def check(response, queries, marker=""):
    """What a visitor would notice: the status, the page, the work it cost, and what came back."""
    assert response.status_code in (200, 400, 404), response.status_code
    assert queries <= QUERIES, f"{queries} queries"
    assert "hostile" not in response.cookies
    body = text_of(response)
    content_type = response["Content-Type"]
    if content_type == "application/json":
        # A value may come back in a message: as JSON data, with no markup a browser could run.
        data = json.loads(body)
        assert "<" not in body and ">" not in body
        if response.status_code != 200:
            assert "message" in data
        return
    if marker:
        assert marker not in body
    if content_type.startswith(("application/rss+xml", "application/atom+xml")):
        assert response.status_code == 200
        assert body.startswith("<?xml")
        return
    assert content_type == "text/html; charset=utf-8"
    assert not DANGEROUS_LINK.search(body)
    if response.status_code == 200:
        assert '<main id="main"' in body
        assert "<h1" in body
    else:
        assert any(heading in body for heading in error_headings(response))


@pytest.mark.parametrize("target", SEARCH + LISTINGS + FEEDS + API + PATHS, ids=str)
def test_hostile_values_get_an_answer(client, demo, subtests, target):
    for hostile in CORPUS:
        with subtests.test(hostile.name):
            response, queries = target.request(client, hostile)
            check(response, queries, hostile.marker)


@pytest.mark.parametrize("url", PERSONAL_LINKS, ids=str)
def test_a_hostile_personal_link_is_a_page_that_says_it_is_not_valid(client, demo, subtests, url):
    for hostile in CORPUS:
        with subtests.test(hostile.name):
            response, queries = Target(url).request(client, hostile)
            assert queries <= QUERIES, f"{queries} queries"
            if response.status_code == 404 and PERSONAL_LINKS[url] in text_of(response):
                assert "noindex" in text_of(response)
            else:  # a value the URL resolver turns away first (a slash, say)
                check(response, queries, hostile.marker)


# The calendar's iCalendar feeds take no parameters either; they answer with the calendar.
CALENDAR_FEEDS = targets(
    "/kalender/ical/?page=VALUE&municipality=VALUE",
    "/en/calendar/ical/?topic=VALUE&start=VALUE",
)


@pytest.mark.parametrize("target", CALENDAR_FEEDS, ids=str)
def test_hostile_values_to_the_calendar_feeds_get_the_calendar(client, demo, subtests, target):
    for hostile in CORPUS:
        with subtests.test(hostile.name):
            response, queries = target.request(client, hostile)
            assert response.status_code in (200, 400, 404), response.status_code
            assert queries <= QUERIES, f"{queries} queries"
            if response.status_code == 200:
                assert response["Content-Type"] == "text/calendar; charset=utf-8"
                body = text_of(response)
                assert body.startswith("BEGIN:VCALENDAR")
                if hostile.marker:
                    assert hostile.marker not in body
            else:
                check(response, queries, hostile.marker)


@pytest.mark.parametrize("prefix", ["de", "xx-yy", "sv", "EN", "En", "en-us", "en-GB", "zh-hans"])
def test_a_locale_prefix_the_site_does_not_have_is_not_found(client, demo, subtests, prefix):
    """Not the page without the prefix, nor a redirect to it."""
    for path in [
        "",
        "sok/?q=lokal",
        "search/?q=local",
        "nyheter/",
        "news/?page=2",
        "medlemmar/grannkraft/",
        "flode/nyheter.rss",
        "feed/news.rss",
    ]:
        with subtests.test(path):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/{prefix}/{path}")
            check(response, len(queries))
            assert response.status_code == 404


BAD_HOSTS = {
    "another-site": "evil.example",
    "nul": "testserver\x00",
    "10000-characters": "a" * 10_000 + ".example",
    "user-info": "testserver@evil.example",
    "space": "test server",
    "unclosed-ipv6": "[::1",
    "path": "testserver/../admin",
    "script": SCRIPT,
}


@pytest.mark.parametrize("host", BAD_HOSTS.values(), ids=BAD_HOSTS.keys())
def test_a_request_for_another_host_is_a_bad_request(client, demo, subtests, host):
    for path in [
        "/",
        "/en/",
        "/sok/?q=lokal",
        "/en/search/?q=local",
        "/nyheter/?page=2",
        "/medlemmar/grannkraft/",
        "/flode/nyheter.rss",
        "/api/v2/pages/",
    ]:
        with subtests.test(path):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, headers={"host": host})
            check(response, len(queries), marker=host)
            assert response.status_code == 400


def test_a_forwarded_host_is_not_believed(client, demo):
    response = client.get("/sok/?q=lokal", headers={"x-forwarded-host": "evil.example"})
    assert response.status_code == 200
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/search/' in text_of(
        response
    )
    assert "evil.example" not in text_of(response)


def test_the_api_searches_the_words_of_a_query_and_no_more_than_the_site_does(client, demo):
    def found(search):
        response = client.get("/api/v2/pages/", {"search": search})
        assert response.status_code == 200
        return {page["id"] for page in response.json()["items"]}

    assert found("Värmland")
    assert found('"Värmland') == found("Värmland")
    response = client.get("/api/v2/pages/", {"search": " ".join(["Värmland"] * 13)})
    assert response.status_code == 400
    assert "12" in response.json()["message"]


# The council (council/): its listing, its meetings, their iCalendar files and the API's filters.
COUNCIL = targets(
    "/radet/?page=VALUE",
    "/en/the-council/?page=VALUE",
    "/radet/VALUE/",
    "/radet/ical/VALUE/",
    "/api/v2/pages/?type=council.CouncilMeetingPage&start=VALUE",
    "/api/v2/pages/?type=council.CouncilMeetingPage&online=VALUE",
    "/api/v2/pages/?type=council.CouncilMeetingPage&minutes=VALUE",
    "/api/v2/pages/?type=council.CouncilMeetingPage&fields=VALUE",
)
COUNCIL_CALENDARS = targets(
    "/radet/ical/?page=VALUE",
    "/en/the-council/ical/?start=VALUE",
    "/radet/ical/mote-om-regionens-utvecklingsstrategi/?VALUE=VALUE",
)


@pytest.mark.parametrize("target", COUNCIL, ids=str)
def test_hostile_values_to_the_council_get_an_answer(client, demo, subtests, target):
    for hostile in CORPUS:
        with subtests.test(hostile.name):
            response, queries = target.request(client, hostile)
            check(response, queries, hostile.marker)


@pytest.mark.parametrize("target", COUNCIL_CALENDARS, ids=str)
def test_hostile_values_to_the_councils_calendars_get_the_calendar(client, demo, subtests, target):
    for hostile in CORPUS:
        with subtests.test(hostile.name):
            response, queries = target.request(client, hostile)
            assert response.status_code in (200, 400, 404), response.status_code
            assert queries <= QUERIES, f"{queries} queries"
            if response.status_code == 200:
                assert response["Content-Type"] == "text/calendar; charset=utf-8"
                body = text_of(response)
                assert body.startswith("BEGIN:VCALENDAR")
                assert "BEGIN:VEVENT" in body
                if hostile.marker:
                    assert hostile.marker not in body
            else:
                check(response, queries, hostile.marker)


# Calls from the region (calls/): the calls page, its feeds, the calls and the API's filters; and
# the representative's answer form, which takes the same values in a POST.
CALLS = targets(
    "/forfragningar/?page=VALUE",
    "/forfragningar/?topic=VALUE",
    "/en/calls/?page=VALUE",
    "/forfragningar/VALUE/",
    "/forfragningar/rss/?page=VALUE",
    "/en/calls/atom/?VALUE=VALUE",
    "/forfragningar/unga-roster-i-folkhalsoarbetet/?VALUE=VALUE",
    "/api/v2/pages/?type=calls.CallPage&reply_by=VALUE",
    "/api/v2/pages/?type=calls.CallPage&organisations_sought=VALUE",
    "/api/v2/pages/?type=calls.CallPage&organisation_kinds=VALUE",
    "/api/v2/pages/?type=calls.CallPage&municipalities=VALUE",
    "/api/v2/pages/?type=calls.CallPage&competences=VALUE",
    "/api/v2/pages/?type=calls.CallPage&participation=VALUE",
    "/api/v2/pages/?type=calls.CallPage&fields=VALUE",
)


@pytest.mark.parametrize("target", CALLS, ids=str)
def test_hostile_values_to_the_calls_get_an_answer(client, demo, subtests, target):
    for hostile in CORPUS:
        with subtests.test(hostile.name):
            response, queries = target.request(client, hostile)
            check(response, queries, hostile.marker)


def test_hostile_values_in_an_answer_to_a_call_are_kept_as_text_or_refused(client, demo, subtests):
    from urllib.parse import unquote_to_bytes

    from django.contrib.auth import get_user_model

    from calls.models import CallAnswer, CallPage

    call = CallPage.objects.get(slug="unga-roster-i-folkhalsoarbetet")
    client.force_login(get_user_model().objects.get(username="representant1"))
    url = f"/admin/forfragningar/svara/{call.pk}/"
    for hostile in CORPUS:
        value = unquote_to_bytes(hostile.wire).decode("utf-8", "replace")
        for field in ("answer", "note", "consent_to_name"):
            with subtests.test(f"{hostile.name} in {field}"):
                data = {"answer": "participate", "note": "", "consent_to_name": ""}
                data[field] = value
                response = client.post(url, data)
                assert response.status_code in (302, 400), response.status_code
                if hostile.marker and response.status_code == 400:
                    assert hostile.marker not in response.content.decode()
                answers = CallAnswer.objects.filter(call=call, organisation__slug="grannkraft")
                assert answers.count() == 1
                assert answers.get().answer in ("participate", "decline")


# Needs we see (needs/): the page, its filters and feeds, the API's field; and the admin's forms,
# where representatives report a need and editors filter and triage.
NEEDS = targets(
    "/behov-vi-ser/?page=VALUE",
    "/behov-vi-ser/?topic=VALUE",
    "/behov-vi-ser/?municipality=VALUE",
    "/behov-vi-ser/?topic=folkhalsa&municipality=VALUE",
    "/en/needs-we-see/?municipality=VALUE",
    "/behov-vi-ser/VALUE/",
    "/behov-vi-ser/rss/?page=VALUE",
    "/en/needs-we-see/atom/?VALUE=VALUE",
    "/api/v2/pages/?type=needs.NeedsPage&fields=VALUE",
    "/api/v2/pages/?type=needs.NeedsPage&introduction=VALUE",
)


@pytest.mark.parametrize("target", NEEDS, ids=str)
def test_hostile_values_to_the_needs_page_get_an_answer(client, demo, subtests, target):
    for hostile in CORPUS:
        with subtests.test(hostile.name):
            response, queries = target.request(client, hostile)
            check(response, queries, hostile.marker)


def test_hostile_values_in_the_signals_admin_are_kept_as_text_or_refused(client, demo, subtests):
    from urllib.parse import unquote_to_bytes

    from django.contrib.auth import get_user_model

    from home.models import Topic
    from needs.models import Need

    users = get_user_model().objects
    topic = Topic.objects.get(slug="folkhalsa", locale__language_code="sv")
    need = Need.objects.get(status="new")
    report = {
        "title": "Unga saknar sommarjobb",
        "description": "Fler unga än förut går sysslolösa.",
        "topic": str(topic.pk),
        "municipality": "sunne",
        "target_group": "Unga 15–18 år",
        "contribution": "",
        "consent_to_publish": "",
    }
    for hostile in CORPUS:
        value = unquote_to_bytes(hostile.wire).decode("utf-8", "replace")
        client.force_login(users.get(username="representant2"))
        for field in report:
            with subtests.test(f"{hostile.name} in the report's {field}"):
                before = Need.objects.count()
                response = client.post("/admin/behov/vara/nytt/", report | {field: value})
                assert response.status_code in (302, 400), response.status_code
                if response.status_code == 400:
                    assert Need.objects.count() == before
                    if hostile.marker:
                        assert hostile.marker not in response.content.decode()
                else:
                    assert Need.objects.count() == before + 1
        client.force_login(users.get(username="redaktor"))
        for name in ("status", "topic", "municipality"):
            with subtests.test(f"{hostile.name} in the editors' filter {name}"):
                response = client.get("/admin/behov/", {name: value})
                assert response.status_code in (200, 400), response.status_code
                if hostile.marker:
                    assert hostile.marker not in response.content.decode()
        for url, field in (("status/", "status"), ("status/", "note"), ("sammanfoga/", "target")):
            with subtests.test(f"{hostile.name} in the triage's {field}"):
                signal = Need.objects.get(pk=need.pk)
                signal.pk, signal.status, signal.merged_into = None, "new", None
                signal.save()
                data = {"status": "forwarded", "note": "", "target": ""} | {field: value}
                response = client.post(f"/admin/behov/{signal.pk}/{url}", data)
                assert response.status_code in (302, 400), response.status_code
                signal.refresh_from_db()
                if field == "target" and response.status_code == 302:
                    # A number Python reads ("９" is 9) names a signal; it is merged into that one.
                    assert signal.merged_into_id == int(value)
                else:
                    assert signal.merged_into is None


# The contact form (home/): each value in each field of a form whose token is in order, sent as
# the form's own encoding on the wire. A message that passes is queued, and the worker sends it.
CONTACT_FORM = {
    "name": "Kim Läsare",
    "email": "kim@example.org",
    "subject": "Fråga",
    "message": "Hej!",
    "website": "",
}


@pytest.mark.parametrize("field", [*CONTACT_FORM, "token"])
def test_hostile_values_in_the_contact_form_are_refused_or_sent_whole(
    client, demo, subtests, field
):
    import time

    from django.core.cache import cache

    from conftest import deliver_queued_mail
    from home.forms import form_token
    from home.models import ContactPage, OutgoingEmail

    page = ContactPage.objects.get(locale__language_code="sv")
    for number, hostile in enumerate(CORPUS):
        with subtests.test(hostile.name):
            cache.clear()  # else the limits per address and in all would soon answer 429
            fields = CONTACT_FORM | {"token": form_token(page, issued=time.time() - 60 - number)}
            body = "&".join(
                f"{name}={hostile.wire if name == field else quote(value, safe='')}"
                for name, value in fields.items()
            )
            before = OutgoingEmail.objects.count()
            with CaptureQueriesContext(connection) as queries:
                response = client.generic(
                    "POST",
                    page.url,
                    body.encode("latin-1"),
                    content_type="application/x-www-form-urlencoded",
                )
            assert response.status_code in (303, 400), response.status_code
            assert len(queries) <= QUERIES, f"{len(queries)} queries"
            assert not response.cookies
            if response.status_code == 303:
                assert OutgoingEmail.objects.count() == before + 1
                continue
            assert OutgoingEmail.objects.count() == before
            text = text_of(response)
            assert not DANGEROUS_LINK.search(text)
            if hostile.marker:
                assert hostile.marker not in text
    deliver_queued_mail()
    assert not OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).exists()


# Ids in the admin's own addresses ------------------------------------------------------------

ADMIN_ID_PATHS = [
    "/admin/forfragningar/{id}/",
    "/admin/forfragningar/{id}/svar.csv",
    "/admin/forfragningar/svara/{id}/",
    "/admin/behov/{id}/",
    "/admin/behov/vara/{id}/",
    "/admin/remiss/{id}/",
    "/admin/remiss/synpunkter/fil/{id}/",
    "/admin/medlemsgranskning/{id}/",
    "/admin/reports/e-post/{id}/send-again/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["9" * 19, "9" * 30, str(2**63)])
def test_an_id_no_database_can_hold_is_no_address_in_the_admin(client, number):
    client.force_login(
        get_user_model().objects.create_superuser("ids", "ids@example.org", "x" * 12)
    )
    for pattern in ADMIN_ID_PATHS:
        assert client.get(pattern.format(id=number), follow=True).status_code == 404, pattern
