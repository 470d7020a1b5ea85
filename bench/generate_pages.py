"""Add generated Swedish news items and position statements for the search benchmark.

Never part of the demo content: run it only against a benchmark database, after migrate and
load_demo_content, as `.venv/bin/python bench/generate_pages.py [COUNT]` from the repository root
(bench/search.py does). COUNT defaults to 10000. The pages have slugs `bench-00000` onwards;
a second run adds only those still missing, so the database holds COUNT of them, not twice as many.

The vocabulary gives the benchmark queries known sizes among 10,000 pages: each of FREQUENT is on
every tenth page (~1,000 hits) and each municipality on every sixteenth, so a FREQUENT word and a
municipality at places of the same parity in their lists share every eightieth page (~125 hits);
each of the 1,000 RARE compounds is on ten pages.
"""

import datetime
import os
import random
import sys
import time
from itertools import product
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COUNT = 10_000
BATCH = 500
SLUG_PREFIX = "bench-"

FREQUENT = [
    "folkbildning",
    "föreningsbidrag",
    "samlingslokaler",
    "volontärer",
    "landsbygdsutveckling",
    "barnkonventionen",
    "folkhälsoarbete",
    "kulturarv",
    "idéburet",
    "medborgardialog",
]
MUNICIPALITIES = [
    "Arvika",
    "Eda",
    "Filipstad",
    "Forshaga",
    "Grums",
    "Hagfors",
    "Hammarö",
    "Karlstad",
    "Kil",
    "Kristinehamn",
    "Munkfors",
    "Storfors",
    "Sunne",
    "Säffle",
    "Torsby",
    "Årjäng",
]
PREFIXES = [
    "läxhjälp",
    "bygdegård",
    "studiecirkel",
    "ungdomsråd",
    "språkcafé",
    "matkasse",
    "friluft",
    "odling",
    "kulturhus",
    "idrottshall",
    "körsång",
    "seniordans",
    "fritidsgård",
    "bokcirkel",
    "läger",
    "skidspår",
    "vandringsled",
    "hembygd",
    "teaterverkstad",
    "musikskola",
    "cykelkök",
    "klädbyte",
    "stadsodling",
    "nattvandring",
    "mötesplats",
    "familjecentral",
    "föräldrastöd",
    "kvinnojour",
    "brottsofferjour",
    "mentorskap",
    "praktikplats",
    "sommarlov",
    "simskola",
    "ridskola",
    "fiskevård",
    "naturskola",
    "filmklubb",
    "schackklubb",
    "kolonilott",
    "lokalhistoria",
]
SUFFIXES = [
    "satsningen",
    "projektet",
    "fonden",
    "dagen",
    "nätverket",
    "planen",
    "rådet",
    "veckan",
    "stödet",
    "programmet",
    "mässan",
    "kampanjen",
    "festivalen",
    "utredningen",
    "avtalet",
    "samarbetet",
    "initiativet",
    "konferensen",
    "piloten",
    "modellen",
    "kartläggningen",
    "utbildningen",
    "turnén",
    "loppet",
    "träffen",
]
RARE = [prefix + suffix for prefix, suffix in product(PREFIXES, SUFFIXES)]
SENTENCES = [
    "Föreningarna i länet möts för att dela erfarenheter och planera hösten.",
    "Styrelsen har diskuterat hur fler unga kan engagera sig i det lokala föreningslivet.",
    "Regionen och kommunerna behöver långsiktiga överenskommelser med civilsamhället.",
    "Många ideella krafter gör ett stort arbete som sällan syns i den offentliga debatten.",
    "Nätverket vill att bidragen betalas ut i tid så att verksamheten kan planeras.",
    "Studieförbunden når människor i alla åldrar med cirklar och kulturprogram.",
    "Trossamfunden bidrar med lokaler, samtal och stöd till människor i utsatta situationer.",
    "De sociala företagen skapar arbetstillfällen för personer långt från arbetsmarknaden.",
    "Ett starkt civilsamhälle är en förutsättning för en levande demokrati.",
    "Medlemmarna har lämnat synpunkter under våren och texten har arbetats om.",
    "Vi ser att behoven ökar samtidigt som de offentliga medlen minskar.",
    "Samverkan mellan kommun och förening ger bättre resultat för invånarna.",
    "Det behövs enklare regler för den som vill starta en ny förening.",
    "Barn och unga ska ha tillgång till meningsfulla fritidsaktiviteter nära hemmet.",
    "Äldre som lever ensamma behöver fler mötesplatser i sitt närområde.",
    "Nyanlända kommer snabbare in i samhället när föreningslivet får vara med.",
    "Kulturen är en kraft som binder samman bygder och generationer.",
    "Friluftslivet bidrar till bättre hälsa och ökad förståelse för naturen.",
    "Arbetet följs upp varje år tillsammans med medlemsorganisationerna.",
    "Vi välkomnar att frågan nu lyfts i regionfullmäktige.",
    "Insatserna ska nå hela länet och inte bara de största orterna.",
    "Föreningarnas ekonomi har påverkats av höjda kostnader för el och hyra.",
    "Ideellt engagemang kan inte ersätta välfärdens ansvar men kan komplettera det.",
    "Nätverket erbjuder stöd i ansökningar och redovisningar till mindre föreningar.",
    "Digitala verktyg gör det lättare att nå nya medlemmar.",
    "Vi efterfrågar en tydlig plan för hur civilsamhället ska involveras tidigt.",
    "Den årliga konferensen samlade representanter från över fyrtio organisationer.",
    "Remissvaret har tagits fram i dialog med de organisationer som berörs mest.",
    "Folkrörelserna har en lång historia i Värmland och fortsätter att förnya sig.",
    "Erfarenheterna från pandemin visar hur snabbt föreningarna kan ställa om.",
]


def page_texts(number):
    """Title, introduction and body of the page with this number, the same on every run."""
    pick = random.Random(number)
    frequent = FREQUENT[number % len(FREQUENT)]
    municipality = MUNICIPALITIES[number % len(MUNICIPALITIES)]
    rare = RARE[number % len(RARE)]
    title = f"{rare.capitalize()} i {municipality}"
    introduction = (
        f"Om {rare} och {frequent} i {municipality}. {' '.join(pick.sample(SENTENCES, 2))}"
    )
    body = " ".join(pick.sample(SENTENCES, pick.randint(4, 8)))
    return title, introduction, body


def setup_django():
    sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idekammare.settings.dev")
    import django

    django.setup()


def generate(count):
    from django.db import connection, transaction
    from django.db.models.signals import post_save
    from django.utils import timezone

    from wagtail.models import Page
    from wagtail.rich_text import RichText
    from wagtail.search.backends import get_search_backend

    from modelsearch.signal_handlers import post_save_signal_handler

    from home.core.publication import loading_content
    from news.models import NewsIndexPage, NewsPage
    from positions.models import PositionIndexPage, PositionStatementPage

    news_index = NewsIndexPage.objects.get(locale__language_code="sv")
    statements_index = PositionIndexPage.objects.get(locale__language_code="sv")
    existing = set(Page.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True))
    missing = [n for n in range(count) if f"{SLUG_PREFIX}{n:05d}" not in existing]
    print(f"{len(existing)} generated pages exist, adding {len(missing)}", file=sys.stderr)

    # Indexing on each save would renormalise every title in the index once per page; indexing
    # each batch at once costs that once per batch.
    for model in (NewsPage, PositionStatementPage):
        post_save.disconnect(post_save_signal_handler, sender=model)
    backend = get_search_backend()
    started = time.monotonic()
    for batch_start in range(0, len(missing), BATCH):
        created = {NewsPage: [], PositionStatementPage: []}
        with transaction.atomic(), loading_content():
            for number in missing[batch_start : batch_start + BATCH]:
                title, introduction, body = page_texts(number)
                day = datetime.date(2016, 1, 1) + datetime.timedelta(days=number % 3650)
                published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
                common = {
                    "title": title,
                    "slug": f"{SLUG_PREFIX}{number:05d}",
                    "body": [("paragraph", RichText(f"<p>{body}</p>"))],
                    "first_published_at": published,
                    "last_published_at": published,
                }
                if number % 10 < 7:
                    page = NewsPage(date=day, introduction=introduction, **common)
                    news_index.add_child(instance=page)
                else:
                    page = PositionStatementPage(date_adopted=day, summary=introduction, **common)
                    statements_index.add_child(instance=page)
                created[type(page)].append(page)
            for model, pages in created.items():
                if pages:
                    backend.add_bulk(model, pages)
        done = batch_start + len(created[NewsPage]) + len(created[PositionStatementPage])
        print(f"{done}/{len(missing)} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    if missing and connection.vendor == "postgresql":
        # Autovacuum would get there too, but until then the planner plans for the empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_COUNT
    setup_django()
    generate(count)


if __name__ == "__main__":
    main()
