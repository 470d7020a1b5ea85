"""Demo statements and consultations. Every organisation and person here is fictional."""

import datetime
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Workflow, WorkflowPage

from home.demo_content import (
    contact_persons,
    demo_home,
    ensure_index_page,
    ensure_translation,
    heading,
    paragraph,
    topics,
)
from member_review.choices import VoteChoice
from member_review.reminders import remind
from member_review.voting import cast_vote
from members.demo_content import demo_organisations
from positions import demo_remiss
from positions.demo_reviews import representative, start_member_review
from positions.factories import (
    ConsultationIndexPageFactory,
    ConsultationResponsePageFactory,
    EndorsementFactory,
    IssuingAuthorityFactory,
    PositionIndexPageFactory,
    PositionStatementPageFactory,
)
from positions.models import Endorsement, IssuingAuthority

AUTHORITIES = [
    ("Region Värmland", "region-varmland"),
    ("Karlstads kommun", "karlstads-kommun"),
    ("Socialdepartementet", "socialdepartementet"),
    ("Länsstyrelsen Värmland", "lansstyrelsen-varmland"),
]

INDEXES = {
    PositionIndexPageFactory: {
        "sv": {
            "title": "Ställningstaganden",
            "slug": "stallningstaganden",
            "introduction": "Gemensamma ställningstaganden som nätverkets medlemsorganisationer står bakom.",
        },
        "en": {
            "title": "Positions",
            "slug": "positions",
            "introduction": "Joint position statements that the network's member organisations stand behind.",
        },
    },
    ConsultationIndexPageFactory: {
        "sv": {
            "title": "Remisser",
            "slug": "remisser",
            "introduction": "Remisser som nätverket har fått och de svar vi har lämnat.",
        },
        "en": {
            "title": "Consultations",
            "slug": "consultations",
            "introduction": "Consultations referred to the network and the responses we have submitted.",
        },
    },
}

STATEMENT_WORKFLOW = "Ställningstagande"

IN_REVIEW = {
    "title": "Föreningslokaler ska vara öppna för alla",
    "slug": "foreningslokaler-ska-vara-oppna-for-alla",
    "summary": "Allmänna samlingslokaler är demokratins infrastruktur. Kommunerna bör behålla lokalstödet, hålla hyrorna låga och göra lokalerna tillgängliga för personer med funktionsnedsättning.",
    "body": [
        heading("Varför det spelar roll"),
        paragraph(
            "<p>I bygdegårdar, Folkets hus och församlingshem möts studiecirklar, körer, nyanlända och pensionärsföreningar. När en lokal stänger försvinner ofta hela verksamheter med den.</p>"
        ),
        heading("Vad vi föreslår"),
        paragraph(
            "<ul><li>Ett kommunalt lokalstöd som räknas upp varje år.</li><li>En gemensam inventering av tillgängligheten i länets samlingslokaler.</li><li>Att idéburna organisationer får förtur till kommunala lokaler kvällar och helger.</li></ul>"
        ),
    ],
}

ADOPTED_WITH_A_SEPARATE_STATEMENT = {
    "title": "Fritidsgårdar ska finnas i hela länet",
    "slug": "fritidsgardar-ska-finnas-i-hela-lanet",
    "summary": "Unga på landsbygden ska ha samma tillgång till öppen fritidsverksamhet som unga i tätorterna. Regionen och kommunerna bör finansiera den tillsammans med civilsamhället.",
    "body": [
        heading("Vad vi föreslår"),
        paragraph(
            "<p>Varje kommun i Värmland bör ha minst en öppen fritidsverksamhet för unga, driven av kommunen eller av en idéburen organisation med långsiktigt stöd.</p>"
        ),
    ],
}
SEPARATE_STATEMENT = (
    "Vi delar målet men avstår, eftersom förslaget inte säger hur verksamheter som drivs "
    "av ideella krafter ska få lokaler på orter där kommunen saknar egna."
)

STATEMENTS = [
    {
        "date_adopted": datetime.date(2026, 9, 10),
        "topics": ["folkhalsa"],
        "contacts": ["samordnare@idekammaren.example"],
        "endorsers": 9,
        "sv": {
            "title": "Unga vuxnas psykiska hälsa kräver långsiktiga partnerskap",
            "slug": "unga-vuxnas-psykiska-halsa",
            "summary": "Föreningslivet når unga vuxna som vården inte når. Regionen och kommunerna bör teckna fleråriga avtal med de organisationer som driver stödlinjer, samtalsgrupper och mötesplatser.",
            "body": [
                heading("Vad vi ser"),
                paragraph(
                    "<p>Allt fler unga vuxna i Värmland beskriver oro och ensamhet. Våra medlemmar möter dem i idrottsföreningar, studiecirklar och församlingar, ofta långt innan de söker vård.</p>"
                ),
                heading("Vad vi föreslår"),
                paragraph(
                    "<ul><li>Fleråriga idéburna offentliga partnerskap i stället för ettåriga projektbidrag.</li><li>En gemensam utbildning i psykisk första hjälp för föreningsledare.</li><li>Att regionens folkhälsoarbete följs upp tillsammans med sektorn.</li></ul>"
                ),
            ],
        },
        "en": {
            "title": "Young adults' mental health needs long-term partnerships",
            "slug": "young-adults-mental-health",
            "summary": "Civil society reaches young adults whom health care does not. The region and the municipalities should sign multi-year agreements with the organisations that run helplines, talking groups and meeting places.",
            "body": [
                paragraph(
                    "<p>More and more young adults in Värmland describe worry and loneliness. Our members meet them in sports clubs, study circles and congregations, often long before they seek care.</p>"
                )
            ],
        },
    },
    {
        "date_adopted": datetime.date(2026, 6, 12),
        "topics": ["civilsamhallets-villkor", "kultur"],
        "contacts": ["ordforande@idekammaren.example"],
        "endorsers": 7,
        "sv": {
            "title": "Föreningslokaler ska finnas i hela länet",
            "slug": "foreningslokaler-i-hela-lanet",
            "summary": "Utan lokaler inget föreningsliv. Kommunerna bör kartlägga sina lokaler och ge ideella föreningar förtur till lokaler som står tomma kvällar och helger.",
            "body": [
                paragraph(
                    "<p>I flera av länets mindre orter har bygdegårdar och folkets hus stängt. Skolor och kommunala lokaler står samtidigt tomma på kvällarna.</p>"
                )
            ],
        },
        "en": None,
    },
    {
        "date_adopted": datetime.date(2026, 4, 2),
        "topics": ["demokrati"],
        "contacts": ["ordforande@idekammaren.example", "press@idekammaren.example"],
        "endorsers": 11,
        "sv": {
            "title": "Ett demokratiskt samtal som alla kan delta i",
            "slug": "ett-demokratiskt-samtal-for-alla",
            "summary": "Medborgardialoger ska vara tillgängliga: på lättläst svenska, på flera språk, på tider då folk kan och i lokaler som alla kan ta sig till.",
            "body": [
                paragraph(
                    "<p>Demokratin stärks när fler får vara med. Idéburna organisationer kan hjälpa kommunerna att nå grupper som sällan hörs.</p>"
                )
            ],
        },
        "en": {
            "title": "A democratic conversation everyone can join",
            "slug": "a-democratic-conversation-for-all",
            "summary": "Citizen dialogues must be accessible: in plain Swedish, in several languages, at times when people can come and in places everyone can reach.",
            "body": [paragraph("<p>Democracy grows stronger when more people can take part.</p>")],
        },
    },
    {
        "date_adopted": datetime.date(2025, 11, 20),
        "topics": ["hallbar-utveckling"],
        "contacts": [],
        "endorsers": 6,
        "sv": {
            "title": "En klimatomställning som engagerar",
            "slug": "en-klimatomstallning-som-engagerar",
            "summary": "Omställningen går fortare när människor får vara med och forma den. Regionens klimatstrategi bör ge föreningar en tydlig roll och resurser.",
            "body": [
                paragraph(
                    "<p>Odlingsföreningar, friluftsorganisationer och studieförbund har kunskap och nätverk som behövs i omställningen.</p>"
                )
            ],
        },
        "en": None,
    },
]


def consultations(today):
    return [
        {
            "authority": "region-varmland",
            "topics": ["hallbar-utveckling", "demokrati"],
            "endorsers": 0,
            "fields": {
                "referral_title": "Regional utvecklingsstrategi för Värmland 2027–2035",
                "diarienummer": "RV2026/0412",
                "referral_reference": "",
                "invited": True,
                "received_date": today - datetime.timedelta(days=12),
                "response_deadline": today + datetime.timedelta(days=21),
                "status": "preparing",
            },
            "sv": {
                "title": "Remiss: Regional utvecklingsstrategi 2027–2035",
                "slug": "regional-utvecklingsstrategi-2027-2035",
                "summary": "Region Värmland har skickat sitt förslag till ny utvecklingsstrategi på remiss. Vi samlar in medlemmarnas synpunkter.",
            },
            "en": {
                "title": "Consultation: Regional development strategy 2027–2035",
                "slug": "regional-development-strategy-2027-2035",
                "summary": "Region Värmland has referred its draft development strategy for consultation. We are gathering the members' views.",
            },
        },
        {
            "authority": "karlstads-kommun",
            "topics": ["civilsamhallets-villkor"],
            "endorsers": 0,
            "fields": {
                "referral_title": "Riktlinjer för föreningsstöd",
                "diarienummer": "KS-2026-0877",
                "referral_reference": "",
                "invited": False,
                "received_date": today - datetime.timedelta(days=5),
                "response_deadline": today + datetime.timedelta(days=40),
                "status": "received",
            },
            "sv": {
                "title": "Remiss: Riktlinjer för föreningsstöd i Karlstad",
                "slug": "riktlinjer-for-foreningsstod",
                "summary": "Karlstads kommun föreslår nya riktlinjer för bidrag till föreningar.",
            },
            "en": None,
        },
        {
            "authority": "socialdepartementet",
            "topics": ["civilsamhallets-villkor"],
            "endorsers": 10,
            "pdf": True,
            "fields": {
                "referral_title": "Ett stärkt och oberoende civilsamhälle",
                "diarienummer": "S2026/01234",
                "referral_reference": "SOU 2026:7",
                "invited": False,
                "received_date": datetime.date(2026, 6, 15),
                "response_deadline": datetime.date(2026, 10, 1),
                "submitted_date": datetime.date(2026, 9, 30),
                "status": "answered",
                "stance": "approve-in-part",
            },
            "sv": {
                "title": "Remissvar: Ett stärkt och oberoende civilsamhälle (SOU 2026:7)",
                "slug": "sou-2026-7-ett-starkt-civilsamhalle",
                "summary": "Vi tillstyrker utredningens förslag om fleråriga statsbidrag men avstyrker de nya kraven på revision för små föreningar.",
            },
            "en": {
                "title": "Response: A stronger and independent civil society (SOU 2026:7)",
                "slug": "sou-2026-7-a-stronger-civil-society",
                "summary": "We support the inquiry's proposal for multi-year state grants but reject the new audit requirements for small associations.",
            },
        },
        {
            "authority": "region-varmland",
            "topics": ["kultur"],
            "endorsers": 8,
            "fields": {
                "referral_title": "Kulturplan för Värmland 2027–2030",
                "diarienummer": "RV2026/0101",
                "referral_reference": "",
                "invited": True,
                "received_date": datetime.date(2026, 2, 10),
                "response_deadline": datetime.date(2026, 5, 22),
                "submitted_date": datetime.date(2026, 5, 20),
                "status": "answered",
                "stance": "approve",
            },
            "sv": {
                "title": "Remissvar: Kulturplan för Värmland 2027–2030",
                "slug": "kulturplan-2027-2030",
                "summary": "Vi tillstyrker kulturplanen och välkomnar att studieförbunden och föreningslivet får en tydligare roll.",
            },
            "en": {
                "title": "Response: Cultural plan for Värmland 2027–2030",
                "slug": "cultural-plan-2027-2030",
                "summary": "We support the cultural plan and welcome the clearer role for study associations and civil society.",
            },
        },
        {
            "authority": "lansstyrelsen-varmland",
            "topics": ["integration"],
            "endorsers": 5,
            "fields": {
                "referral_title": "Regional handlingsplan för integration",
                "diarienummer": "LST 801-2025",
                "referral_reference": "",
                "invited": True,
                "received_date": datetime.date(2025, 9, 1),
                "response_deadline": datetime.date(2025, 11, 14),
                "submitted_date": datetime.date(2025, 11, 10),
                "status": "answered",
                "stance": "no-objection",
            },
            "sv": {
                "title": "Remissvar: Regional handlingsplan för integration",
                "slug": "handlingsplan-for-integration",
                "summary": "Vi har inget att invända mot handlingsplanen och erbjuder våra medlemmars erfarenhet av språkcaféer och mentorskap.",
            },
            "en": None,
        },
    ]


def load(stdout):
    home, en = demo_home()
    organisations = demo_organisations()
    authorities = {
        slug: IssuingAuthority.objects.filter(slug=slug).first()
        or IssuingAuthorityFactory(slug=slug, name=name)
        for name, slug in AUTHORITIES
    }
    indexes = {
        page_factory: ensure_index_page(home, page_factory, texts, en)
        for page_factory, texts in INDEXES.items()
    }
    active = [organisation for organisation in organisations if organisation.active]
    for spec in STATEMENTS:
        page = ensure_page(
            indexes[PositionIndexPageFactory],
            PositionStatementPageFactory,
            spec,
            en,
            date_adopted=spec["date_adopted"],
            contact_persons=contact_persons(*spec["contacts"]),
        )
        ensure_endorsements(page, active[: spec["endorsers"]])
    for spec in consultations(timezone.localdate()):
        fields = dict(spec["fields"], authority=authorities[spec["authority"]])
        if spec.get("pdf"):
            fields["response_document"] = demo_pdf(spec["sv"]["title"])
        page = ensure_page(
            indexes[ConsultationIndexPageFactory],
            ConsultationResponsePageFactory,
            spec,
            en,
            **fields,
        )
        ensure_endorsements(page, active[-spec["endorsers"] :] if spec["endorsers"] else [])
    statement_workflow = Workflow.objects.get(name=STATEMENT_WORKFLOW)
    for page_factory in (PositionIndexPageFactory, ConsultationIndexPageFactory):
        WorkflowPage.objects.update_or_create(
            page=indexes[page_factory], defaults={"workflow": statement_workflow}
        )
    ensure_statement_in_review(indexes[PositionIndexPageFactory], statement_workflow)
    ensure_adopted_with_a_separate_statement(indexes[PositionIndexPageFactory], statement_workflow)
    demo_remiss.load(indexes[ConsultationIndexPageFactory], statement_workflow, authorities)
    stdout.write("Member organisations, statements and consultations are in place.")


def ensure_statement_in_review(index, workflow):
    """A statement in member review on which three members have voted so far and one more has
    been reminded."""
    review = start_member_review(index, workflow, IN_REVIEW, "demokrati")
    if review is None:
        return
    for number, choice in [
        (1, VoteChoice.ENDORSE),
        (2, VoteChoice.ENDORSE),
        (3, VoteChoice.ABSTAIN),
    ]:
        cast_vote(review, representative(number), choice)
    # The editors reminded one organisation that had not answered.
    remind(
        review,
        review.unanswered()[:1],
        user=get_user_model().objects.get(username="redaktor"),
    )


def ensure_adopted_with_a_separate_statement(index, workflow):
    """A statement the members adopted through a member review, one organisation abstaining with
    a separate statement that it agreed to publish."""
    review = start_member_review(index, workflow, ADOPTED_WITH_A_SEPARATE_STATEMENT, "folkhalsa")
    if review is None:
        return
    cast_vote(
        review,
        representative(9),
        VoteChoice.ABSTAIN,
        statement=SEPARATE_STATEMENT,
        publish_statement=True,
    )
    for number in range(1, 8):
        cast_vote(review, representative(number), VoteChoice.ENDORSE)


def ensure_page(index, page_factory, spec, en, **fields):
    page = page_factory._meta.model.objects.child_of(index).filter(slug=spec["sv"]["slug"]).first()
    if page is None:
        page = page_factory(
            parent=index,
            topics=topics(*spec["topics"]),
            published_revision=True,
            **spec["sv"],
            **fields,
        )
    if spec["en"]:
        ensure_translation(page, en, spec["en"])
    return page


def ensure_endorsements(page, organisations):
    endorsed = set(Endorsement.objects.filter(page=page).values_list("organisation", flat=True))
    for organisation in organisations:
        if organisation.pk not in endorsed:
            EndorsementFactory(page=page, organisation=organisation, revision=page.live_revision)


def demo_pdf(title):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return Document.objects.create(
        title=title, file=ContentFile(simple_pdf(title), name="remissvar.pdf")
    )


def simple_pdf(title):
    """A one-page PDF with the title, written by hand so the demo needs no PDF library."""
    text = title.encode("cp1252", errors="replace").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = (
        b"BT /F1 16 Tf 72 760 Td ("
        + text
        + b") Tj 0 -28 Td /F1 11 Tf (Idekammaren Varmland - remissvar) Tj ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
