"""Demo news: fictional events in a fictional network, one of them about the IOP agreement."""

import datetime

from home.demo_content import (
    contact_persons,
    demo_home,
    ensure_index_page,
    ensure_translation,
    generated_image,
    heading,
    paragraph,
    topics,
)
from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import NewsPage

INDEX = {
    "sv": {
        "title": "Nyheter",
        "slug": "nyheter",
        "introduction": "Nytt från Idékammaren Värmland och våra medlemsorganisationer.",
    },
    "en": {
        "title": "News",
        "slug": "news",
        "introduction": "News from Idékammaren Värmland and its member organisations.",
    },
}

NEWS = [
    {
        "date": datetime.date(2026, 6, 1),
        "topics": ["civilsamhallets-villkor", "demokrati"],
        "contacts": ["ordforande@idekammaren.example", "press@idekammaren.example"],
        "image": ("Handslag i Karlstad", (29, 79, 58)),
        "sv": {
            "title": "Idékammaren och Region Värmland tecknar idéburet offentligt partnerskap",
            "slug": "ideburet-offentligt-partnerskap-med-region-varmland",
            "introduction": (
                "Region Värmland och Idékammaren Värmland har tecknat ett idéburet offentligt "
                "partnerskap (IOP). Avtalet gäller från den 1 juni och ska göra det enklare för "
                "länets idéburna organisationer och regionen att arbeta tillsammans."
            ),
            "body": [
                paragraph(
                    "<p>Avtalet skrevs under i slutet av april. Det innebär att nätverket ska öka "
                    "och fördjupa samverkan inom den idéburna sektorn, och mellan sektorn och "
                    "regionen.</p>"
                ),
                heading("Enklare att samverka"),
                paragraph(
                    "<p>När regionen vill ha med deltagare från idéburna organisationer i ett "
                    "utvecklingsarbete, eller vill ha synpunkter från sektorn, kontaktar den "
                    "nätverket. När organisationerna ser behov hos länets invånare kan de på "
                    "samma sätt vända sig till regionen.</p>"
                ),
                heading("Kunskap och kompetens"),
                paragraph(
                    "<p>Nätverket ska bland annat utveckla kunskapen inom sektorn och visa på de "
                    "kompetenser som finns i de idéburna organisationerna. Regionen åtar sig att "
                    "hålla samverkansarenan Rådet för idéburna organisationer vid liv och att "
                    "bidra med en samverkansresurs inom hållbar utveckling.</p>"
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": (
                            "Som en handelskammare, eller en idékammare, kan våra organisationer nu "
                            "agera som en samlad aktör i frågor som rör samhällsutvecklingen i länet."
                        ),
                        "attribution": "Maja Lindqvist Berg, ordförande i Idékammaren Värmland",
                    },
                },
            ],
        },
        "en": {
            "title": "Idékammaren and Region Värmland sign an idea-driven public partnership",
            "slug": "idea-driven-public-partnership-with-region-varmland",
            "introduction": (
                "Region Värmland and Idékammaren Värmland have signed an idea-driven public "
                "partnership (IOP). The agreement applies from 1 June and makes it easier for the "
                "county's civil society organisations and the region to work together."
            ),
            "body": [
                paragraph(
                    "<p>The agreement was signed at the end of April. The network will strengthen "
                    "cooperation within civil society, and between civil society and the region. "
                    "The region will contact the network when it wants the sector's views, and "
                    "the organisations can raise the needs they see among the people of the "
                    "county.</p>"
                ),
            ],
        },
    },
    {
        "date": datetime.date(2026, 9, 14),
        "topics": ["folkhalsa"],
        "contacts": ["samordnare@idekammaren.example"],
        "image": ("Promenad längs Klarälven", (26, 92, 158)),
        "sv": {
            "title": "Nio organisationer bakom gemensamt ställningstagande om psykisk hälsa",
            "slug": "gemensamt-stallningstagande-om-psykisk-halsa",
            "introduction": (
                "Efter en remissrunda bland medlemmarna står nio organisationer bakom nätverkets "
                "första ställningstagande om unga vuxnas psykiska hälsa."
            ),
            "body": [
                paragraph(
                    "<p>Ställningstagandet lyfter fram föreningslivets roll som mötesplats och "
                    "föreslår att regionen och kommunerna tecknar långsiktiga avtal med de "
                    "organisationer som driver stödlinjer och samtalsgrupper.</p>"
                ),
            ],
        },
        "en": {
            "title": "Nine organisations behind a joint statement on mental health",
            "slug": "joint-statement-on-mental-health",
            "introduction": (
                "After a consultation round among the members, nine organisations stand behind "
                "the network's first position statement on young adults' mental health."
            ),
            "body": [],
        },
    },
    {
        "date": datetime.date(2026, 10, 2),
        "topics": ["kultur", "demokrati"],
        "contacts": ["press@idekammaren.example"],
        "image": None,
        "sv": {
            "title": "Välkommen till Idéforum i Arvika den 21 november",
            "slug": "ideforum-i-arvika",
            "introduction": (
                "Idéforum är nätverkets årliga mötesplats för föreningar, studieförbund och "
                "sociala företag. I år träffas vi i Arvika för att prata om lokal demokrati."
            ),
            "body": [
                paragraph(
                    "<p>Dagen börjar klockan 9.30 med kaffe. Anmäl dig senast den 10 november "
                    "till <a href='mailto:ideforum@idekammaren.example'>"
                    "ideforum@idekammaren.example</a>. Lokalen är tillgänglig för rullstol och "
                    "har hörslinga.</p>"
                ),
            ],
        },
        "en": {
            "title": "Join us at Idéforum in Arvika on 21 November",
            "slug": "ideforum-in-arvika",
            "introduction": (
                "Idéforum is the network's yearly meeting place for associations, study "
                "associations and social enterprises. This year we meet in Arvika."
            ),
            "body": [],
        },
    },
    {
        "date": datetime.date(2026, 10, 20),
        "topics": ["integration"],
        "contacts": ["samordnare@idekammaren.example"],
        "image": ("Språkcafé i Säffle", (122, 62, 45)),
        "sv": {
            "title": "Språkcaféerna i Säffle och Åmål visar vägen",
            "slug": "sprakcafeerna-visar-vagen",
            "introduction": (
                "Varje tisdag möts nyanlända och frivilliga över en kopp kaffe. Nu vill flera "
                "kommuner i länet ta efter arbetssättet."
            ),
            "body": [
                paragraph(
                    "<p>Språkcaféerna drivs av två av nätverkets medlemmar tillsammans med "
                    "biblioteken. Under året har över 300 personer deltagit.</p>"
                ),
            ],
        },
        "en": None,
    },
    {
        "date": datetime.date(2026, 11, 3),
        "topics": ["civilsamhallets-villkor"],
        "contacts": ["ordforande@idekammaren.example"],
        "image": None,
        "sv": {
            "title": "Nätverket svarar på regionens remiss om föreningsbidrag",
            "slug": "remissvar-om-foreningsbidrag",
            "introduction": (
                "Idékammaren har lämnat sitt remissvar på Region Värmlands förslag till nya "
                "regler för föreningsbidrag. Vi tillstyrker förslaget delvis."
            ),
            "body": [
                paragraph(
                    "<p>Vi välkomnar fleråriga bidrag men avstyrker kravet på att varje ansökan "
                    "ska granskas av en revisor, eftersom det slår hårt mot små föreningar.</p>"
                ),
            ],
        },
        "en": None,
    },
    {
        "date": datetime.date(2026, 11, 18),
        "topics": ["hallbar-utveckling"],
        "contacts": [],
        "image": ("Odlingslotter i Hammarö", (76, 110, 36)),
        "sv": {
            "title": "Ny samverkansresurs för hållbar utveckling på plats",
            "slug": "samverkansresurs-hallbar-utveckling",
            "introduction": (
                "Som en del av partnerskapet finns nu en samverkansresurs inom hållbar utveckling "
                "som föreningar kan vända sig till med idéer och frågor."
            ),
            "body": [
                paragraph(
                    "<p>Resursen kan hjälpa till med ansökningar, kontakter med kommunerna och "
                    "med att hitta fler organisationer att samarbeta med.</p>"
                ),
            ],
        },
        "en": None,
    },
]


def load(stdout):
    home, en = demo_home()
    index = ensure_index_page(home, NewsIndexPageFactory, INDEX, en)
    for item in NEWS:
        ensure_news_item(index, item, en)
    stdout.write("News items are in place.")


def ensure_news_item(index, item, en):
    page = NewsPage.objects.child_of(index).filter(slug=item["sv"]["slug"]).first()
    if page is None:
        page = NewsPageFactory(
            parent=index,
            date=item["date"],
            listing_image=generated_image(*item["image"]) if item["image"] else None,
            topics=topics(*item["topics"]),
            contact_persons=contact_persons(*item["contacts"]),
            published_revision=True,
            **item["sv"],
        )
    if item["en"]:
        ensure_translation(page, en, item["en"])
