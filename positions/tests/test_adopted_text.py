"""Once adopted, the text stays as the members adopted it: neither the live row nor the adopted
revision can be rewritten in place, and a live translation changes only by being published.
(Found by an attacker's pass: the guard on going live alone did not see these.)"""

import contextlib

from wagtail.models import Revision
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest

from conftest import make_user
from home.core.publication import RefusedChange, acting_as
from member_review.choices import VoteChoice
from member_review.voting import cast_vote
from members.factories import MemberOrganisationFactory
from members.models import Representative
from positions.models import PositionStatementPage
from tests.review_fixtures import submit

pytestmark = pytest.mark.django_db


def adopt(review):
    for representative in review.representatives[:7]:
        cast_vote(review.state, representative, VoteChoice.ENDORSE)
    page = PositionStatementPage.objects.get(pk=review.page.pk)
    assert page.live
    return page


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def test_saving_new_text_into_a_live_adopted_statement_leaves_the_adopted_text_live(
    client, review, editor, caplog
):
    page = adopt(review)
    adopted = page.summary

    with acting_as(editor):
        page.summary = "Något medlemmarna aldrig såg."
        page.save()

    html = client.get(page.url).content.decode()
    assert "Något medlemmarna aldrig såg." not in html
    assert adopted in html
    assert fresh(page).summary == adopted
    assert "Live content kept" in caplog.text


def test_the_adopted_revision_cannot_be_rewritten(client, review):
    page = adopt(review)
    revision = Revision.objects.get(pk=page.live_revision_id)
    revision.content["summary"] = "Omskriven i efterhand."

    with pytest.raises(RefusedChange):
        revision.save()

    assert "Omskriven i efterhand." not in client.get(page.url).content.decode()
    assert Revision.objects.get(pk=revision.pk).content["summary"] == page.summary


def test_updating_a_live_translation_without_publishing_leaves_it_as_published(
    client, review, editor, administrator, site, django_capture_on_commit_callbacks
):
    """wagtail-localize writes the new text into the page row even when it only saves a draft."""
    page = adopt(review)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=site.en)
    translation.save_target(user=editor, publish=False)
    english = page.get_translation(site.en).specific
    submit(english, editor).current_task_state.approve(user=administrator)
    english = fresh(english)
    assert english.live
    published = english.summary
    segment = StringSegment.objects.filter(source=source, context__path="summary").first()
    client.force_login(editor)
    client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        "value=Rewritten+by+the+editor",
        content_type="application/x-www-form-urlencoded",
    )

    with (
        contextlib.suppress(RefusedChange),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})

    english = fresh(english)
    assert english.summary == published
    client.logout()
    assert "Rewritten by the editor" not in client.get(english.url).content.decode()


def test_a_representative_outside_the_electorate_sees_nothing_of_the_review(client, review):
    cast_vote(review.state, review.representatives[0], VoteChoice.OBJECT, reason="Nej.")
    newcomer = make_user("nykomling", "Medlemsrepresentanter")
    Representative.objects.create(user=newcomer, organisation=MemberOrganisationFactory())
    client.force_login(newcomer)

    response = client.get(f"/admin/medlemsgranskning/{review.state.pk}/")

    assert response.status_code in (302, 403)
    assert review.page.title not in response.content.decode()
