"""Redis down while a statement goes through member review and a representative casts the
deciding vote: the vote is counted, the statement published, and the representative answered
as usual.

The test is transactional, so the vote commits for real and what runs after the commit (a new
generation of the site chrome in the cache, home/core/signals.py) runs within the request, as
in production. Serialized rollback restores the groups, tasks and workflows the data migrations
created, which the flush after a transactional test removes.
"""

from django.test import Client
from django.utils import timezone

import pytest

from home.core.cache import Outage
from member_review.choices import VoteChoice
from member_review.models import Vote
from member_review.voting import cast_vote
from tests.test_faults import UNREACHABLE_REDIS

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_database_afterwards"),
]


@pytest.fixture
def redis_down(settings, monkeypatch):
    monkeypatch.setattr("home.core.cache.outage", Outage())
    settings.CACHES = UNREACHABLE_REDIS


def test_the_deciding_vote_is_counted_and_answered_without_redis(redis_down, review):
    representatives = review.representatives
    for user in representatives[:6]:
        cast_vote(review.state, user, VoteChoice.ENDORSE)
    deciding = representatives[6]
    client = Client(raise_request_exception=False)
    client.force_login(deciding)

    response = client.post(
        f"/admin/medlemsgranskning/{review.state.pk}/", {"choice": "endorse", "reason": ""}
    )

    assert response.status_code == 302
    assert Vote.objects.filter(task_state=review.state, cast_by=deciding).exists()
    page = type(review.page).objects.get(pk=review.page.pk)
    assert page.live
    assert page.date_adopted == timezone.localdate()
    assert review.page.title in Client().get(page.url).content.decode()
