"""Demo signals ("Behov vi ser") from fictional member organisations, one in each state: new,
forwarded and published, answered and published, and one merged into the forwarded one. Their
histories are written as the editors' triage would have written them; no e-mail is sent."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.demo_content import demo_home, ensure_index_page, topics
from members.models import MemberOrganisation
from needs.factories import NeedsPageFactory
from needs.models import Need, NeedEvent, NeedStatus

PAGE = {
    "sv": {
        "title": "Behov vi ser",
        "slug": "behov-vi-ser",
        "introduction": (
            "Medlemsorganisationerna möter människor som andra inte når. De behov de ser lyfter "
            "nätverket till Region Värmland, och här berättar vi vad regionen svarar."
        ),
    },
    "en": {
        "title": "Needs we see",
        "slug": "needs-we-see",
        "introduction": (
            "The member organisations meet people whom others do not reach. The network takes "
            "the needs they see to Region Värmland, and here we tell what the region answers."
        ),
    },
}

ANSWERED = {
    "organisation": "arvika-sprakcafe",
    "reporter": "representant3",
    "days_ago": 60,
    "title": "Nyanlända kvinnor i Arvika hinner inte lära sig svenska",
    "description": (
        "Många av kvinnorna som kommer till språkcaféet har småbarn och ingen förskoleplats "
        "under SFI-tiden. De slutar efter några veckor. Vi ser det varje termin."
    ),
    "topic": "integration",
    "municipality": "arvika",
    "target_group": "Nyanlända kvinnor med barn under tre år",
    "contribution": "Vi kan ordna barnpassning med volontärer under två förmiddagar i veckan.",
    "consent": True,
    "status": NeedStatus.ANSWERED,
    "public_title": "Barnpassning så att nyanlända föräldrar kan läsa svenska",
    "public_title_en": "Childcare so that newly arrived parents can learn Swedish",
    "public_summary": (
        "Nyanlända föräldrar med små barn, oftast kvinnor, hoppar av SFI i Arvika eftersom "
        "ingen kan ta hand om barnen under lektionerna. Språkcaféet kan ordna barnpassning "
        "med volontärer om lokal och försäkring ordnas."
    ),
    "public_summary_en": (
        "Newly arrived parents of small children, mostly women, drop out of Swedish for "
        "immigrants in Arvika because nobody can look after the children during lessons. The "
        "language café can arrange childcare with volunteers if premises and insurance are found."
    ),
    "region_answer": (
        "Regionen tar upp frågan med Arvika kommun och folkhögskolan. Ett försök med "
        "barnpassning i anslutning till undervisningen planeras till hösten, i samarbete med "
        "språkcaféet."
    ),
    "region_answer_en": (
        "The region takes the question up with Arvika municipality and the folk high school. A "
        "trial with childcare next to the lessons is planned for the autumn, together with the "
        "language café."
    ),
}

FORWARDED = {
    "organisation": "livsgladje-filipstad",
    "reporter": "representant9",
    "days_ago": 30,
    "title": "Äldre i Filipstads byar blir ensamma när bussen slutar gå",
    "description": (
        "Sedan kvällsturerna drogs in kommer äldre i Nordmark och Persberg inte till våra "
        "sångkvällar. Flera har sagt att de inte träffar någon på hela veckan."
    ),
    "topic": "folkhalsa",
    "municipality": "filipstad",
    "target_group": "Äldre utan bil på landsbygden",
    "contribution": "Våra medlemmar kan samordna samåkning om regionen hjälper till med en bilpool.",
    "consent": True,
    "status": NeedStatus.FORWARDED,
    "public_title": "Äldre på landsbygden kommer inte till mötesplatserna",
    "public_title_en": "Older people in the countryside cannot reach meeting places",
    "public_summary": (
        "Två föreningar ser att äldre utan bil blir isolerade när kollektivtrafiken glesas ut "
        "på kvällar och helger. Föreningarna kan samordna samåkning till sina träffar."
    ),
    "public_summary_en": (
        "Two associations see older people without a car becoming isolated as public transport "
        "thins out in the evenings and at weekends. They can coordinate shared rides to their "
        "meetings."
    ),
    "region_answer": "",
    "region_answer_en": "",
}

MERGED = {
    "organisation": "trygghetsnatet",
    "reporter": "representant5",
    "days_ago": 25,
    "title": "Ensamma äldre i Kristinehamns ytterområden",
    "description": (
        "Vi får fler samtal från äldre som inte längre tar sig in till stan. Färdtjänsten "
        "räcker inte till fritid."
    ),
    "topic": "folkhalsa",
    "municipality": "kristinehamn",
    "target_group": "Äldre som bor ensamma",
    "contribution": "",
    "consent": True,
    "status": NeedStatus.NEW,
}

NEW = {
    "organisation": "torsby-friluft",
    "reporter": "representant4",
    "days_ago": 3,
    "title": "Unga i norra Värmland saknar ledare för friluftsliv",
    "description": (
        "Vi får inte tag på ledare till våra ungdomsgrupper. De som går utbildningen flyttar "
        "till Karlstad för att studera. Utan ledare kan vi inte ta ut nya grupper."
    ),
    "topic": "hallbar-utveckling",
    "municipality": "hela-lanet",
    "target_group": "Unga 13–19 år i länets norra kommuner",
    "contribution": "Vi kan hålla utbildningen om regionen står för resorna.",
    "consent": False,
    "status": NeedStatus.NEW,
}


def load(stdout):
    home, en = demo_home()
    ensure_index_page(home, NeedsPageFactory, PAGE, en)
    if not Need.objects.exists():
        editor = get_user_model().objects.filter(username="redaktor").first()
        answered = reported(ANSWERED)
        forwarded_to_region(answered, editor, days=52)
        publish(answered, editor, days=50)
        answer(answered, editor, days=12)
        forwarded = reported(FORWARDED)
        forwarded_to_region(forwarded, editor, days=26)
        merged = reported(MERGED)
        merge(merged, forwarded, editor, days=24)
        publish(forwarded, editor, days=24)
        reported(NEW)
    stdout.write("Signals to the region are in place.")


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def reported(spec):
    user = get_user_model().objects.filter(username=spec["reporter"]).first()
    need = Need.objects.create(
        organisation=MemberOrganisation.objects.canonical().get(slug=spec["organisation"]),
        reported_by=user,
        reported_at=ago(spec["days_ago"]),
        title=spec["title"],
        description=spec["description"],
        topic=topics(spec["topic"])[0],
        municipality=spec["municipality"],
        target_group=spec["target_group"],
        contribution=spec["contribution"],
        consent_to_publish=spec["consent"],
        **{
            name: spec.get(name, "")
            for name in (
                "public_title",
                "public_title_en",
                "public_summary",
                "public_summary_en",
                "region_answer",
                "region_answer_en",
            )
        },
    )
    event(need, user, spec["days_ago"], NeedEvent.Action.REPORTED, to_status=NeedStatus.NEW)
    if spec["consent"]:
        event(need, user, spec["days_ago"], NeedEvent.Action.CONSENT_GIVEN)
    return need


def event(need, user, days, action, **fields):
    NeedEvent.objects.create(need=need, user=user, at=ago(days), action=action, **fields)


def forwarded_to_region(need, editor, days):
    need.status, need.forwarded_at = NeedStatus.FORWARDED, ago(days)
    need.save()
    event(
        need,
        editor,
        days,
        NeedEvent.Action.STATUS,
        from_status=NeedStatus.NEW,
        to_status=NeedStatus.FORWARDED,
        note="Skickat till regionens folkhälsoenhet med föreningens exempel.",
    )


def publish(need, editor, days):
    need.published, need.published_at = True, ago(days)
    need.save()
    event(need, editor, days, NeedEvent.Action.PUBLIC_TEXT)
    event(need, editor, days, NeedEvent.Action.PUBLISHED)


def answer(need, editor, days):
    need.status, need.answered_at = NeedStatus.ANSWERED, ago(days)
    need.save()
    event(
        need,
        editor,
        days,
        NeedEvent.Action.STATUS,
        from_status=NeedStatus.FORWARDED,
        to_status=NeedStatus.ANSWERED,
        note="Svar från regionens enhet för integration, per e-post.",
    )


def merge(need, target, editor, days):
    need.merged_into, need.status = target, NeedStatus.CLOSED
    need.save()
    note = "Samma behov som Livsglädjes signal; vi driver dem som en."
    event(
        need,
        editor,
        days,
        NeedEvent.Action.MERGED_INTO,
        from_status=NeedStatus.NEW,
        to_status=NeedStatus.CLOSED,
        note=note,
        other=target,
    )
    event(target, editor, days, NeedEvent.Action.MERGED_FROM, note=note, other=need)
