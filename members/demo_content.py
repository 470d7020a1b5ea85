"""Demo member organisations, their representatives and the member directory. Every
organisation and person here is fictional."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.demo_content import (
    demo_home,
    demo_password_hash,
    ensure_index_page,
    generated_image,
    topics,
)
from members.factories import (
    CompetenceFactory,
    MemberDirectoryPageFactory,
    MemberOrganisationFactory,
)
from members.models import (
    Capacity,
    Competence,
    CompetenceKind,
    MemberOrganisation,
    OrganisationKind,
    Representative,
)
from members.validators import luhn_check_digit

ACCOUNTS = [
    (f"representant{number}", "Representant", False, "Medlemsrepresentanter")
    for number in range(1, 13)
]

ORGANISATIONS = [
    # name, slug, organisation number base (9 digits), municipality, areas, colour, description sv, en
    (
        "Föreningen Grannkraft",
        "grannkraft",
        "802600101",
        "karlstad",
        ["integration", "demokrati"],
        (29, 79, 58),
        "Grannkraft ordnar läxhjälp, grannfester och samtalskvällar i Kronoparken och Rud, så att fler blir delaktiga i sitt bostadsområde.",
        "Grannkraft runs homework clubs, neighbourhood parties and conversation evenings so that more people take part in their neighbourhood.",
    ),
    (
        "Studieförbundet Ljusglimt Värmland",
        "ljusglimt",
        "802600102",
        "hela-lanet",
        ["kultur", "demokrati"],
        (26, 92, 158),
        "Ljusglimt är ett studieförbund med cirklar och kulturprogram i alla länets kommuner. Vi tror på det fria och frivilliga lärandet.",
        "Ljusglimt is a study association with study circles and cultural events in every municipality of the county.",
    ),
    (
        "Arvika Språkcafé",
        "arvika-sprakcafe",
        "802600103",
        "arvika",
        ["integration"],
        (122, 62, 45),
        "Varje vecka möts nyanlända och frivilliga för att prata svenska över en kopp kaffe.",
        "Every week newcomers and volunteers meet to practise Swedish over a cup of coffee.",
    ),
    (
        "Torsby Friluftsgemenskap",
        "torsby-friluft",
        "802600104",
        "torsby",
        ["folkhalsa", "hallbar-utveckling"],
        (76, 110, 36),
        "Vi ordnar vandringar, skidturer och naturdagar för alla åldrar i norra Värmland.",
        "We arrange hikes, ski tours and nature days for all ages in northern Värmland.",
    ),
    (
        "Trygghetsnätet Kristinehamn",
        "trygghetsnatet",
        "802600105",
        "kristinehamn",
        ["folkhalsa"],
        (110, 45, 110),
        "Trygghetsnätet ger stöd till människor i utsatta livssituationer genom samtal, matkassar och sällskap.",
        "Trygghetsnätet supports people in hard times with conversations, food bags and company.",
    ),
    (
        "Säffle Kulturkollektiv",
        "saffle-kulturkollektiv",
        "802600106",
        "saffle",
        ["kultur"],
        (160, 70, 20),
        "Ett kollektiv av musiker, skådespelare och konstnärer som gör kultur tillsammans med invånarna i Säffle.",
        "A collective of musicians, actors and artists making culture together with the people of Säffle.",
    ),
    (
        "Gröna Fingrar Hammarö",
        "grona-fingrar",
        "802600107",
        "hammaro",
        ["hallbar-utveckling"],
        (40, 100, 60),
        "Odlarföreningen Gröna Fingrar driver gemensamma odlingar och lär ut hur man odlar utan gifter.",
        "The growers' association Gröna Fingrar runs community gardens and teaches chemical-free growing.",
    ),
    (
        "Sunne Ungdomsråd",
        "sunne-ungdomsrad",
        "802600108",
        "sunne",
        ["demokrati"],
        (20, 90, 110),
        "Unga i Sunne som vill påverka sin kommun. Vi ordnar debatter och träffar politiker.",
        "Young people in Sunne who want a say in their municipality. We hold debates and meet politicians.",
    ),
    (
        "Livsglädje Filipstad",
        "livsgladje-filipstad",
        "802600109",
        "filipstad",
        ["folkhalsa"],
        (150, 40, 60),
        "Ett seniornätverk som bryter ensamhet med promenader, sång och studiebesök.",
        "A network of older people who beat loneliness with walks, singing and study visits.",
    ),
    (
        "Gränsbygdens ekumeniska gemenskap",
        "gransbygdens-gemenskap",
        "802600110",
        "eda",
        ["integration", "civilsamhallets-villkor"],
        (60, 60, 130),
        "Församlingar i Eda som tillsammans driver mötesplatser, stöd till nyanlända och sommarläger.",
        "Congregations in Eda that run meeting places, support for newcomers and summer camps together.",
    ),
    (
        "Kooperativet Nystart Hagfors",
        "nystart-hagfors",
        "802600111",
        "hagfors",
        ["civilsamhallets-villkor"],
        (90, 80, 30),
        "Ett socialt företag som ger människor långt från arbetsmarknaden en väg tillbaka genom arbete i vår verkstad och vårt kafé.",
        "A social enterprise that gives people far from the labour market a way back through work in our workshop and café.",
    ),
    (
        "Grums Idrottsallians",
        "grums-idrottsallians",
        "802600112",
        "grums",
        ["folkhalsa"],
        (30, 110, 120),
        "Sju idrottsföreningar i Grums som samarbetar om ledarutbildning och lovaktiviteter.",
        "Seven sports clubs in Grums cooperating on coach training and holiday activities.",
    ),
    (
        "Årjängs Läsfrämjare",
        "arjangs-lasframjare",
        "802600113",
        "arjang",
        ["kultur"],
        (100, 100, 100),
        "Läsombud som läser högt för barn och äldre. Föreningen har vilande medlemskap i nätverket.",
        "Reading volunteers who read aloud to children and older people. Its membership is dormant.",
    ),
]

TARGET_GROUP, LANGUAGE, METHOD = CompetenceKind
COMPETENCES = [
    # kind, slug, name, English slug, English name
    (
        TARGET_GROUP,
        "barn-och-unga",
        "Barn och unga",
        "children-and-young-people",
        "Children and young people",
    ),
    (TARGET_GROUP, "aldre", "Äldre", "older-people", "Older people"),
    (TARGET_GROUP, "nyanlanda", "Nyanlända", "newcomers", "Newcomers"),
    (
        TARGET_GROUP,
        "funktionsnedsattning",
        "Personer med funktionsnedsättning",
        "people-with-disabilities",
        "People with disabilities",
    ),
    (TARGET_GROUP, "familjer", "Familjer", "families", "Families"),
    (
        TARGET_GROUP,
        "langt-fran-arbetsmarknaden",
        "Personer långt från arbetsmarknaden",
        "far-from-the-labour-market",
        "People far from the labour market",
    ),
    (
        TARGET_GROUP,
        "utsatta-livssituationer",
        "Personer i utsatta livssituationer",
        "people-in-hard-times",
        "People in hard times",
    ),
    (LANGUAGE, "arabiska", "Arabiska", "arabic", "Arabic"),
    (LANGUAGE, "somaliska", "Somaliska", "somali", "Somali"),
    (LANGUAGE, "dari", "Dari", "dari", "Dari"),
    (LANGUAGE, "tigrinja", "Tigrinja", "tigrinya", "Tigrinya"),
    (LANGUAGE, "ukrainska", "Ukrainska", "ukrainian", "Ukrainian"),
    (LANGUAGE, "engelska", "Engelska", "english", "English"),
    (LANGUAGE, "finska", "Finska", "finnish", "Finnish"),
    (LANGUAGE, "norska", "Norska", "norwegian", "Norwegian"),
    (
        LANGUAGE,
        "teckensprak",
        "Svenskt teckenspråk",
        "swedish-sign-language",
        "Swedish Sign Language",
    ),
    (METHOD, "studiecirklar", "Studiecirklar", "study-circles", "Study circles"),
    (METHOD, "laxhjalp", "Läxhjälp", "homework-help", "Homework help"),
    (METHOD, "mentorskap", "Mentorskap", "mentoring", "Mentoring"),
    (METHOD, "fysisk-aktivitet", "Fysisk aktivitet", "physical-activity", "Physical activity"),
    (METHOD, "samtalsgrupper", "Samtalsgrupper", "support-groups", "Support groups"),
    (METHOD, "sprakcafe", "Språkcafé", "language-cafe", "Language café"),
    (METHOD, "motesplatser", "Öppna mötesplatser", "open-meeting-places", "Open meeting places"),
    (
        METHOD,
        "kultur-och-skapande",
        "Kultur och skapande",
        "arts-and-creativity",
        "Arts and creativity",
    ),
    (METHOD, "friluftsliv", "Friluftsliv", "outdoor-life", "Outdoor life"),
    (METHOD, "arbetstraning", "Arbetsträning", "work-training", "Work training"),
    (METHOD, "ledarutbildning", "Ledarutbildning", "leadership-training", "Leadership training"),
    (METHOD, "hoglasning", "Högläsning", "reading-aloud", "Reading aloud"),
    (
        METHOD,
        "lager-och-lovaktiviteter",
        "Läger och lovaktiviteter",
        "camps-and-holiday-activities",
        "Camps and holiday activities",
    ),
    (METHOD, "paverkansarbete", "Påverkansarbete", "advocacy", "Advocacy"),
]

ASSOCIATION, STUDY_ASSOCIATION, FAITH_COMMUNITY, SOCIAL_ENTERPRISE, _OTHER = OrganisationKind
# slug: kind, competences, also works in, capacity
PROFILES = {
    "grannkraft": (
        ASSOCIATION,
        [
            "barn-och-unga",
            "nyanlanda",
            "familjer",
            "arabiska",
            "somaliska",
            "engelska",
            "laxhjalp",
            "samtalsgrupper",
            "motesplatser",
        ],
        ["hammaro"],
        Capacity.LARGE,
    ),
    "ljusglimt": (
        STUDY_ASSOCIATION,
        [
            "nyanlanda",
            "aldre",
            "funktionsnedsattning",
            "arabiska",
            "dari",
            "tigrinja",
            "ukrainska",
            "engelska",
            "finska",
            "teckensprak",
            "studiecirklar",
            "kultur-och-skapande",
            "ledarutbildning",
        ],
        [],
        Capacity.LARGE,
    ),
    "arvika-sprakcafe": (
        ASSOCIATION,
        ["nyanlanda", "arabiska", "dari", "tigrinja", "somaliska", "sprakcafe", "samtalsgrupper"],
        ["eda"],
        Capacity.SMALL,
    ),
    "torsby-friluft": (
        ASSOCIATION,
        ["barn-och-unga", "aldre", "familjer", "friluftsliv", "fysisk-aktivitet"],
        ["sunne", "hagfors"],
        Capacity.SMALL,
    ),
    "trygghetsnatet": (
        ASSOCIATION,
        ["utsatta-livssituationer", "aldre", "finska", "samtalsgrupper", "mentorskap"],
        ["storfors", "filipstad"],
        Capacity.SMALL,
    ),
    "saffle-kulturkollektiv": (
        ASSOCIATION,
        ["barn-och-unga", "funktionsnedsattning", "engelska", "kultur-och-skapande"],
        ["arjang"],
        Capacity.SMALL,
    ),
    "grona-fingrar": (
        ASSOCIATION,
        ["familjer", "aldre", "friluftsliv", "studiecirklar"],
        ["karlstad"],
        Capacity.NOT_NOW,
    ),
    "sunne-ungdomsrad": (
        ASSOCIATION,
        ["barn-och-unga", "paverkansarbete", "samtalsgrupper"],
        [],
        Capacity.SMALL,
    ),
    "livsgladje-filipstad": (
        ASSOCIATION,
        ["aldre", "fysisk-aktivitet", "kultur-och-skapande", "samtalsgrupper"],
        ["storfors"],
        Capacity.SMALL,
    ),
    "gransbygdens-gemenskap": (
        FAITH_COMMUNITY,
        [
            "nyanlanda",
            "barn-och-unga",
            "familjer",
            "arabiska",
            "tigrinja",
            "norska",
            "motesplatser",
            "lager-och-lovaktiviteter",
        ],
        ["arvika", "arjang"],
        Capacity.LARGE,
    ),
    "nystart-hagfors": (
        SOCIAL_ENTERPRISE,
        ["langt-fran-arbetsmarknaden", "somaliska", "finska", "arbetstraning", "mentorskap"],
        ["munkfors"],
        Capacity.SMALL,
    ),
    "grums-idrottsallians": (
        ASSOCIATION,
        ["barn-och-unga", "fysisk-aktivitet", "ledarutbildning", "lager-och-lovaktiviteter"],
        ["saffle"],
        Capacity.LARGE,
    ),
    "arjangs-lasframjare": (
        ASSOCIATION,
        ["barn-och-unga", "aldre", "hoglasning"],
        [],
        Capacity.NOT_NOW,
    ),
}

DIRECTORY = {
    "sv": {
        "title": "Medlemmar",
        "slug": "medlemmar",
        "introduction": "Föreningar, studieförbund, trossamfund och sociala företag i hela Värmland.",
    },
    "en": {
        "title": "Members",
        "slug": "members",
        "introduction": "Associations, study associations, faith communities and social enterprises across Värmland.",
    },
}

REPRESENTED = 12


def load(stdout):
    home, en = demo_home()
    ensure_competences(en)
    organisations = [ensure_organisation(*spec, en=en) for spec in ORGANISATIONS]
    for organisation in organisations:
        ensure_profile(organisation)
    ensure_representatives(organisations[:REPRESENTED])
    ensure_index_page(home, MemberDirectoryPageFactory, DIRECTORY, en)
    stdout.write("Member organisations and their representatives are in place.")


def demo_organisations():
    """The demo's organisations in the order they are listed above, as loaded."""
    by_slug = {
        organisation.slug: organisation
        for organisation in MemberOrganisation.objects.canonical().filter(
            slug__in=[spec[1] for spec in ORGANISATIONS]
        )
    }
    return [by_slug[spec[1]] for spec in ORGANISATIONS]


def ensure_organisation(
    name, slug, number_base, municipality, areas, colour, description, description_en, en
):
    organisation = MemberOrganisation.objects.canonical().filter(slug=slug).first()
    if organisation is None:
        initials = "".join(word[0] for word in name.split() if word[0].isupper())[:2]
        organisation = MemberOrganisationFactory(
            name=name,
            slug=slug,
            organisation_number=f"{number_base[:6]}-{number_base[6:]}{luhn_check_digit(number_base)}",
            municipality=municipality,
            website=f"https://{slug}.example",
            description=description,
            logo=generated_image(f"Logotyp {name}", colour, size=(400, 200), label=initials),
            member_since=datetime.date(2021 + len(slug) % 5, 6, 1),
            active=slug != "arjangs-lasframjare",
            areas=topics(*areas),
        )
    if organisation.get_translation_or_none(en) is None:
        translation = organisation.copy_for_translation(en)
        translation.description = description_en
        translation.save()
    return organisation


def ensure_competences(en):
    for kind, slug, name, slug_en, name_en in COMPETENCES:
        competence = Competence.objects.filter(locale__language_code="sv", slug=slug).first()
        if competence is None:
            competence = CompetenceFactory(kind=kind, slug=slug, name=name)
        if competence.get_translation_or_none(en) is None:
            translation = competence.copy_for_translation(en)
            translation.slug, translation.name = slug_en, name_en
            translation.save()


def ensure_profile(organisation):
    """The organisation's kind, competences, reach and capacity, unless it has competences."""
    if organisation.slug not in PROFILES or organisation.competences.exists():
        return
    kind, slugs, reach, capacity = PROFILES[organisation.slug]
    organisation.kind = kind
    organisation.capacity = capacity
    organisation.competences = list(
        Competence.objects.filter(locale__language_code="sv", slug__in=slugs)
    )
    organisation.set_reach(reach)
    organisation.save()
    organisation.share_competences_with_translations()


def ensure_representatives(organisations):
    User = get_user_model()
    group = Group.objects.get(name="Medlemsrepresentanter")
    for number, organisation in enumerate(organisations, start=1):
        user, created = User.objects.get_or_create(
            username=f"representant{number}",
            defaults={
                "first_name": "Representant",
                "last_name": organisation.name,
                "email": f"representant{number}@idekammaren.example",
            },
        )
        if created:
            user.password = demo_password_hash()
            user.save()
        user.groups.add(group)
        Representative.objects.get_or_create(user=user, defaults={"organisation": organisation})
