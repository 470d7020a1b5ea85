"""A review that ends clearly: the closed review screen says how it ended, and a preview of a text
under review says that it is one."""

from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from member_review.voting import cast_vote
from tests.worlds import fixtures_from_the_shared_world

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()

REVIEW_BANNER = "Förhandsvisning: texten granskas av medlemmarna och är inte publicerad."


def review_screen(client, user, review):
    client.force_login(user)
    return client.get(f"/admin/medlemsgranskning/{review.state.pk}/").content.decode()


@pytest.mark.parametrize("who", ["representative", "editor"])
def test_the_closed_screen_of_an_adopted_text_says_so_and_links_to_it(client, review, editor, who):
    for user in review.representatives[:7]:
        cast_vote(review.state, user, "endorse")
    page = type(review.page).objects.get(pk=review.page.pk)
    reader = review.representatives[0] if who == "representative" else editor

    html = review_screen(client, reader, review)

    assert "Så slutade granskningen" in html
    assert "<strong>Antagen av medlemmarna.</strong> Granskningen stängdes " in html
    assert "7 av 12 medlemsorganisationer står bakom, 0 avstår, 0 invänder." in html
    assert f'<a href="{page.url}">Läs den publicerade texten</a>' in html
    assert "Tid kvar" not in html
    # The page's history gives the publication to the members, not to the deciding voter.
    adopted = PageLogEntry.objects.get(page=page, action="member_review.adopted")
    assert adopted.user is None


def test_the_closed_screen_of_a_rejected_text_says_so_without_a_link(client, review):
    cast_vote(review.state, review.representatives[0], "object", "Texten är för vag.")

    html = review_screen(client, review.representatives[1], review)

    assert "<strong>Inte antagen.</strong>" in html
    assert "0 av 12 medlemsorganisationer står bakom, 0 avstår, 1 invänder." in html
    assert "Läs den publicerade texten" not in html


def test_a_preview_of_a_text_under_review_says_so_and_shows_no_endorsers(client, review):
    client.force_login(review.representatives[0])

    response = client.get(
        reverse("wagtailadmin_pages:workflow_preview", args=[review.page.pk, review.task.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="preview-banner" role="note">{REVIEW_BANNER}</p>' in html
    assert "Bakom ställningstagandet står" not in html
    assert "av 12 medlemsorganisationer" not in html


def test_the_published_page_has_no_preview_banner(client, review):
    for user in review.representatives[:7]:
        cast_vote(review.state, user, "endorse")
    client.logout()

    html = client.get(type(review.page).objects.get(pk=review.page.pk).url).content.decode()

    assert "preview-banner" not in html
    assert "7 av 12 medlemsorganisationer står bakom" in html
