"""Demo calendar: trainings and meetings by the network and by fictional member organisations.

Dates are counted from the day the demo is loaded, so two events have passed and four are ahead.
"""

import datetime

from django.utils import timezone

from events.factories import EventIndexPageFactory, EventPageFactory, at
from events.models import EventPage
from home.demo_content import (
    contact_persons,
    demo_home,
    ensure_index_page,
    ensure_translation,
    paragraph,
    topics,
)

INDEX = {
    "sv": {
        "title": "Kalender",
        "slug": "kalender",
        "introduction": (
            "Utbildningar, träffar och seminarier för Värmlands idéburna organisationer, "
            "ordnade av nätverket och av våra medlemmar."
        ),
    },
    "en": {
        "title": "Calendar",
        "slug": "calendar",
        "introduction": (
            "Trainings, meetings and seminars for Värmland's idea-driven organisations, "
            "arranged by the network and by its members."
        ),
    },
}

EVENTS = [
    {
        "days": -40,
        "hours": (18, 21),
        "municipality": "karlstad",
        "online": False,
        "topics": ["civilsamhallets-villkor"],
        "contacts": ["ordforande@idekammaren.example"],
        "registration": None,
        "sv": {
            "title": "Höstmöte för medlemsorganisationerna",
            "slug": "hostmote",
            "summary": (
                "Nätverkets höstmöte: verksamhetsplanen för nästa år, remisserna som väntar och "
                "en genomgång av det idéburna offentliga partnerskapet med regionen."
            ),
            "place": "Folkets hus, Järnvägsgatan 4, Karlstad",
            "organiser": "",
            "audience": "Medlemsorganisationernas representanter",
            "body": [
                paragraph(
                    "<p>Varje medlemsorganisation har en röst på mötet. Kaffe och smörgås från "
                    "17.30.</p>"
                )
            ],
        },
        "en": {
            "title": "Autumn meeting of the member organisations",
            "slug": "autumn-meeting",
            "summary": (
                "The network's autumn meeting: next year's plan, the consultations ahead and a "
                "review of the idea-driven public partnership with the region."
            ),
            "place": "Folkets hus, Järnvägsgatan 4, Karlstad",
            "audience": "Representatives of the member organisations",
        },
    },
    {
        "days": -12,
        "hours": (13, 16),
        "municipality": "arvika",
        "online": False,
        "topics": ["integration"],
        "contacts": [],
        "registration": None,
        "sv": {
            "title": "Så startar ni ett språkcafé",
            "slug": "starta-ett-sprakcafe",
            "summary": (
                "Arvika Språkcafé delar med sig av tio års erfarenhet: volontärer, lokaler, "
                "samtalsämnen och hur man når dem som just flyttat till orten."
            ),
            "place": "Stadsbiblioteket, Arvika",
            "organiser": "Arvika Språkcafé",
            "audience": "Föreningar som vill starta ett språkcafé",
            "body": [],
        },
        "en": {
            "title": "How to start a language café",
            "slug": "start-a-language-cafe",
            "summary": (
                "Arvika Språkcafé shares ten years of experience: volunteers, premises, topics "
                "of conversation and how to reach newcomers."
            ),
            "place": "The town library, Arvika",
            "audience": "Associations that want to start a language café",
        },
    },
    {
        "days": 9,
        "hours": (9, 12),
        "municipality": "",
        "online": True,
        "topics": ["civilsamhallets-villkor"],
        "contacts": ["press@idekammaren.example"],
        "registration": 6,
        "sv": {
            "title": "Webbinarium: att söka kommunala föreningsbidrag",
            "slug": "webbinarium-foreningsbidrag",
            "summary": (
                "Hur kommunernas bidragsregler ser ut i Värmland, vad som brukar fattas i en "
                "ansökan och hur en redovisning blir enkel att granska."
            ),
            "place": "",
            "organiser": "",
            "audience": "Kassörer och styrelseledamöter",
            "body": [
                paragraph("<p>Länken till mötet skickas till dem som anmält sig dagen före.</p>")
            ],
        },
        "en": {
            "title": "Webinar: applying for municipal grants",
            "slug": "webinar-municipal-grants",
            "summary": (
                "What the municipalities' grant rules in Värmland look like, what applications "
                "often lack and how to make a report easy to review."
            ),
            "audience": "Treasurers and board members",
        },
    },
    {
        "days": 23,
        "hours": (10, 15),
        "municipality": "sunne",
        "online": False,
        "topics": ["kultur", "demokrati"],
        "contacts": [],
        "registration": 16,
        "sv": {
            "title": "Studiecirkelledare i praktiken",
            "slug": "studiecirkelledare-i-praktiken",
            "summary": (
                "En dags utbildning för nya cirkelledare: att planera träffar, få alla att "
                "komma till tals och använda studieförbundets material."
            ),
            "place": "Kulturhuset, Sunne",
            "organiser": "Studieförbundet Ljusglimt Värmland",
            "audience": "Nya och blivande cirkelledare",
            "body": [],
        },
        "en": {
            "title": "Leading study circles in practice",
            "slug": "leading-study-circles",
            "summary": (
                "A day's training for new circle leaders: planning meetings, letting everyone "
                "speak and using the study association's material."
            ),
            "place": "The culture house, Sunne",
            "audience": "New and future circle leaders",
        },
    },
    {
        "days": 44,
        "hours": (18, 20),
        "municipality": "karlstad",
        "online": True,
        "topics": ["demokrati"],
        "contacts": ["ordforande@idekammaren.example"],
        "registration": None,
        "sv": {
            "title": "Grannsamtal om trygghet i Kronoparken",
            "slug": "grannsamtal-kronoparken",
            "summary": (
                "Boende, föreningar och kommunen samtalar om trygghet i bostadsområdet. Går att "
                "följa på distans."
            ),
            "place": "Kronoparkens träffpunkt, Karlstad",
            "organiser": "Föreningen Grannkraft",
            "audience": "Alla som bor eller verkar i Kronoparken",
            "body": [],
        },
        "en": {
            "title": "Neighbours' talk on safety in Kronoparken",
            "slug": "neighbours-talk-kronoparken",
            "summary": (
                "Residents, associations and the municipality talk about safety in the "
                "neighbourhood. It can be followed online."
            ),
            "place": "Kronoparken meeting point, Karlstad",
            "audience": "Everyone who lives or works in Kronoparken",
        },
    },
    {
        "days": 70,
        "hours": (9, 16),
        "days_long": 1,
        "municipality": "torsby",
        "online": False,
        "topics": ["hallbar-utveckling", "folkhalsa"],
        "contacts": [],
        "registration": 50,
        "sv": {
            "title": "Friluftsledarutbildning i norra Värmland",
            "slug": "friluftsledarutbildning",
            "summary": (
                "Två dagar om säkerhet, allemansrätt och hur föreningar kan ta med nya "
                "grupper ut i naturen."
            ),
            "place": "Torsby Friluftsgård",
            "organiser": "Torsby Friluftsgemenskap",
            "audience": "Ledare i idrotts- och friluftsföreningar",
            "body": [],
        },
        "en": {
            "title": "Outdoor leader training in northern Värmland",
            "slug": "outdoor-leader-training",
            "summary": (
                "Two days on safety, the right of public access and how associations can take "
                "new groups out into nature."
            ),
            "place": "Torsby outdoor centre",
            "audience": "Leaders in sports and outdoor associations",
        },
    },
]


def load(stdout):
    home, en = demo_home()
    index = ensure_index_page(home, EventIndexPageFactory, INDEX, en)
    for event in EVENTS:
        ensure_event(index, event, en)
    stdout.write("Events are in place.")


def ensure_event(index, event, en):
    page = EventPage.objects.child_of(index).filter(slug=event["sv"]["slug"]).first()
    if page is None:
        start_hour, end_hour = event["hours"]
        start = at(event["days"], start_hour)
        registration = event["registration"]
        page = EventPageFactory(
            parent=index,
            start=start,
            end=at(event["days"] + event.get("days_long", 0), end_hour),
            municipality=event["municipality"],
            online=event["online"],
            registration_url=(
                f"https://anmalan.idekammaren.example/{event['sv']['slug']}/"
                if registration
                else ""
            ),
            registration_deadline=(
                timezone.localdate() + datetime.timedelta(days=registration)
                if registration
                else None
            ),
            topics=topics(*event["topics"]),
            contact_persons=contact_persons(*event["contacts"]),
            published_revision=True,
            **event["sv"],
        )
    ensure_translation(page, en, event["en"])
