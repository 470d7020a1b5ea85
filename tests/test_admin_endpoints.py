"""Admin endpoints that answered 500 to every signed-in user (issue 11, part 7)."""

from io import BytesIO

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest
from PIL import Image as PILImage

from conftest import make_user
from home.models import ContactPerson, Topic
from members.models import MemberOrganisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    admin_access = Permission.objects.get(codename="access_admin")
    outsider = make_user("granskare")
    outsider.user_permissions.add(admin_access)
    return {
        "admin": make_user("admin", is_superuser=True),
        "editor": make_user("redaktor", "Redaktörer"),
        "outsider": outsider,
    }


@pytest.fixture
def files(db):
    """A file of each kind for everyone, and one in a collection only editors may see."""
    board = Collection.get_first_root_node().add_child(name="Styrelsen")
    restriction = CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Redaktörer")])
    buffer = BytesIO()
    PILImage.new("RGB", (20, 20), "#2a6f4e").save(buffer, "PNG")
    for title, collection in [("Årsberättelse", None), ("Styrelseprotokoll", board)]:
        extra = {"collection": collection} if collection else {}
        get_document_model().objects.create(
            title=title, file=ContentFile(b"%PDF-1.4", name="fil.pdf"), **extra
        )
        get_image_model().objects.create(
            title=title, file=ImageFile(BytesIO(buffer.getvalue()), name="bild.png"), **extra
        )


@pytest.mark.parametrize("kind", ["documents", "images"])
@pytest.mark.parametrize("role", ["admin", "editor"])
def test_the_admin_api_lists_files_to_those_who_may_see_them(client, people, files, kind, role):
    client.force_login(people[role])

    response = client.get(f"/admin/api/main/{kind}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    titles = sorted(item["title"] for item in response.json()["items"])
    assert titles == ["Styrelseprotokoll", "Årsberättelse"]


def test_the_admin_api_knows_who_asks(client, people, files):
    """A user of the admin outside the group that may see the collection gets none of it."""
    client.force_login(people["outsider"])

    response = client.get("/admin/api/main/documents/")

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Årsberättelse"]


CHOOSERS = {
    "members/memberorganisation": MemberOrganisation,
    "home/topic": Topic,
    "home/contactperson": ContactPerson,
}


@pytest.mark.parametrize("chooser", CHOOSERS)
@pytest.mark.parametrize("role", ["admin", "editor"])
def test_a_chooser_without_a_creation_form_has_no_create_address(client, people, chooser, role):
    client.force_login(people[role])
    url = f"/admin/snippets/choose/{chooser}/create/"

    response = client.post(url, {"name": "Nya föreningen", "slug": "nya-foreningen"})

    assert response.status_code == 404
    assert not CHOOSERS[chooser].objects.exists()
    # The chooser itself still opens, without a "Create" tab.
    response = client.get(f"/admin/snippets/choose/{chooser}/")
    assert response.status_code == 200
    assert response.json()["step"] == "choose"
    assert reverse("wagtailadmin_home") + f"snippets/choose/{chooser}/create/" not in str(
        response.json()
    )
