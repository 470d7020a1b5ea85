"""Every path that could put a page live, tried as an attacker would, against the one guard.

Swedish statements and consultation responses go live only in the revision the members adopted,
whoever asks (an administrator included); a translation only once its Swedish source is adopted;
news only through its workflow or someone with publish permission. Each attempt must leave the
page off every public surface and the refusal in the log.
"""

import contextlib
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation, TranslationSource

import pytest

from conftest import make_user
from home.core.publication import PublicationRefused, acting_as, loading_content
from news.factories import NewsPageFactory
from positions.factories import ConsultationResponsePageFactory, PositionStatementPageFactory
from tests.worlds import (
    build_news_index,
    build_register,
    build_site,
    build_statements_index,
    built_once,
    fresh,
)

pytestmark = pytest.mark.django_db

SECRET = "Hemligtext"


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The bilingual site with its indexes and the two people who try, built once per module."""
    with built_once(django_db_blocker) as tests_run:
        site = build_site()
        statements_index = build_statements_index(site)
        world = {
            "site": site,
            "news": build_news_index(site),
            "statements": statements_index,
            "register": build_register(site),
            "english_statements": Page.objects.get(
                translation_key=statements_index.translation_key, locale=site.en
            ).specific,
        }
        people = {
            "editor": make_user("redaktor", "Redaktörer"),
            "administrator": make_user("admin", is_superuser=True),
        }
        with tests_run():
            yield world, people


@pytest.fixture
def world(db, built):
    return fresh(built[0])


@pytest.fixture
def people(db, built):
    return fresh(built[1])


def body():
    return [("paragraph", RichText(f"<p>{SECRET} i brödtexten.</p>"))]


def draft(factory, parent, **fields):
    return factory(
        parent=parent,
        live=False,
        title=f"{SECRET} {factory._meta.model.__name__}",
        body=body(),
        **fields,
    )


def translated_draft(source, locale, user):
    """The draft translation wagtail-localize makes of `source` in `locale`."""
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    translation = Translation.objects.create(source=translation_source, target_locale=locale)
    translation.save_target(user=user, publish=False)
    page = source.get_translation(locale).specific
    return page, translation


def swedish_statement(world, people):
    return draft(PositionStatementPageFactory, world["statements"], date_adopted=None)


def swedish_consultation(world, people):
    return draft(ConsultationResponsePageFactory, world["register"])


def translation_of_english_statement(world, people):
    """An English statement written first and translated into Swedish: the Swedish page is what
    would be published."""
    english = PositionStatementPageFactory(
        parent=world["english_statements"], live=False, title=f"{SECRET} in English", body=body()
    )
    page, _translation = translated_draft(english, world["site"].sv, people["editor"])
    return page


def news_item(world, people):
    return draft(NewsPageFactory, world["news"])


KINDS = {
    # kind: (make the page under attack, who attacks); not even an administrator publishes a
    # text the members have not adopted, while an administrator may publish news.
    "statement": (swedish_statement, ["editor", "administrator"]),
    "consultation": (swedish_consultation, ["editor", "administrator"]),
    "translation": (translation_of_english_statement, ["editor", "administrator"]),
    "news": (news_item, ["editor"]),
}


def publish_in_shell(page, actor, client):
    page.save_revision().publish()


def publish_skipping_permission_checks(page, actor, client):
    """What wagtail-localize and the workflow's finish do: publish without Wagtail's check."""
    with acting_as(actor):
        page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)


def publish_through_the_admin_api(page, actor, client):
    page.save_revision(user=actor)
    client.force_login(actor)
    client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", content_type="application/json")


def publish_in_bulk(page, actor, client):
    page.save_revision(user=actor)
    client.force_login(actor)
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""})


def revert_to_an_earlier_revision(page, actor, client):
    earlier = page.save_revision(user=actor)
    page.save_revision(user=actor)
    with acting_as(actor):
        PublishPageRevisionAction(earlier, user=actor, previous_revision=earlier).execute()


def schedule_and_run(command):
    def publish_when_scheduled(page, actor, client):
        revision = page.save_revision(user=actor)
        revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
        revision.save()
        call_command(command, stdout=StringIO(), stderr=StringIO())

    return publish_when_scheduled


@contextmanager
def published_for_the_attack(page):
    """A live source to copy or alias; the attack is on what is made from it."""
    with loading_content():
        page.specific.save_revision().publish()
    try:
        yield Page.objects.get(pk=page.pk).specific
    finally:
        with loading_content():
            Page.objects.get(pk=page.pk).specific.unpublish()


def copy_a_live_page_keeping_it_live(page, actor, client):
    with published_for_the_attack(page) as live, acting_as(actor):
        CopyPageAction(
            live,
            to=live.get_parent(),
            update_attrs={"slug": f"{live.slug}-kopia", "title": f"{SECRET} kopia"},
            keep_live=True,
            user=actor,
        ).execute()


def alias_a_live_page(page, actor, client):
    with published_for_the_attack(page) as live, acting_as(actor):
        CreatePageAliasAction(
            live, parent=live.get_parent(), update_slug=f"{live.slug}-alias", user=actor
        ).execute()


def convert_to_an_alias_of_a_live_source(page, actor, client):
    """wagtail-localize's "Convert to alias" on a translation whose source is live."""
    source = page.get_translations().exclude(locale=page.locale).first()
    with published_for_the_attack(source):
        client.force_login(actor)
        client.post(f"/admin/localize/page/{page.pk}/convert_to_alias/", {"next": ""})


def update_translations_and_publish(page, actor, client):
    """wagtail-localize's "Update translations" with "Publish immediately"."""
    source = page.get_translations().exclude(locale=page.locale).first()
    translation_source = TranslationSource.objects.get_for_instance(source)
    client.force_login(actor)
    client.post(f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"})


def publish_from_the_translation_editor(page, actor, client):
    translation = Translation.objects.get(
        target_locale=page.locale, source__object_id=page.translation_key
    )
    with acting_as(actor):
        translation.save_target(user=actor, publish=True)


PATHS = {
    "shell": publish_in_shell,
    "skipping permission checks": publish_skipping_permission_checks,
    "admin API": publish_through_the_admin_api,
    "bulk action": publish_in_bulk,
    "revert action": revert_to_an_earlier_revision,
    "publish_scheduled": schedule_and_run("publish_scheduled"),
    "publish_scheduled_pages": schedule_and_run("publish_scheduled_pages"),
    "copy keeping live": copy_a_live_page_keeping_it_live,
    "create alias": alias_a_live_page,
}
TRANSLATION_PATHS = {
    "convert to alias": convert_to_an_alias_of_a_live_source,
    "update translations": update_translations_and_publish,
    "translation editor": publish_from_the_translation_editor,
}


def cases():
    for kind, (_make, attackers) in KINDS.items():
        paths = [*PATHS, *(TRANSLATION_PATHS if kind == "translation" else [])]
        for attacker in attackers:
            for path in paths:
                yield kind, attacker, path


def public_surfaces(client):
    surfaces = [
        "/",
        "/nyheter/",
        "/stallningstaganden/",
        "/remisser/",
        "/en/positions/",
        "/flode/nyheter.rss",
        "/flode/stallningstaganden.rss",
        "/flode/remissvar.rss",
        "/en/feed/positions.rss",
        f"/api/v2/pages/?search={SECRET}",
        "/api/v2/pages/?limit=20&order=-id",
        "/sok/?q=brödtexten",
        "/en/search/?q=brödtexten",
        "/sitemap-pages.xml",
    ]
    return {url: client.get(url) for url in surfaces}


@pytest.mark.parametrize(("kind", "attacker", "path"), list(cases()))
def test_no_path_publishes_what_its_rule_refuses(
    client, world, people, kind, attacker, path, caplog, django_capture_on_commit_callbacks
):
    make, _attackers = KINDS[kind]
    page = make(world, people)
    attempt = PATHS.get(path) or TRANSLATION_PATHS[path]

    # wagtail-localize publishes once the transaction commits.
    with (
        contextlib.suppress(PublicationRefused, PermissionDenied),
        django_capture_on_commit_callbacks(execute=True),
    ):
        attempt(page, people[attacker], client)

    assert not Page.objects.filter(title__startswith=SECRET, locale=page.locale, live=True).exists()
    client.logout()
    for url, response in public_surfaces(client).items():
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    refused_by_wagtail = attacker == "editor" and path in {
        "admin API",
        "bulk action",
        "revert action",
        "copy keeping live",
        "create alias",
    }
    assert refused_by_wagtail or "Publication refused" in caplog.text


def test_the_refusal_is_shown_to_the_editor_and_nothing_of_the_request_stays(client, world, people):
    page = swedish_statement(world, people)
    client.force_login(people["administrator"])

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data(
            {
                "title": "Ny rubrik",
                "slug": page.slug,
                "summary": page.summary,
                "body": streamfield([("paragraph", rich_text("<p>Ny text.</p>"))]),
                "action-publish": "1",
            }
        ),
        follow=True,
    )

    assert "publicerades inte" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert page.title.startswith(SECRET)
    assert page.revisions.count() == 0


def test_editors_cannot_write_statements_under_the_english_indexes(client, world, people):
    client.force_login(people["editor"])
    english = world["english_statements"]

    response = client.get(f"/admin/pages/add/positions/positionstatementpage/{english.pk}/")
    choices = client.get(f"/admin/pages/{english.pk}/add_subpage/")

    assert response.status_code in (302, 403)
    assert "positionstatementpage" not in choices.content.decode()
    assert (
        client.get(
            f"/admin/pages/add/positions/positionstatementpage/{world['statements'].pk}/"
        ).status_code
        == 200
    )


def test_a_statement_cannot_be_moved_into_the_other_language(world, people):
    page = swedish_statement(world, people)

    assert not page.can_move_to(world["english_statements"])
    assert page.can_move_to(world["statements"])


def test_an_adopted_statement_is_translated_and_published_after_the_editorial_step(world, people):
    """The way that works: the English translation of a live, adopted Swedish statement goes live
    once its own workflow approves it, or when an administrator publishes it."""
    with loading_content():
        swedish = PositionStatementPageFactory(parent=world["statements"], body=body())
    english, _translation = translated_draft(swedish, world["site"].en, people["editor"])

    with acting_as(people["editor"]), pytest.raises(PublicationRefused):
        english.save_revision(user=people["editor"]).publish(skip_permission_checks=True)
    # Loaded without a member review, the Swedish text counts as not adopted either.
    with acting_as(people["administrator"]), pytest.raises(PublicationRefused):
        english.save_revision(user=people["administrator"]).publish()


def test_an_administrator_publishes_news_directly_and_an_editor_through_the_workflow(
    client, world, people
):
    """The controls: the rule lets through what it should."""
    item = news_item(world, people)
    client.force_login(people["administrator"])
    client.post(
        f"/admin/pages/{item.pk}/edit/",
        nested_form_data(
            {
                "title": "Nyhet från styrelsen",
                "slug": item.slug,
                "date": "2026-03-01",
                "introduction": "Kort.",
                "body": streamfield([("paragraph", rich_text("<p>Ny text.</p>"))]),
                "action-publish": "1",
            }
        ),
    )

    assert Page.objects.get(pk=item.pk).live
    assert "Nyhet från styrelsen" in client.get("/nyheter/").content.decode()


def test_publish_scheduled_pages_carries_on_past_a_refused_page(world, people):
    """One refused page does not keep the pages scheduled after it from going live."""
    statement = swedish_statement(world, people)
    item = news_item(world, people)
    due = timezone.now() - timedelta(minutes=1)
    for page in (statement, item):
        revision = page.save_revision(user=people["administrator"])
        revision.approved_go_live_at = due
        revision.save()
    Revision.objects.filter(pk=statement.latest_revision_id).update(
        approved_go_live_at=due - timedelta(minutes=1)
    )
    # An administrator scheduled the news item; nobody adopted the statement.
    log(
        instance=item,
        action="wagtail.publish.schedule",
        user=people["administrator"],
        revision=Revision.objects.get(pk=item.latest_revision_id),
    )

    call_command("publish_scheduled_pages", stderr=StringIO())

    assert not Page.objects.get(pk=statement.pk).live
    assert Page.objects.get(pk=item.pk).live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
