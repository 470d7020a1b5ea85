"""Representatives see what they are asked about, and nothing else.

The admin's whole surface is taken from Django's URL resolver, so a URL that Wagtail or an app
adds later is walked too: a representative who asks for it must be turned away (302, 403 or 404)
without a word of the pages they are not asked about, unless it is one of the few screens that
exist for them.
"""

import json
import re
from io import BytesIO

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Locale,
    PageViewRestriction,
    Site,
    Workflow,
)
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest
from PIL import Image as PILImage

from home.factories import ContactPersonFactory, ContentPageFactory, TopicFactory
from member_review.voting import cast_vote
from positions.factories import IssuingAuthorityFactory, PositionStatementPageFactory
from positions.models import PositionStatementPage
from tests.review_fixtures import in_member_review
from tests.worlds import fixtures_from_the_shared_world

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Hemligt utkast om föreningsbidragen"
PRIVATE_TITLE = "Styrelsens interna protokoll"
COLLEAGUE = "Ragnhild Röstberättigad"  # another organisation's representative
NEW_TEXT = "Ny text: inget av sidan är publicerat ännu"
# The screens that exist for a representative; every other admin URL turns them away.
THEIRS = {
    "wagtailadmin_home",
    "wagtailadmin_account",
    "member_review:detail",
    "member_review:changes",
    "wagtailadmin_pages:workflow_preview",
    "positions_remiss:inputs",  # the consultations on which their input is asked for
    "members_own_competences",  # their own organisation's competences
    "calls:representative_list",  # the open calls, to answer for their organisation
    "needs:mine",  # their organisation's signals to the region
    "needs:report",
}


# The world the walk samples its ids from -----------------------------------------------------


site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()


def png():
    buffer = BytesIO()
    PILImage.new("RGB", (20, 20), "#2a6f4e").save(buffer, "PNG")
    return ImageFile(BytesIO(buffer.getvalue()), name="bild.png")


def pdf(name):
    return get_document_model().objects.create(
        title=name, file=ContentFile(b"%PDF-1.4 " + name.encode(), name=f"{name}.pdf")
    )


@pytest.fixture
def world(review, site, statements_index, editor):
    """A statement in member review, a draft and a private page, and one of everything else."""
    draft = ContentPageFactory(parent=site.home, title=DRAFT_TITLE, slug="utkast", live=False)
    draft.save_revision(user=editor)
    private = ContentPageFactory(parent=site.home, title=PRIVATE_TITLE, slug="protokoll")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    colleague = review.representatives[1]
    colleague.first_name, colleague.last_name = COLLEAGUE.split()
    colleague.save()
    source, _created = TranslationSource.get_or_create_from_instance(statements_index)
    translation = Translation.objects.create(source=source, target_locale=site.en)
    return {
        "review": review,
        "representative": review.representatives[0],
        "editor": editor,
        "page": review.page,
        "parent": statements_index,
        "draft": draft,
        "private": private,
        "image": get_image_model().objects.create(title="Bild", file=png()),
        "document": pdf("underlag"),
        "topic": TopicFactory(),
        "contact": ContactPersonFactory(),
        "authority": IssuingAuthorityFactory(),
        "redirect": Redirect.objects.create(old_path="/gammal-sida", redirect_link="/"),
        "group": Group.objects.get(name="Redaktörer"),
        "workflow": Workflow.objects.get(name="Ställningstagande"),
        "collection": Collection.get_first_root_node(),
        "locale": Locale.objects.get(language_code="en"),
        "site": Site.objects.get(is_default_site=True),
        "source": source,
        "translation": translation,
        "segment": StringSegment.objects.filter(source=source).first(),
    }


def sample(world, name, kwarg):
    """A real id (or name) for URL argument `kwarg` of the view called `name`; 1 if none fits."""
    review = world["review"]
    by_kwarg = {
        "page_id": world["page"].pk,
        "page_pk": world["page"].pk,
        "page_to_move_id": world["page"].pk,
        "parent_page_id": world["draft"].get_parent().pk,
        "destination_id": world["parent"].pk,
        "revision_id": review.state.revision_id,
        "revision_id_a": "live",
        "revision_id_b": "latest",
        "task_state_id": review.state.pk,
        "task_id": review.task.pk,
        "workflow_state_id": review.state.workflow_state_id,
        "workflow_pk": world["workflow"].pk,
        "image_id": world["image"].pk,
        "document_id": world["document"].pk,
        "doc_id": world["document"].pk,
        "collection_id": world["collection"].pk,
        "redirect_id": world["redirect"].pk,
        "translation_source_id": world["source"].pk,
        "translation_id": world["translation"].pk,
        "string_segment_id": world["segment"].pk if world["segment"] else 1,
        "content_type_app_name": "positions",
        "content_type_model_name": "positionstatementpage",
        "app_name": "home",
        "model_name": "networksettings",
        "app_label": "wagtailcore",
        "action": "delete",
        "action_name": "endorse",
        "filter_spec": "max-165x165",
        "mode": "desktop",
        "object_id": world["page"].pk,
        "uidb64": "MQ",
        "token": "x",
    }
    snippet = re.match(r"wagtailsnippet(?:s|choosers)_[a-z]+_([a-z]+):", name)
    if snippet and kwarg == "pk":
        link = world["representative"].representative
        obj = {
            "topic": world["topic"],
            "contactperson": world["contact"],
            "issuingauthority": world["authority"],
            "memberorganisation": link.organisation,
            "representative": link,
        }.get(snippet.group(1))
        return obj.pk if obj else 1
    if kwarg == "pk":
        namespace = name.rsplit(":", 1)[0]
        by_namespace = {
            "wagtailusers_users": world["editor"],
            "wagtailusers_groups": world["group"],
            "wagtaillocales": world["locale"],
            "wagtailsites": world["site"],
            "wagtailadmin_collections": world["collection"],
            "wagtailadmin_pages": world["page"],
            "wagtailadmin_api:pages": world["page"],
            "wagtailadmin_api:documents": world["document"],
            "wagtailadmin_api:images": world["image"],
            "wagtailadmin_workflows": review.task if "task" in name else world["workflow"],
        }
        obj = by_namespace.get(namespace)
        return obj.pk if obj else 1
    if name.startswith("wagtail_localize:snippets_api") or name.startswith(
        "wagtail_localize:submit_snippet"
    ):
        return {"app_label": "positions", "model_name": "memberorganisation"}.get(kwarg, 1)
    return by_kwarg.get(kwarg, 1)


ROUTE_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def admin_urls(world):
    """Every URL under /admin/ in the resolver, as (path, view name), with sample arguments."""

    def walk(patterns, route, namespace):
        for pattern in patterns:
            piece = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route + piece, inner)
            else:
                yield route + piece, f"{namespace}{pattern.name}" if pattern.name else None

    for route, name in walk(get_resolver().url_patterns, "", ""):
        if not route.startswith("admin/"):
            continue

        def fill(match, name=name):
            return str(sample(world, name or "", match.group(1)))

        path = ROUTE_ARGUMENT.sub(fill, REGEX_GROUP.sub(fill, route))
        path = path.replace("^", "").replace("$", "").replace(r"\.", ".")
        path = path.replace(".*", "ingen-sida")
        yield "/" + path, name


def body(response):
    """The text of `response`, with JSON's escapes of non-ASCII letters undone."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text


def client_for(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


# The walk --------------------------------------------------------------------------------------


def test_a_representative_reaches_only_their_own_screens(world):
    representative = world["representative"]
    client = client_for(representative)
    anonymous = client_for(None)
    secrets = [DRAFT_TITLE, PRIVATE_TITLE, COLLEAGUE]
    review_title = world["page"].title

    urls = list(admin_urls(world))
    assert len(urls) > 250  # the walk found the admin, not an empty resolver
    opened, problems = set(), []
    for path, name in urls:
        if name == "wagtailadmin_logout":
            continue  # it would end the walk's session
        assert name is None or resolve(path).view_name == name, path  # the sample ids fit
        response = client.get(path)
        text = body(response)
        noticed = text + response.get("Location", "")
        noticed += " ".join(str(message) for message in get_messages(response.wsgi_request))
        if leaked := [secret for secret in secrets if secret in noticed]:
            problems.append((path, response.status_code, "shows", leaked))
        if response.status_code == 200:
            if name in THEIRS:
                opened.add(name)
            elif anonymous.get(path).status_code != 200:  # what everyone gets is no privilege
                problems.append((path, 200, "opens"))
        elif response.status_code in (302, 403, 404):
            if review_title in noticed:
                problems.append((path, response.status_code, "names the page under review"))
        else:
            problems.append((path, response.status_code, "answers"))

    assert problems == []
    assert opened == THEIRS
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # still signed in


@pytest.mark.parametrize(
    "url",
    [
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=utkast",
        "/admin/pages/search/?q=utkast",
        "/admin/localize/reports/translations/",
        "/admin/snippets/choose/members/representative/",
        "/admin/snippets/choose/members/memberorganisation/",
    ],
)
def test_what_showed_a_representative_every_page_and_representative_is_refused(world, url):
    response = client_for(world["representative"]).get(url)

    assert response.status_code == 403
    text = body(response)
    assert DRAFT_TITLE not in text
    assert PRIVATE_TITLE not in text
    assert COLLEAGUE not in text
    assert "Inte öppet för medlemsrepresentanter" in text


def test_the_refusal_speaks_the_representatives_admin_language(world):
    representative = world["representative"]
    profile = UserProfile.get_for_user(representative)
    profile.preferred_language = "en"
    profile.save()

    response = client_for(representative).get(reverse("wagtailadmin_choose_page"))

    assert response.status_code == 403
    assert "Not open to member representatives" in body(response)


@pytest.mark.parametrize("screen", ["move", "copy", "move_confirm"])
def test_a_representative_cannot_open_move_or_copy(world, screen):
    page, parent = world["page"], world["parent"]
    args = [page.pk, parent.pk] if screen == "move_confirm" else [page.pk]
    client = client_for(world["representative"])

    response = client.get(reverse(f"wagtailadmin_pages:{screen}", args=args))

    assert response.status_code == 403
    assert page.title not in body(response)
    assert not list(get_messages(response.wsgi_request))


def test_a_representative_of_an_organisation_no_longer_a_member_reaches_no_review(world):
    representative = world["representative"]
    organisation = representative.representative.organisation
    organisation.active = False
    organisation.save()
    client = client_for(representative)
    review = world["review"]

    preview = reverse("wagtailadmin_pages:workflow_preview", args=[review.page.pk, review.task.pk])
    assert client.get(preview).status_code == 403
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_an_editor_keeps_the_admin(world):
    client = client_for(world["editor"])

    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[world["parent"].pk]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_search") + "?q=utkast",
        reverse("wagtailadmin_pages:search") + "?q=utkast",
        reverse("wagtailsnippetchoosers_members_memberorganisation:choose"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert DRAFT_TITLE in body(client.get(reverse("wagtailadmin_pages:search") + "?q=utkast"))


# The changes under review ----------------------------------------------------------------------


def changes_url(state):
    return reverse("member_review:changes", args=[state.pk])


def test_a_text_never_published_is_shown_whole_as_new_text(world):
    review = world["review"]
    client = client_for(world["representative"])

    response = client.get(changes_url(review.state))

    assert response.status_code == 200
    text = body(response)
    assert NEW_TEXT in text
    assert review.page.summary in text


def test_the_changes_close_with_the_review_and_never_show_a_later_draft(world):
    review, editor = world["review"], world["editor"]
    cast_vote(review.state, world["review"].representatives[1], "object", reason="Vi invänder.")
    review.state.refresh_from_db()
    assert review.state.status != "in_progress"
    page = PositionStatementPage.objects.get(pk=review.page.pk)
    page.summary = "Ett senare utkast som ingen har granskat."
    page.save_revision(user=editor)

    for user in (world["representative"], editor):
        response = client_for(user).get(changes_url(review.state))
        assert response.status_code == 404
        assert "Ett senare utkast" not in body(response)

    # Nor does the review screen offer them any more.
    html = body(client_for(editor).get(reverse("member_review:detail", args=[review.state.pk])))
    assert changes_url(review.state) not in html


def test_a_published_statement_shows_what_changed_in_the_revision_under_review(
    statements_index, statement_workflow, editor, administrator, representatives, member_review_task
):
    page = PositionStatementPageFactory(
        parent=statements_index, summary="Den antagna lydelsen.", date_adopted=timezone.localdate()
    )
    page.body = [("paragraph", RichText("<p>Lokalerna ska vara öppna.</p>"))]
    page.summary = "Den föreslagna lydelsen."
    state = in_member_review(page, editor, administrator)
    client = client_for(representatives[0])

    review_screen = body(client.get(reverse("member_review:detail", args=[state.pk])))
    assert changes_url(state) in review_screen
    response = client.get(changes_url(state))

    assert response.status_code == 200
    text = body(response)
    assert NEW_TEXT not in text
    assert (
        'Den <span class="deletion">antagna</span><span class="addition">föreslagna</span>' in text
    )


# A draft's documents ---------------------------------------------------------------------------


def test_a_representative_gets_the_documents_of_the_text_they_vote_on_and_no_other(world):
    review, editor = world["review"], world["editor"]
    client = client_for(world["representative"])
    reviewed, elsewhere = pdf("remissunderlag"), pdf("styrelsematerial")
    other = PositionStatementPageFactory(parent=world["parent"], live=False, slug="annat")
    other.document = elsewhere
    other.save_revision(user=editor)
    # The statement is sent to review again, now with a document.
    page = PositionStatementPage.objects.get(pk=review.page.pk)
    page.document = reviewed
    page.save_revision(user=editor)
    page = PositionStatementPage.objects.get(pk=page.pk)
    state = page.current_workflow_task_state.specific
    assert state.revision.as_object().document == reviewed

    assert client.get(reviewed.url).status_code == 200
    assert client.get(elsewhere.url).status_code == 404
    assert client_for(editor).get(elsewhere.url).status_code == 200

    cast_vote(state, review.representatives[1], "object", reason="Vi invänder.")
    assert client.get(reviewed.url).status_code == 404
    assert client_for(editor).get(reviewed.url).status_code == 200
