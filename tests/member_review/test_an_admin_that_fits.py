"""An admin that fits the people using it: the network's login page, a representative's dashboard
without a page search, a help page in both languages, and invitations that say what and whom."""

from django.core import mail

from conftest import deliver_queued_mail
from home.factories import ContactPersonFactory
from home.models import NetworkSettings
from tests.review_fixtures import in_member_review
from tests.worlds import fixtures_from_the_shared_world

site, news_index, statements_index, register, directory, members = fixtures_from_the_shared_world()

SUMMARY = "Allmänna samlingslokaler är demokratins infrastruktur."


def test_the_login_page_carries_the_networks_name_and_mark_in_swedish(client, db):
    html = client.get("/admin/login/").content.decode()

    assert "<title>Logga in - Idékammaren</title>" in html
    assert "<h1>Logga in till Idékammaren</h1>" in html
    assert 'alt="Idékammaren"' in html
    assert "Wagtail" not in html.split("<body", 1)[1].split("<script", 1)[0]
    password_label = html.split('id="id_password-label"', 1)[1].split("</label>", 1)[0]
    assert "Lösenord" in password_label
    assert "Så granskar medlemsorganisationerna en text" in html


def test_a_representatives_dashboard_has_no_page_search(client, review, editor):
    client.force_login(review.representatives[0])
    representative = client.get("/admin/").content.decode()
    client.force_login(editor)
    editors = client.get("/admin/").content.decode()

    assert 'role="search"' not in representative
    assert "Sök på alla sidor" not in representative
    assert "Så granskar medlemsorganisationerna en text" in representative
    assert "Föreningslokaler ska vara öppna för alla" in representative
    assert 'role="search"' in editors


def test_the_help_page_is_there_in_swedish_and_in_english(client, db):
    swedish = client.get("/sa-granskar-medlemmarna/")
    english = client.get("/en/how-member-organisations-review/")

    assert swedish.status_code == english.status_code == 200
    assert "<h1>Så granskar medlemsorganisationerna en text</h1>" in swedish.content.decode()
    assert "<h1>How member organisations review a text</h1>" in english.content.decode()


def test_an_invitation_has_the_summary_the_contact_person_help_and_the_networks_reply_to(
    site,
    draft_statement,
    editor,
    administrator,
    representatives,
    member_review_task,
    django_capture_on_commit_callbacks,
):
    network = NetworkSettings.for_site(site.site)
    network.email = "kansli@idekammaren.example"
    network.save()
    contact = ContactPersonFactory(
        name="Kim Kontakt", role="Samordnare", email="kim@exempel.example"
    )
    draft_statement.contact_persons = [contact]
    draft_statement.save()

    with django_capture_on_commit_callbacks(execute=True):
        in_member_review(draft_statement, editor, administrator)
    deliver_queued_mail()
    message = next(m for m in mail.outbox if representatives[0].email in m.to)

    assert SUMMARY in message.body
    assert "Frågor om texten:\n    Kim Kontakt, Samordnare, kim@exempel.example" in message.body
    assert "Så fungerar granskningen: http://testserver/sa-granskar-medlemmarna/" in message.body
    assert message.reply_to == ["kansli@idekammaren.example"]
