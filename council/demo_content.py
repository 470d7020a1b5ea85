"""Demo council: what the council is, two past meetings with minutes and decisions, and the next.

Dates are counted from the day the demo is loaded, on weekdays. The region's people are fictional, like the
member organisations (members/demo_content.py) that take part.
"""

import datetime

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import slugify

from wagtail.documents import get_document_model

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from council.factories import CouncilIndexPageFactory, CouncilMeetingPageFactory, at
from council.models import CouncilMeetingPage, MeetingDocument, RegionParticipant
from council.models.pages import default_title
from home.demo_content import demo_home, ensure_index_page, ensure_translation, heading, paragraph
from members.demo_content import demo_organisations

INDEX = {
    "sv": {
        "title": "Rådet för idéburna organisationer",
        "slug": "radet",
        "introduction": (
            "Rådet för idéburna organisationer är Region Värmlands arena för samverkan med den "
            "idéburna sektorn. Här möter regionens förtroendevalda och tjänstepersoner företrädare "
            "för länets föreningar, studieförbund, trossamfund och sociala företag."
        ),
        "body": [
            heading("Varför ett råd?"),
            paragraph(
                "<p>I det idéburna offentliga partnerskapet (IOP) med nätverket har Region "
                "Värmland åtagit sig att upprätthålla rådet. Här berättar organisationerna om de "
                "behov de ser hos länets invånare, och regionen tar upp utvecklingsarbeten där den "
                "vill ha med idéburen sektor.</p>"
            ),
            heading("Så arbetar rådet"),
            paragraph(
                "<p>Rådet möts fyra gånger om året. Nätverket utser organisationernas företrädare; "
                "regionen kallar till mötena och för protokoll. Protokollen publiceras här när de "
                "har justerats.</p>"
            ),
        ],
    },
    "en": {
        "title": "The council for idea-driven organisations",
        "slug": "the-council",
        "introduction": (
            "The council for idea-driven organisations is Region Värmland's arena for working "
            "with the idea-driven sector. The region's elected members and officials meet "
            "representatives of the county's associations, study associations, faith communities "
            "and social enterprises."
        ),
        "body": [
            heading("Why a council?"),
            paragraph(
                "<p>In its idea-driven public partnership (IOP) with the network, Region Värmland "
                "has undertaken to keep the council. The organisations tell it about the needs "
                "they see among the people of the county, and the region brings development work "
                "in which it wants the sector to take part.</p>"
            ),
            heading("How the council works"),
            paragraph(
                "<p>The council meets four times a year. The network names the organisations' "
                "representatives; the region convenes the meetings and keeps the minutes, which "
                "are published here once they have been approved.</p>"
            ),
        ],
    },
}

# Fictional people on the region's side.
REGION = {
    "chair": ("Karin Åkesson Lind", "chair", "Regionstyrelsen"),
    "elected": ("Johan Sandell Ek", "elected", "Kultur- och bildningsnämnden"),
    "official": ("Leila Nordin Sahin", "official", "Hållbar utveckling"),
    "secretary": ("Petra Holm Wiklund", "secretary", "Regionledningskontoret"),
}


def item(text, description=""):
    return {"type": "item", "value": {"heading": text, "description": description}}


def decision(reference, html):
    return {"type": "decision", "value": {"reference": reference, "text": html}}


MEETINGS = [
    {
        "days": -100,
        "hours": (13, 16),
        "place": "Regionens hus, Exempelgatan 14, Karlstad",
        "online": False,
        "organisations": [0, 1, 2, 4, 6, 8],
        "region": ["chair", "elected", "official", "secretary"],
        "minutes": True,
        "documents": [("Presentation: partnerskapets första halvår", "Presentation")],
        "sv": {
            "slug": "mote-om-partnerskapets-forsta-halvar",
            "summary": (
                "Partnerskapets första halvår: hur regionen och nätverket har samverkat, och vilka "
                "behov organisationerna ser i länet."
            ),
            "agenda": [
                item("Mötet öppnas och dagordningen fastställs"),
                item(
                    "Uppföljning av det idéburna offentliga partnerskapet",
                    "Regionens samordnare och nätverkets ordförande redovisar det första halvåret.",
                ),
                item(
                    "Behov vi ser: ensamhet bland äldre på landsbygden",
                    "Tre medlemsorganisationer berättar vad de ser i sina verksamheter.",
                ),
                item("Nästa möte"),
            ],
            "decisions": [
                decision(
                    "§ 2", "<p>Rådet lägger redovisningen av partnerskapet till handlingarna.</p>"
                ),
                decision(
                    "§ 3",
                    "<p>Rådet ger regionens tjänstepersoner i uppdrag att tillsammans med nätverket "
                    "ta fram ett underlag om ensamhet bland äldre på landsbygden till nästa möte.</p>",
                ),
            ],
        },
        "en": {
            "slug": "meeting-on-the-first-half-year",
            "summary": (
                "The partnership's first six months: how the region and the network have worked "
                "together, and the needs the organisations see in the county."
            ),
            "agenda": [
                item("Opening and adoption of the agenda"),
                item(
                    "Follow-up of the idea-driven public partnership",
                    "The region's coordinator and the network's chair report on the first six "
                    "months.",
                ),
                item(
                    "Needs we see: loneliness among older people in the countryside",
                    "Three member organisations tell what they see in their work.",
                ),
                item("Next meeting"),
            ],
            "decisions": [
                decision("§ 2", "<p>The council takes note of the report on the partnership.</p>"),
                decision(
                    "§ 3",
                    "<p>The council asks the region's officials to prepare, with the network, a "
                    "report on loneliness among older people in the countryside for the next "
                    "meeting.</p>",
                ),
            ],
        },
    },
    {
        "days": -30,
        "hours": (9, 12),
        "place": "Folkets hus, Järnvägsgatan 4, Karlstad",
        "online": True,
        "organisations": [0, 1, 3, 5, 7, 9],
        "region": ["chair", "elected", "official", "secretary"],
        "minutes": True,
        "documents": [("Underlag: ensamhet bland äldre på landsbygden", "Underlag")],
        "sv": {
            "slug": "mote-om-ensamhet-och-kunskapsutveckling",
            "summary": (
                "Underlaget om ensamhet bland äldre, och hur nätverket bygger kunskap i sektorn "
                "och visar organisationernas kompetenser."
            ),
            "agenda": [
                item("Mötet öppnas och dagordningen fastställs"),
                item(
                    "Underlag om ensamhet bland äldre på landsbygden",
                    "Regionens tjänstepersoner och nätverket presenterar underlaget.",
                ),
                item("Kunskapsutveckling i idéburen sektor"),
                item("Regionens förfrågningar till sektorn under våren"),
            ],
            "decisions": [
                decision(
                    "§ 2",
                    "<p>Rådet ställer sig bakom underlaget och föreslår att regionen bjuder in "
                    "idéburna organisationer till ett utvecklingsarbete mot ensamhet.</p>",
                ),
                decision(
                    "§ 3",
                    "<p>Nätverket redovisar organisationernas kompetenser i en förteckning till "
                    "nästa möte.</p>",
                ),
            ],
        },
        "en": {
            "slug": "meeting-on-loneliness-and-knowledge",
            "summary": (
                "The report on loneliness among older people, and how the network builds "
                "knowledge in the sector and shows the organisations' competences."
            ),
            "agenda": [
                item("Opening and adoption of the agenda"),
                item(
                    "Report on loneliness among older people in the countryside",
                    "The region's officials and the network present the report.",
                ),
                item("Knowledge development in the idea-driven sector"),
                item("The region's calls to the sector this spring"),
            ],
            "decisions": [
                decision(
                    "§ 2",
                    "<p>The council endorses the report and proposes that the region invites "
                    "idea-driven organisations to development work against loneliness.</p>",
                ),
                decision(
                    "§ 3",
                    "<p>The network presents a directory of the organisations' competences at the "
                    "next meeting.</p>",
                ),
            ],
        },
    },
    {
        "days": 20,
        "hours": (13, 16),
        "place": "Regionens hus, Exempelgatan 14, Karlstad",
        "online": True,
        "organisations": [0, 1, 2, 3, 4, 5],
        "region": ["chair", "elected", "official"],
        "minutes": False,
        "documents": [("Kallelse till rådets möte", "Kallelse")],
        "sv": {
            "slug": "mote-om-regionens-utvecklingsstrategi",
            "summary": (
                "Regionens utvecklingsstrategi och var idéburen sektor vill vara med, och de behov "
                "som medlemmarna har lyft sedan förra mötet."
            ),
            "agenda": [
                item("Mötet öppnas och dagordningen fastställs"),
                item(
                    "Regionens utvecklingsstrategi",
                    "Regionen presenterar arbetet och vill höra var sektorn vill bidra.",
                ),
                item("Behov vi ser sedan förra mötet"),
                item("Förteckningen över organisationernas kompetenser"),
            ],
            "decisions": [],
        },
        "en": {
            "slug": "meeting-on-the-regional-development-strategy",
            "summary": (
                "The region's development strategy and where the idea-driven sector wants to take "
                "part, and the needs members have raised since the last meeting."
            ),
            "agenda": [
                item("Opening and adoption of the agenda"),
                item(
                    "The regional development strategy",
                    "The region presents the work and asks where the sector wants to contribute.",
                ),
                item("Needs we have seen since the last meeting"),
                item("The directory of the organisations' competences"),
            ],
            "decisions": [],
        },
    },
]


def load(stdout):
    home, en = demo_home()
    index = ensure_index_page(home, CouncilIndexPageFactory, INDEX, en)
    organisations = demo_organisations()
    for meeting in MEETINGS:
        ensure_meeting(index, meeting, organisations, en)
    stdout.write("The council's meetings are in place.")


def working_day(days):
    """`days` from today, moved on to a Tuesday, Wednesday or Thursday outside the Christmas
    holidays, as the council would meet."""
    today = timezone.localdate()
    day = today + datetime.timedelta(days=days)
    while day.weekday() not in (1, 2, 3) or not (1, 6) < (day.month, day.day) < (12, 20):
        day += datetime.timedelta(days=1)
    return (day - today).days


def ensure_meeting(index, spec, organisations, en):
    page = CouncilMeetingPage.objects.child_of(index).filter(slug=spec["sv"]["slug"]).first()
    if page is None:
        start_hour, end_hour = spec["hours"]
        days = working_day(spec["days"])
        start = at(days, start_hour)
        page = CouncilMeetingPageFactory(
            parent=index,
            title=default_title(start, "sv"),
            start=start,
            end=at(days, end_hour),
            place=spec["place"],
            online=spec["online"],
            online_url=(
                f"https://mote.regionvarmland.example/{spec['sv']['slug']}"
                if spec["online"] and spec["days"] > 0
                else ""
            ),
            **spec["sv"],
        )
        page.organisations.set([organisations[number] for number in spec["organisations"]])
        page.region_participants = [
            RegionParticipant(name=name, role=role, unit=unit)
            for name, role, unit in (REGION[key] for key in spec["region"])
        ]
        page.documents = [
            MeetingDocument(
                document=demo_document(f"{title}, {page.title}", page, index, heading=title),
                label=label,
            )
            for title, label in spec["documents"]
        ]
        if spec["minutes"]:
            page.minutes = minutes_pdf(page, index, spec)
        page.save_revision().publish()
    ensure_translation(page, en, {"title": default_title(page.start, "en"), **spec["en"]})


def minutes_pdf(page, index, spec):
    return demo_document(
        f"Protokoll {page.title}",
        page,
        index,
        heading="Protokoll",
        organisations=[organisation.name for organisation in page.organisations.all()],
        region_participants=list(page.region_participants.all()),
        decisions=[
            {"reference": block["value"]["reference"], "text": strip_tags(block["value"]["text"])}
            for block in spec["sv"]["decisions"]
        ],
        secretary=REGION["secretary"][0],
        chair=REGION["chair"][0],
    )


def demo_document(title, page, index, heading, **context):
    """A small PDF of the meeting, made once: found by its title when the demo loads again."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    with translation.override("sv"):
        html = render_to_string(
            "council/demo_document.html",
            {"heading": heading, "meeting": page, "council": index, **context},
        )
    # Nothing is fetched: the document is text.
    content = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    filename = f"{slugify(title)[:60]}.pdf"
    return Document.objects.create(title=title, file=ContentFile(content, name=filename))
