from io import StringIO

from django.core.management import call_command

from wagtail.models import Locale

from events.models import EventPage


def load_demo_content():
    call_command("load_demo_content", "--force", stdout=StringIO())


def test_the_demo_calendar_has_past_and_coming_events_in_both_languages(client, db):
    load_demo_content()
    swedish = EventPage.objects.filter(locale__language_code="sv")
    assert swedish.count() == 6
    english = Locale.objects.get(language_code="en")
    assert all(event.get_translation_or_none(english) for event in swedish)
    html = client.get("/kalender/").content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert upcoming.count('class="card"') == 4
    assert past.count('class="card"') == 2
    assert "Studieförbundet Ljusglimt Värmland" in upcoming
    assert client.get("/en/calendar/").status_code == 200
    load_demo_content()
    assert EventPage.objects.count() == 12
