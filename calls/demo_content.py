"""Demo calls from Region Värmland: one open, with answers from several member organisations, and
one closed, whose participants the page counts and, where they agreed, names. Every person here
is fictional; the region's contact has an `.example` address.

Dates are counted from the day the demo is loaded. Publishing the open call e-mails every
representative, as publishing does on the site; the closed one was announced before the demo's
time and is recorded as such.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from calls.answers import save_answer
from calls.factories import CallIndexPageFactory, CallPageFactory, days
from calls.models import Answer, CallAnnouncement, CallAnswer, CallPage
from home.demo_content import (
    contact_persons,
    demo_home,
    ensure_index_page,
    ensure_translation,
    paragraph,
    topics,
)
from members.models import Competence, MemberOrganisation

INDEX = {
    "sv": {
        "title": "Förfrågningar",
        "slug": "forfragningar",
        "introduction": (
            "När Region Värmland eller en annan partner vill ha med idéburna organisationer i ett "
            "utvecklingsarbete frågar de genom nätverket. Här ser du vad som efterfrågas och hur "
            "det gick."
        ),
    },
    "en": {
        "title": "Calls",
        "slug": "calls",
        "introduction": (
            "When Region Värmland or another partner wants idea-driven organisations to take part "
            "in a piece of development work, it asks through the network. Here you see what is "
            "sought and how it went."
        ),
    },
}

CALLS = [
    {
        "reply_by": 12,
        "work": (40, 220),
        "organisations_sought": 4,
        "organisation_kinds": ["association", "study-association"],
        "municipalities": ["karlstad", "arvika", "torsby"],
        "competences": ["barn-och-unga"],
        "topics": ["folkhalsa"],
        "contacts": ["ordforande@idekammaren.example"],
        "answers": [
            (
                "grannkraft",
                Answer.PARTICIPATE,
                "Vi kan ordna samtalskvällar med unga i Kronoparken.",
                True,
            ),
            ("ljusglimt", Answer.PARTICIPATE, "Cirkelledare i alla tre kommunerna.", False),
            ("torsby-friluft", Answer.PARTICIPATE, "", True),
            (
                "arvika-sprakcafe",
                Answer.DECLINE,
                "Vi har inte tid i höst, men gärna nästa år.",
                False,
            ),
        ],
        "sv": {
            "title": "Unga röster i folkhälsoarbetet",
            "slug": "unga-roster-i-folkhalsoarbetet",
            "summary": (
                "Region Värmland söker fyra föreningar eller studieförbund som når unga mellan 15 "
                "och 25 år, för att tillsammans med regionen ta fram samtalsträffar om psykisk "
                "hälsa i Karlstad, Arvika och Torsby."
            ),
            "body": [
                paragraph(
                    "<p>Regionen står för material, utbildning av samtalsledare och ersättning "
                    "för lokaler. Organisationerna bjuder in, leder träffarna och berättar vad "
                    "de unga tar upp. Arbetet redovisas i regionens folkhälsoplan.</p>"
                )
            ],
        },
        "en": {
            "title": "Young voices in public health work",
            "slug": "young-voices-in-public-health",
            "summary": (
                "Region Värmland is looking for four associations or study associations that "
                "reach young people aged 15 to 25, to hold conversation meetings on mental health "
                "with the region in Karlstad, Arvika and Torsby."
            ),
            "body": [
                paragraph(
                    "<p>The region provides material, training for conversation leaders and pays "
                    "for premises. The organisations invite, lead the meetings and report what "
                    "the young people raise.</p>"
                )
            ],
        },
    },
    {
        "reply_by": -20,
        "work": (-5, 60),
        "organisations_sought": None,
        "organisation_kinds": [],
        "municipalities": [],
        "competences": ["lager-och-lovaktiviteter"],
        "topics": ["kultur"],
        "contacts": [],
        "announced": -41,
        "answers": [
            ("saffle-kulturkollektiv", Answer.PARTICIPATE, "Sommarteater för barn i Säffle.", True),
            ("sunne-ungdomsrad", Answer.PARTICIPATE, "Unga ledare på lovet.", True),
            ("livsgladje-filipstad", Answer.PARTICIPATE, "Utflykter för familjer.", False),
            ("grums-idrottsallians", Answer.PARTICIPATE, "Prova-på-dagar.", False),
            ("grona-fingrar", Answer.DECLINE, "", False),
        ],
        "sv": {
            "title": "Lovaktiviteter för barn i hela länet",
            "slug": "lovaktiviteter-for-barn",
            "summary": (
                "Region Värmland sökte organisationer som vill ordna avgiftsfria aktiviteter för "
                "barn och familjer under sommarlovet, med bidrag från regionen."
            ),
            "body": [],
        },
        "en": {
            "title": "Holiday activities for children across the county",
            "slug": "holiday-activities-for-children",
            "summary": (
                "Region Värmland sought organisations that want to hold free activities for "
                "children and families during the summer holiday, with a grant from the region."
            ),
            "body": [],
        },
    },
]

CONTACT = {"contact_name": "Lena Exempelsson", "contact_email": "lena.exempelsson@region.example"}


def load(stdout):
    home, en = demo_home()
    index = ensure_index_page(home, CallIndexPageFactory, INDEX, en)
    for spec in CALLS:
        ensure_call(index, spec, en)
    stdout.write("Calls and their answers are in place.")


def ensure_call(index, spec, en):
    page = CallPage.objects.child_of(index).filter(slug=spec["sv"]["slug"]).first()
    if page is None:
        starts, ends = spec["work"]
        page = CallPageFactory(
            parent=index,
            reply_by=days(spec["reply_by"]),
            work_starts=days(starts),
            work_ends=days(ends),
            organisations_sought=spec["organisations_sought"],
            organisation_kinds=spec["organisation_kinds"],
            municipalities=spec["municipalities"],
            competences=list(
                Competence.objects.filter(locale__language_code="sv", slug__in=spec["competences"])
            ),
            topics=topics(*spec["topics"]),
            contact_persons=contact_persons(*spec["contacts"]),
            published_revision=True,
            **CONTACT,
            **spec["sv"],
        )
        if "announced" in spec:
            CallAnnouncement.objects.get_or_create(
                call=page,
                defaults={
                    "sent_at": timezone.now() + datetime.timedelta(days=spec["announced"]),
                    "recipients": 12,
                },
            )
        ensure_answers(page, spec["answers"])
    ensure_translation(page, en, spec["en"])


def ensure_answers(call, answers):
    organisations = {
        organisation.slug: organisation
        for organisation in MemberOrganisation.objects.active().filter(
            slug__in=[slug for slug, *_rest in answers]
        )
    }
    for slug, answer, note, consent in answers:
        organisation = organisations[slug]
        user = (
            get_user_model()
            .objects.filter(representative__organisation=organisation)
            .order_by("username")
            .first()
        )
        if call.is_open():
            save_answer(call, user, answer=answer, note=note, consent_to_name=consent)
        else:
            # Answered before the reply-by date, which has passed since.
            CallAnswer.objects.get_or_create(
                call=call,
                organisation=organisation,
                defaults={
                    "answer": answer,
                    "note": note,
                    "consent_to_name": consent,
                    "answered_by": user,
                    "answered_at": timezone.now() + datetime.timedelta(days=call_day(call) - 3),
                },
            )


def call_day(call):
    """The reply-by date, in days from today."""
    return (call.reply_by - timezone.localdate()).days
