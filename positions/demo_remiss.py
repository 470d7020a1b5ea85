"""The demo's consultation cases: one open consultation with input from two member
organisations, and one response that went the whole way (member review, package, delivery to the
authority, follow-up). Every organisation, person and address here is fictional."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.demo_content import contact_persons, heading, paragraph
from member_review.choices import VoteChoice
from member_review.voting import cast_vote
from positions.demo_reviews import representative, start_member_review
from positions.factories import ConsultationResponsePageFactory
from positions.models import ConsultationCase, ConsultationResponsePage, Uptake
from positions.remiss.delivery import send_to_authority
from positions.remiss.handling import change_handling
from positions.remiss.input_requests import request_input
from positions.remiss.member_input import save_input
from positions.submission_package import make_package

REGISTRATORS = {
    "region-varmland": (
        "registrator@region-varmland.example",
        "Remissvar som tillgänglig PDF och Word-fil. Ange diarienumret i ämnesraden och i "
        "filnamnen.",
    ),
}

AWAITING_FOLLOW_UP_SLUG = "kulturplan-2027-2030"
OPEN_CONSULTATION_SLUG = "regional-utvecklingsstrategi-2027-2035"
INPUT = {
    1: "Strategin bör nämna föreningarnas samlingslokaler som en del av den sociala "
    "infrastrukturen, särskilt i glesbygden.",
    4: "Vi saknar studieförbundens roll i kompetensförsörjningen. Folkbildningen når vuxna som "
    "inte går tillbaka till formell utbildning.",
}

ANSWERED = {
    "title": "Remissvar: Folkhälsostrategi för Värmland 2027–2030",
    "slug": "folkhalsostrategi-2027-2030",
    "referral_title": "Folkhälsostrategi för Värmland 2027–2030",
    "diarienummer": "RV2026/0233",
    "invited": True,
    "received_date": datetime.date(2026, 6, 1),
    "response_deadline": datetime.date(2026, 8, 28),
    "status": "preparing",
    "stance": "approve-in-part",
    "summary": "Vi tillstyrker strategins inriktning på psykisk hälsa och delaktighet men menar att "
    "föreningslivets mötesplatser måste få långsiktig finansiering för att strategin ska nå ut.",
    "body": [
        heading("Sammanfattning"),
        paragraph(
            "<p>Idékammaren Värmland välkomnar att strategin ser civilsamhället som en partner "
            "för folkhälsan. Våra medlemsorganisationer möter varje vecka människor som regionens "
            "egna verksamheter inte når.</p>"
        ),
        heading("Synpunkter"),
        paragraph(
            "<ul><li>Mötesplatser som drivs av föreningar behöver fleråriga överenskommelser, "
            "inte projektmedel.</li><li>Målen om psykisk hälsa bör följas upp tillsammans med "
            "organisationerna som arbetar med dem.</li></ul>"
        ),
    ],
}
SENT_ON = datetime.date(2026, 8, 26)
SEPARATE_STATEMENT = (
    "Vi avstår, eftersom strategin inte säger något om tillgängligheten till mötesplatserna för "
    "personer med funktionsnedsättning."
)
FOLLOW_UP = {
    "decision_title": "Regionfullmäktige antog Folkhälsostrategi för Värmland 2027–2030",
    "decision_url": "https://region-varmland.example/beslut/folkhalsostrategi-2027-2030",
    "decision_date": datetime.date(2026, 11, 17),
    "uptake": Uptake.PARTLY,
    "follow_up_comment": "Föreningslivets mötesplatser nämns nu i strategin, men frågan om "
    "långsiktig finansiering lämnades till budgetarbetet.",
}


def load(register, workflow, authorities):
    for slug, (address, notes) in REGISTRATORS.items():
        authority = authorities[slug]
        if not authority.registrator_email:
            authority.registrator_email, authority.delivery_notes = address, notes
            authority.save()
    ensure_open_consultation_with_input(register)
    ensure_answered_all_the_way(register, workflow, authorities)
    # Answered in May and not yet followed up: the editors' dashboard reminds them.
    ConsultationCase.objects.get_or_create(
        page=ConsultationResponsePage.objects.child_of(register).get(slug=AWAITING_FOLLOW_UP_SLUG)
    )


def editor():
    return get_user_model().objects.get(username="redaktor")


def ensure_open_consultation_with_input(register):
    page = ConsultationResponsePage.objects.child_of(register).get(slug=OPEN_CONSULTATION_SLUG)
    case, created = ConsultationCase.objects.get_or_create(
        page=page,
        defaults={"input_deadline": timezone.localdate() + datetime.timedelta(days=10)},
    )
    if not created:
        return
    request_input(case, editor())
    for number, text in INPUT.items():
        save_input(case, representative(number), text)


def ensure_answered_all_the_way(register, workflow, authorities):
    if ConsultationResponsePage.objects.child_of(register).filter(slug=ANSWERED["slug"]).exists():
        return
    review = start_member_review(
        register,
        workflow,
        dict(
            ANSWERED,
            authority=authorities["region-varmland"],
            contact_persons=contact_persons("ordforande@idekammaren.example"),
        ),
        "folkhalsa",
        page_factory=ConsultationResponsePageFactory,
    )
    cast_vote(
        review,
        representative(10),
        VoteChoice.ABSTAIN,
        statement=SEPARATE_STATEMENT,
        publish_statement=True,
    )
    # The seventh endorsement decides the review (the demo's rule: more than half of twelve).
    for number in range(1, 8):
        cast_vote(review, representative(number), VoteChoice.ENDORSE)
    page = ConsultationResponsePage.objects.get(pk=review.workflow_state.object_id)
    case, _created = ConsultationCase.objects.get_or_create(page=page)
    make_package(case)
    delivery = send_to_authority(case, editor())
    # The demo's timeline: the response went to the region two days before its deadline.
    sent_at = timezone.make_aware(datetime.datetime.combine(SENT_ON, datetime.time(10, 30)))
    type(delivery).objects.filter(pk=delivery.pk).update(sent_at=sent_at)
    change_handling(page, submitted_date=SENT_ON)
    ConsultationCase.objects.filter(pk=case.pk).update(
        **FOLLOW_UP, followed_up_at=timezone.now(), followed_up_by=editor()
    )
