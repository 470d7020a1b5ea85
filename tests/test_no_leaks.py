"""No draft, private page, statement under member review or member organisation's input to a
consultation shows in any public response.

For each kind of secret, one test builds pages that carry it beside live, public controls and
walks every public surface as an anonymous visitor: the home pages, the listings page by page
and by filter, the member directory, the search, the feeds, the open-data API, the sitemap and
the secret pages' own addresses. Each answer must have the expected status and show its
control, so that an empty answer cannot pass for a safe one, and must name no secret text and
no address of a page that is not public. The controls share each secret's search word, so the
search finds the controls by the word by which it must not find the secrets.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote_plus, urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest

from conftest import translate
from home.core.publication import loading_content
from home.factories import ContentPageFactory, TopicFactory
from member_review.choices import VoteChoice
from member_review.voting import cast_vote
from needs.factories import NeedFactory, NeedsPageFactory
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from positions.factories import (
    ConsultationCaseFactory,
    ConsultationResponsePageFactory,
    DeliveryFactory,
    EndorsementFactory,
    IssuingAuthorityFactory,
    MemberInputFactory,
    PositionStatementPageFactory,
)
from positions.models import ConsultationIndexPage, PositionIndexPage
from search.tests import conftest as search_fixtures
from tests.review_fixtures import in_member_review
from tests.worlds import fixtures_from_the_shared_world

# The search tests' fixture, used here as it is there (the review fixtures are a plugin).
sections = search_fixtures.sections

API = "/api/v2/pages/"
NEWER = datetime.date(2026, 6, 1)
CONTROL_DATE = datetime.date(2026, 5, 15)
OLDER = datetime.date(2026, 5, 1)


site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


@dataclass(frozen=True)
class Secret:
    """Made-up text that no anonymous visitor may read; `word` is what a search would ask."""

    word: str
    title: str
    summary: str
    body: str


DRAFT = Secret(
    word="ålgräsängarna",
    title="Kommunen säljer ålgräsängarna i smyg",
    summary="Köpeskillingen för ålgräsängarna blir sjutton miljoner kronor enligt förvaltningen.",
    body="Ingen utanför styrelsen får veta något förrän årsmötet i Åmål har röstat.",
)
PRIVATE = Secret(
    word="tornseglarnas",
    title="Tornseglarnas förening byter kassör efter bråket",
    summary="Styrelsen för tornseglarnas förening löser tvisten om kassan på ett slutet möte.",
    body="Protokollet från mötet i Töcksfors är bara för medlemmarnas ögon.",
)
REVIEW = Secret(
    word="älvdalsmötet",
    title="Älvdalsmötet kräver att färjan går året runt",
    summary="Medlemmarna röstar om kravet från älvdalsmötet på färjetrafik även på vintern.",
    body="Förslaget får inte bli känt innan medlemsgranskningen är avslutad i höst.",
)
MEMBER_INPUT = Secret(
    word="kvarnforsens",
    title="Kvarnforsens fiskevårdsförening vill att kraftverket rivs",
    summary="Styrelsen för kvarnforsens fiskevårdsförening anser att regionen ska köpa ut ägaren.",
    body="Vi vill inte stå för kravet offentligt förrän årsmötet har tagit ställning.",
)
SEARCH_WORDS = f"{DRAFT.word}, {PRIVATE.word}, {REVIEW.word} och {MEMBER_INPUT.word}"


@dataclass(frozen=True)
class Surface:
    """A public address, the status it answers with and what it must show.

    `shows` must all be in the answer (for a redirect, in its Location). A paginated surface is
    read page by page (the API's by offset) to the end; its pages together show it.
    """

    url: str
    shows: tuple = ()
    status: int = 200
    paginated: bool = False


@dataclass
class Secrets:
    """The pages that carry one secret, what they must never show and their own addresses."""

    secret: Secret
    texts: set = field(default_factory=set)
    paths: set = field(default_factory=set)
    own_surfaces: list = field(default_factory=list)

    def write(self, page, where):
        """Give `page` the secret as its titles, description, summary or introduction and body.

        The page is not saved; `where` tells the pages apart in a failure.
        """
        page.title = page.seo_title = f"{self.secret.title} ({where})"
        page.search_description = self.secret.summary
        page.body = [("paragraph", RichText(f"<p>{self.secret.body}</p>"))]
        setattr(
            page, "summary" if hasattr(page, "summary") else "introduction", self.secret.summary
        )
        self.texts |= {page.title, self.secret.summary, self.secret.body}
        if hasattr(page, "referral_title"):
            page.referral_title = f"{self.secret.title} (remiss, {where})"
            self.texts.add(page.referral_title)
        return page

    def in_new_revision(self, page, where):
        """`page` stays live with its text; its newest revision, never published, has the secret."""
        live_title = page.title
        self.write(page, where).save_revision()
        self.own(page, Surface(page.url, (live_title,)), live_title=live_title)
        return page

    def never_published(self, page, where):
        self.write(page, where).save()
        self.own(page, Surface(page.url, status=404))
        return page

    def published(self, page, where):
        with loading_content():
            self.write(page, where).save_revision().publish()
        return page

    def private(self, page, restriction_type, restrict=True):
        """A live page behind a view restriction: its own (`restrict`), or else one that it has
        from an ancestor or a translation."""
        if restrict:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=restriction_type, password="styrelsen-2026"
            )
            if restriction_type == PageViewRestriction.GROUPS:
                restriction.groups.set([Group.objects.get(name="Medlemsrepresentanter")])
        if restriction_type == PageViewRestriction.PASSWORD:
            own = Surface(page.url, ('name="password"',))
        else:
            own = Surface(page.url, (reverse("wagtailadmin_login"),), status=302)
        self.own(page, own)
        return page

    def own(self, page, page_surface, live_title=None):
        """The page's own addresses: its URL, its preview, and its detail and find in the API."""
        detail = f"{API}{page.pk}/"
        find = f"{API}find/?{urlencode({'html_path': page.url})}"
        preview = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
        self.own_surfaces += [
            page_surface,
            Surface(preview, (reverse("wagtailadmin_login"),), status=302),
        ]
        if live_title is None:
            self.paths.add(page.url)
            self.own_surfaces += [Surface(detail, status=404), Surface(find, status=404)]
        else:
            self.own_surfaces.append(Surface(detail, (live_title,)))
            # Wagtail's find routes html_path from the site's root page, the Swedish home page,
            # so it finds no page under /en/, public or not.
            if page.locale.language_code == settings.LANGUAGE_CODE:
                self.own_surfaces.append(Surface(find, (detail,), status=302))

    def leaked(self, text, own_path):
        """The secret texts, and the addresses other than `own_path`, that `text` names."""
        needles = [needle for needle in sorted(self.texts) if needle in text]
        for path in sorted(self.paths - {own_path}):
            # A longer address that starts with this one (a child page's) is not this one.
            if re.search(re.escape(path) + r"(?![\w-])", text):
                needles.append(path)
        return needles


def with_topics(page, *topics):
    page.topics.set(topics)
    page.save()
    return page


def endorsed(page, organisation):
    EndorsementFactory(page=page, organisation=organisation)
    return page


@pytest.fixture
def world(sections, members, monkeypatch):
    """The bilingual site with live, public controls in every section, one item a listing page."""
    for index in (NewsIndexPage, PositionIndexPage, ConsultationIndexPage):
        monkeypatch.setattr(index, "per_page", 1)
    site = sections.site
    topic = TopicFactory(name="Vattenvård", slug="vattenvard")
    topic_en = translate(topic, site.en, name="Water care", slug="water-care")
    organisation = members[0]
    authority = IssuingAuthorityFactory(name="Länsstyrelsen i Värmland", slug="lansstyrelsen")
    about = f"Om {SEARCH_WORDS}."

    news = with_topics(
        NewsPageFactory(
            parent=sections.news,
            title="Kontrollnyhet om vårens möten",
            slug="kontrollnyhet",
            date=CONTROL_DATE,
            introduction=about,
        ),
        topic,
    )
    statement = endorsed(
        with_topics(
            PositionStatementPageFactory(
                parent=sections.statements,
                title="Kontrollställningstagande om öppna lokaler",
                slug="kontrollstallningstagande",
                summary=about,
                date_adopted=CONTROL_DATE,
            ),
            topic,
        ),
        organisation,
    )
    response = endorsed(
        ConsultationResponsePageFactory(
            parent=sections.register,
            title="Kontrollremissvar om länets kulturplan",
            slug="kontrollremissvar",
            authority=authority,
            summary=about,
            received_date=datetime.date(2026, 1, 10),
            submitted_date=datetime.date(2026, 2, 27),
        ),
        organisation,
    )
    consultation = ConsultationResponsePageFactory(
        parent=sections.register,
        title="Kontrollremiss som är öppen",
        slug="kontrollremiss",
        authority=authority,
        summary=about,
        received_date=datetime.date(2026, 1, 12),
        response_deadline=timezone.localdate() + datetime.timedelta(days=30),
        submitted_date=None,
        status="preparing",
        stance="",
    )
    page = ContentPageFactory(
        parent=site.home,
        title="Kontrollsida om hur vi arbetar",
        slug="kontrollsida",
        introduction=about,
        show_in_menus=True,
    )
    sv = SimpleNamespace(
        news=news,
        statement=statement,
        response=response,
        consultation=consultation,
        page=page,
        # More items, so that each Swedish listing has pages to turn.
        more={
            "news": (NewsPageFactory(parent=sections.news).title,),
            "statements": (PositionStatementPageFactory(parent=sections.statements).title,),
            "register": (
                ConsultationResponsePageFactory(
                    parent=sections.register, authority=authority
                ).title,
            ),
        },
    )
    about_en = f"About {SEARCH_WORDS}."
    en = SimpleNamespace(
        news=translate(
            news, site.en, title="Control news about the spring meetings", introduction=about_en
        ),
        statement=translate(
            statement, site.en, title="Control statement on open premises", summary=about_en
        ),
        response=translate(
            response, site.en, title="Control response on the culture plan", summary=about_en
        ),
        consultation=translate(
            consultation, site.en, title="Control consultation still open", summary=about_en
        ),
        page=translate(page, site.en, title="Control page on how we work", introduction=about_en),
        more={"news": (), "statements": (), "register": ()},
    )
    for language, controls, topic_slug in (("sv", sv, topic.slug), ("en", en, topic_en.slug)):
        controls.language = language
        controls.topic = topic_slug
        controls.urls = {
            name: page.get_translation(getattr(site, language)).url
            for name, page in [("home", site.home), *vars(sections).items()]
            if name != "site"
        }
    return SimpleNamespace(
        site=site,
        sections=sections,
        sv=sv,
        en=en,
        organisation=organisation,
        authority=authority,
        topic=topic,
    )


@pytest.fixture
def draft_secret(world):
    """Live pages whose newest revision has the secret, and pages never published at all."""
    secrets = Secrets(DRAFT)
    sections, site = world.sections, world.site
    news = with_topics(
        NewsPageFactory(parent=sections.news, slug="utkast-nyhet", date=OLDER), world.topic
    )
    news_en = translate(news, site.en, title="A news item that is already out")
    secrets.in_new_revision(news, "nyhet")
    secrets.in_new_revision(news_en, "engelsk nyhet")
    secrets.never_published(
        NewsPageFactory(parent=sections.news, slug="utkast-ny-nyhet", date=NEWER, live=False),
        "opublicerad nyhet",
    )
    statement = endorsed(
        with_topics(
            PositionStatementPageFactory(
                parent=sections.statements, slug="utkast-stallningstagande", date_adopted=OLDER
            ),
            world.topic,
        ),
        world.organisation,
    )
    # An English translation begun and saved as a draft, never published.
    secrets.never_published(statement.copy_for_translation(site.en), "engelskt utkast")
    secrets.in_new_revision(statement, "ställningstagande")
    secrets.never_published(
        PositionStatementPageFactory(
            parent=sections.statements, slug="utkast-nytt", date_adopted=NEWER, live=False
        ),
        "opublicerat ställningstagande",
    )
    response = endorsed(
        ConsultationResponsePageFactory(
            parent=sections.register, slug="utkast-remissvar", authority=world.authority
        ),
        world.organisation,
    )
    secrets.in_new_revision(response, "remissvar")
    page = ContentPageFactory(parent=site.home, slug="utkast-sida", show_in_menus=True)
    secrets.in_new_revision(page, "sida")
    secrets.never_published(
        ContentPageFactory(parent=site.home, slug="utkast-ny-sida", show_in_menus=True, live=False),
        "opublicerad sida",
    )
    return secrets


@pytest.fixture
def private_secret(world, client, django_capture_on_commit_callbacks):
    """Live pages behind a password, a login or a group, and a page below a private one.

    One was in the menu, and so in the cached site chrome, before it was made private.
    """
    secrets = Secrets(PRIVATE)
    sections, site = world.sections, world.site
    news = secrets.published(
        with_topics(
            NewsPageFactory(parent=sections.news, slug="privat-nyhet", date=NEWER), world.topic
        ),
        "nyhet",
    )
    secrets.private(news, PageViewRestriction.PASSWORD)
    # A page and its translations share one privacy setting (home/core/privacy.py), whether the
    # translation is made after the restriction or before it.
    secrets.private(translate(news, site.en), PageViewRestriction.PASSWORD, restrict=False)
    statement = secrets.published(
        endorsed(
            with_topics(
                PositionStatementPageFactory(
                    parent=sections.statements, slug="privat-stallningstagande", date_adopted=NEWER
                ),
                world.topic,
            ),
            world.organisation,
        ),
        "ställningstagande",
    )
    statement_en = translate(statement, site.en)
    secrets.private(statement, PageViewRestriction.GROUPS)
    secrets.private(statement_en, PageViewRestriction.GROUPS, restrict=False)
    consultation = secrets.published(
        ConsultationResponsePageFactory(
            parent=sections.register,
            slug="privat-remiss",
            authority=world.authority,
            received_date=datetime.date(2026, 1, 11),
            response_deadline=timezone.localdate() + datetime.timedelta(days=10),
            submitted_date=None,
            status="preparing",
            stance="",
        ),
        "remiss",
    )
    secrets.private(consultation, PageViewRestriction.LOGIN)
    page = secrets.published(
        ContentPageFactory(parent=site.home, slug="privat-sida", show_in_menus=True), "sida"
    )
    assert page.title in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        secrets.private(page, PageViewRestriction.PASSWORD)
    child = secrets.published(
        ContentPageFactory(parent=page, slug="protokoll", show_in_menus=True), "undersida"
    )
    secrets.private(child, PageViewRestriction.PASSWORD, restrict=False)
    return secrets


@pytest.fixture
def review_secret(
    world,
    draft_statement,
    editor,
    administrator,
    representatives,
    member_review_task,
    django_capture_on_commit_callbacks,
):
    """A new statement in member review with six of twelve endorsements, one short of adoption;
    a live statement whose new text is in member review; a new consultation response in review.
    """
    secrets = Secrets(REVIEW)
    sections = world.sections

    def into_review(page):
        with django_capture_on_commit_callbacks(execute=True):
            return in_member_review(page, editor, administrator)

    secrets.never_published(draft_statement, "ställningstagande")
    state = into_review(draft_statement)
    assert state.task.specific == member_review_task
    for representative in representatives[:6]:
        with django_capture_on_commit_callbacks(execute=True):
            cast_vote(state, representative, VoteChoice.ENDORSE)
    secrets.own_surfaces += [
        Surface(reverse(view, args=[state.pk]), (reverse("wagtailadmin_login"),), status=302)
        for view in ("member_review:detail", "member_review:changes")
    ]

    statement = endorsed(
        with_topics(
            PositionStatementPageFactory(
                parent=sections.statements, slug="antaget", date_adopted=OLDER, owner=editor
            ),
            world.topic,
        ),
        world.organisation,
    )
    live_title = statement.title
    into_review(secrets.write(statement, "ny text för ett antaget ställningstagande"))
    secrets.own(statement, Surface(statement.url, (live_title,)), live_title=live_title)

    response = ConsultationResponsePageFactory(
        parent=sections.register,
        slug="remissvar-i-granskning",
        authority=world.authority,
        received_date=datetime.date(2026, 1, 11),
        response_deadline=timezone.localdate() + datetime.timedelta(days=10),
        submitted_date=None,
        status="preparing",
        stance="",
        live=False,
        owner=editor,
    )
    secrets.never_published(response, "remissvar")
    into_review(response)
    return secrets


def feed_urls(language):
    with translation.override(language):
        return [
            (reverse(f"{name}-{kind}"), control)
            for name, control in (
                ("news", "news"),
                ("statements", "statement"),
                ("consultation-responses", "response"),
            )
            for kind in ("rss", "atom")
        ]


def public_surfaces(world, word):
    """Every public address that lists, finds or describes pages, in both languages."""
    surfaces = []
    for c in (world.sv, world.en):
        url = c.urls
        member = f"{url['directory']}{world.organisation.slug}/"
        every_control = (c.news.title, c.statement.title, c.response.title, c.page.title)
        news = (c.news.title, *c.more["news"])
        statements = (c.statement.title, *c.more["statements"])
        register = (c.consultation.title, c.response.title, *c.more["register"])
        surfaces += [
            Surface(
                url["home"], (c.news.title, c.statement.title, c.consultation.title, c.page.title)
            ),
            Surface(url["news"], news, paginated=True),
            Surface(f"{url['news']}?topic={c.topic}", (c.news.title,), paginated=True),
            Surface(url["statements"], statements, paginated=True),
            Surface(f"{url['statements']}?topic={c.topic}", (c.statement.title,), paginated=True),
            Surface(url["register"], register, paginated=True),
            Surface(f"{url['register']}?year=2026", register, paginated=True),
            Surface(
                f"{url['register']}?authority={world.authority.slug}", register, paginated=True
            ),
            Surface(url["directory"], (world.organisation.name,)),
            Surface(member, (c.statement.title, c.response.title)),
        ]
        with translation.override(c.language):
            search = reverse("search")
        surfaces += [
            Surface(f"{search}?{urlencode({'q': word})}", every_control),
            Surface(f"{search}?{urlencode({'q': word, 'type': 'news'})}", (c.news.title,)),
            Surface(
                f"{search}?{urlencode({'q': word, 'type': 'statements'})}", (c.statement.title,)
            ),
            Surface(
                f"{search}?{urlencode({'q': word, 'type': 'consultations'})}",
                (c.response.title, c.consultation.title),
            ),
            Surface(f"{search}?{urlencode({'q': word, 'type': 'pages'})}", (c.page.title,)),
            Surface(
                f"{search}?{urlencode({'q': word, 'topic': c.topic})}",
                (c.news.title, c.statement.title),
            ),
        ]
        surfaces += [
            Surface(url, (getattr(c, control).title,)) for url, control in feed_urls(c.language)
        ]
    sv, en = world.sv, world.en
    surfaces += [
        Surface(f"{API}?type=news.NewsPage&fields=*", (sv.news.title, en.news.title)),
        Surface(
            f"{API}?type=positions.PositionStatementPage&fields=*",
            (sv.statement.title, en.statement.title),
        ),
        Surface(
            f"{API}?type=positions.ConsultationResponsePage&fields=*",
            (sv.response.title, sv.consultation.title, en.response.title),
        ),
        Surface(f"{API}?type=home.ContentPage&fields=*", (sv.page.title, en.page.title)),
        Surface(f"{API}?{urlencode({'search': word})}", (sv.news.title, sv.statement.title)),
        Surface(f"{API}?child_of={world.sections.news.pk}", (sv.news.title,)),
        Surface(f"{API}?fields=*", (sv.page.title, en.page.title, sv.news.title), paginated=True),
        Surface("/sitemap-pages.xml", (sv.news.full_url, en.news.full_url)),
    ]
    return surfaces


def readable(response):
    """The answer as text in each form that may hold a string: raw, unescaped, URL-decoded."""
    text = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        text += json.dumps(json.loads(text), ensure_ascii=False)
    text += "\n" + response.get("Location", "")
    return "\n".join([text, unescape(text), unquote_plus(text)])


def answers(client, surface):
    """(url, status, text) for each answer that makes up `surface`."""
    if not surface.paginated:
        response = client.get(surface.url)
        return [(surface.url, response.status_code, readable(response))]
    pages = []
    for number in range(1, 20):
        if surface.url.startswith(API):
            url = f"{surface.url}&offset={20 * (number - 1)}"
            response = client.get(url)
            if response.status_code == 200 and not response.json()["items"]:
                return pages
        else:
            url = f"{surface.url}{'&' if '?' in surface.url else '?'}page={number}"
            response = client.get(url)
            if response.status_code == 404 and number > 1:
                return pages
        pages.append((url, response.status_code, readable(response)))
    raise AssertionError(f"{surface.url} has no last page")


def problems_with(client, surface, secrets):
    """A wrong status, a control not shown, and every secret shown."""
    answered = answers(client, surface)
    problems = [
        f"{url} answered {status}, not {surface.status}"
        for url, status, _text in answered
        if status != surface.status
    ]
    together = "\n".join(text for _url, _status, text in answered)
    problems += [
        f"{surface.url} does not show {shown!r}" for shown in surface.shows if shown not in together
    ]
    own_path = urlsplit(surface.url).path
    problems += [
        f"{url} shows {needle!r}"
        for url, _status, text in answered
        for needle in secrets.leaked(text, own_path)
    ]
    return problems


@pytest.fixture
def member_input_secret(world):
    """The member organisations' input to the live consultations, the answered one with its
    case followed up and sent, the open one with the members' input date: the public surfaces
    show the cases, never the input beside them."""
    secrets = Secrets(MEMBER_INPUT)
    input_by = timezone.localdate() + datetime.timedelta(days=10)
    cases = [
        ConsultationCaseFactory(page=world.sv.response, followed_up=True),
        ConsultationCaseFactory(page=world.sv.consultation, input_deadline=input_by),
    ]
    DeliveryFactory(case=cases[0])
    for number, case in enumerate(cases):
        member_input = MemberInputFactory(
            case=case,
            organisation=world.organisation,
            text="\n\n".join([MEMBER_INPUT.title, MEMBER_INPUT.summary, MEMBER_INPUT.body]),
            file_name=f"{MEMBER_INPUT.word}-underlag-{number}.pdf",
            file_content=b"%PDF-1.4\n",
        )
        secrets.texts |= {
            MEMBER_INPUT.title,
            MEMBER_INPUT.summary,
            MEMBER_INPUT.body,
            member_input.file_name,
        }
    comment = cases[0].follow_up_comment
    input_date = f'<time datetime="{input_by.isoformat()}">'
    for controls in (world.sv, world.en):
        secrets.own_surfaces += [
            Surface(controls.response.url, (comment,)),
            Surface(controls.consultation.url, (input_date,)),
            Surface(f"{API}{controls.response.pk}/", ('"uptake": "partly"', comment)),
            Surface(f"{API}{controls.consultation.pk}/", (f'"{input_by.isoformat()}"',)),
        ]
    return secrets


@pytest.mark.parametrize(
    "secret", ["draft_secret", "private_secret", "review_secret", "member_input_secret"]
)
def test_a_secret_is_in_no_public_response(client, world, secret, request):
    secrets = request.getfixturevalue(secret)
    surfaces = public_surfaces(world, secrets.secret.word) + secrets.own_surfaces
    problems = [
        problem for surface in surfaces for problem in problems_with(client, surface, secrets)
    ]
    assert problems == [], "\n".join(problems)


DJANGO_CACHE_TAG = re.compile(r"{%\s*load\s[^%]*\bcache\b|{%\s*cache\b")


def templates():
    root = Path(settings.BASE_DIR)
    folders = [root / "templates", *root.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def test_no_template_uses_djangos_cache_tag():
    """Fragments are cached with {% wagtailcache %} or {% wagtailpagecache %}, if at all.

    Django's {% cache %} keys a fragment on its name and `vary_on` alone, so a fragment cached
    while an editor previews a draft, or while someone who may read a private page reads it,
    would be served to everyone. Wagtail's tags skip the cache in previews and key on the page.
    """
    found = templates()
    assert Path(settings.BASE_DIR) / "templates" / "base.html" in found
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in found
        if DJANGO_CACHE_TAG.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("template", "uses_it"),
    [
        ("{% load cache %}", True),
        ("{% load i18n cache wagtailcore_tags %}", True),
        ("{% cache 500 sidebar request.user.username %}", True),
        ("{%cache 60 menu%}", True),
        ("{% load wagtail_cache %}", False),
        ("{% wagtailcache 500 sidebar %}", False),
        ("{% wagtailpagecache 500 sidebar %}", False),
        ("{{ page.cache }}", False),
    ],
)
def test_the_check_tells_djangos_cache_tag_from_wagtails(template, uses_it):
    assert bool(DJANGO_CACHE_TAG.search(template)) is uses_it


# Calls from the region (calls/): of the answers, the public reads only how many organisations
# take part once a call has closed and the names of those that agreed; never a note, a decline,
# the name of one that did not agree, or anything of an open call's answers.


def test_answers_to_calls_show_only_their_public_part(client, site):
    from calls.factories import CallIndexPageFactory, CallPageFactory, days
    from calls.models import CallAnswer
    from members.factories import MemberOrganisationFactory

    index = CallIndexPageFactory(parent=site.home)
    translate(index, site.en, title="Calls", slug="calls")
    open_call = CallPageFactory(parent=index, title="Öppen förfrågan om lovskolor", slug="oppen")
    closed = CallPageFactory(
        parent=index,
        title="Stängd förfrågan om lovskolor",
        slug="stangd",
        reply_by=days(-1),
        work_starts=days(3),
    )
    english = {call.pk: translate(call, site.en) for call in (open_call, closed)}
    named = MemberOrganisationFactory(name="Lovskolans vänner i Kil")
    secrets = [
        "Anteckningen om lovskolornas lokaler är bara för redaktörerna",
        "Föreningen som inte vill nämnas i Grums",
        "Föreningen som tackade nej i Eda",
        "Föreningen som svarade på den öppna förfrågan i Arvika",
    ]
    unnamed, declined, early = (MemberOrganisationFactory(name=name) for name in secrets[1:])
    for call, organisation, answer, consent in [
        (closed, named, "participate", True),
        (closed, unnamed, "participate", False),
        (closed, declined, "decline", True),
        (open_call, early, "participate", True),
    ]:
        CallAnswer.objects.create(
            call=call, organisation=organisation, answer=answer, consent_to_name=consent,
            note=secrets[0],
        )  # fmt: skip

    surfaces = {
        "/forfragningar/": [open_call.title, "2 organisationer deltar"],
        "/en/calls/": [english[closed.pk].title, "2 organisations take part"],
        closed.url: ["2 organisationer deltar", named.name],
        english[closed.pk].url: ["2 organisations take part", named.name],
        open_call.url: [open_call.title],
        "/forfragningar/rss/": [closed.title, "2 organisationer deltar"],
        "/en/calls/atom/": [english[closed.pk].title],
        f"{API}?type=calls.CallPage&fields=*": [named.name, '"organisations_taking_part": 2'],
        f"{API}{open_call.pk}/": [open_call.title],
        "/sok/?q=lovskolor": [closed.title],
        "/sitemap-pages.xml": [closed.full_url],
    }
    for url, shown in surfaces.items():
        response = client.get(url)
        assert response.status_code == 200, url
        text = readable(response)
        for needle in shown:
            assert needle in text, (url, needle)
        for secret in secrets:
            assert secret not in text, (url, secret)


# Needs we see (needs/): of a signal, the public reads the editors' summary and the region's answer
# once it is forwarded or answered, published and its organisation agrees, and nothing else: not
# what the organisation wrote, nor any signal that lacks one of those, nor one merged into another.

NEED = Secret(
    word=MEMBER_INPUT.word,  # the controls' word, so that the search finds them by it
    title="Kvarnforsens byalag behöver en buss till vårdcentralen",
    summary="Byalaget i kvarnforsens dalgång vill inte bli nämnt förrän styrelsen har beslutat.",
    body="Det föreningen själv skrev om sjukresorna och de äldre i byn.",
)
HIDDEN_STATES = {
    "utan samtycke": {"consent_to_publish": False},
    "opublicerad": {"published": False},
    "ny": {"status": "new"},
    "avslutad": {"status": "closed"},
}


@pytest.fixture
def need_secret(world):
    """Signals in every state but public, beside a public control, on the needs page."""
    secrets = Secrets(NEED)
    site = world.site
    page = NeedsPageFactory(parent=site.home, show_in_menus=True)
    translate(page, site.en, title="Needs we see", slug="needs-we-see")
    control = NeedFactory(
        public=True,
        organisation=world.organisation,
        public_title="Kontrollsignal om mötesplatser i byarna",
        public_summary=f"Om {SEARCH_WORDS}.",
        public_title_en="Control signal on meeting places in the villages",
        public_summary_en=f"About {SEARCH_WORDS}.",
        description=NEED.body,  # what the control's organisation wrote stays private too
    )
    hidden = {where: NeedFactory(public=True, **state) for where, state in HIDDEN_STATES.items()}
    hidden["sammanslagen"] = NeedFactory(
        public=True, status="closed", published=False, merged_into=control
    )
    hidden["sammanslagen utan samtycke"] = NeedFactory(
        public=True, status="closed", consent_to_publish=False, merged_into=control
    )
    for where, need in hidden.items():
        need.organisation.name = f"Byalaget som inte syns ({where})"
        need.organisation.save()
        need.title = need.public_title = need.public_title_en = f"{NEED.title} ({where})"
        need.public_summary = need.public_summary_en = need.region_answer = NEED.summary
        need.description, need.target_group = NEED.body, f"Målgrupp {NEED.word} ({where})"
        need.save()
        secrets.texts |= {need.title, need.target_group, NEED.summary, NEED.body}
    # The merged signal whose organisation agreed is named beside the control, and only it. The
    # others are members, in the directory, but the needs page names none of them.
    shown_beside = hidden["sammanslagen"].organisation.name
    secrets.unnamed = [
        need.organisation.name for where, need in hidden.items() if where != "sammanslagen"
    ]
    sv, en = "/behov-vi-ser/", "/en/needs-we-see/"
    with translation.override("en"):
        search_en = reverse("search")
    secrets.own_surfaces += [
        Surface(sv, (control.public_title, world.organisation.name, shown_beside)),
        Surface(f"{sv}?topic={control.topic.slug}", (control.public_title,)),
        Surface(f"{sv}?municipality=karlstad", (control.public_title,)),
        Surface(f"{sv}rss/", (control.public_title, shown_beside)),
        Surface(f"{sv}atom/", (control.public_title,)),
        Surface(en, (control.public_title_en, shown_beside)),
        Surface(f"{en}rss/", (control.public_title_en,)),
        Surface(f"{en}atom/", (control.public_title_en,)),
        Surface(f"{API}{page.pk}/", (control.public_title,)),
        Surface(f"{API}?type=needs.NeedsPage&fields=*", (control.public_title_en,)),
        Surface(f"/sok/?{urlencode({'q': NEED.word, 'type': 'pages'})}", (page.title,)),
        Surface(f"{search_en}?{urlencode({'q': 'villages'})}", ("Needs we see",)),
        Surface(f"/sok/?{urlencode({'q': 'vårdcentralen'})}", ()),
    ]
    return secrets


def test_a_signal_that_is_not_public_is_in_no_public_response(client, world, need_secret):
    surfaces = public_surfaces(world, NEED.word) + need_secret.own_surfaces
    problems = [
        problem for surface in surfaces for problem in problems_with(client, surface, need_secret)
    ]
    assert problems == [], "\n".join(problems)
    for surface in need_secret.own_surfaces:
        text = "\n".join(text for _url, _status, text in answers(client, surface))
        assert [name for name in need_secret.unnamed if name in text] == [], surface.url
