"""Who may do what with the shared snippets in the admin: editors keep them, representatives not."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from home.factories import ContactPersonFactory, TopicFactory
from members.factories import MemberOrganisationFactory
from positions.factories import IssuingAuthorityFactory

SNIPPET_LISTS = [
    "/admin/snippets/home/topic/",
    "/admin/snippets/home/contactperson/",
    "/admin/snippets/members/memberorganisation/",
    "/admin/snippets/positions/issuingauthority/",
]


def user_in(group_name):
    user = get_user_model().objects.create_user(f"user-{group_name}", password="x" * 16)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("url", SNIPPET_LISTS)
@pytest.mark.parametrize(
    ("group", "allowed"), [("Redaktörer", True), ("Medlemsrepresentanter", False)]
)
def test_snippet_lists_by_role(client, group, allowed, url):
    client.force_login(user_in(group))
    response = client.get(url)
    assert (response.status_code == 200) is allowed
    if not allowed:
        # The representatives' gate answers 403 (member_review/representative_gate.py).
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "allowed"), [("Redaktörer", True), ("Medlemsrepresentanter", False)]
)
def test_only_editors_may_submit_translations(group, allowed):
    assert user_in(group).has_perm("wagtail_localize.submit_translation") is allowed


@pytest.mark.django_db
def test_searching_the_snippet_lists_finds_rows(admin_client):
    TopicFactory(name="Kultur", slug="kultur")
    ContactPersonFactory(name="Maja Lindqvist Berg")
    MemberOrganisationFactory(name="Föreningen Grannkraft", organisation_number="802600-1019")
    IssuingAuthorityFactory(name="Region Värmland")
    searches = [
        ("/admin/snippets/home/topic/", "kultur", "Kultur"),
        ("/admin/snippets/home/contactperson/", "maja", "Maja Lindqvist Berg"),
        ("/admin/snippets/members/memberorganisation/", "grann", "Föreningen Grannkraft"),
        ("/admin/snippets/members/memberorganisation/", "802600-1019", "Föreningen Grannkraft"),
        ("/admin/snippets/positions/issuingauthority/", "region", "Region Värmland"),
    ]
    for url, query, expected in searches:
        response = admin_client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)
        assert expected in response.content.decode()
