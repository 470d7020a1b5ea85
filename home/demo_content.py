"""Demo content for the ground floor: locales, accounts, site settings and the core pages.

Every person and organisation named here is fictional. Phone numbers are from the range
that the Swedish Post and Telecom Authority reserves for fiction; e-mail uses `.example`.
"""

from functools import cache
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

from home.factories import (
    ContactPageFactory,
    ContactPersonFactory,
    ContentPageFactory,
    HomePageFactory,
    TopicFactory,
)
from home.models import (
    ContactPage,
    ContactPerson,
    ContentPage,
    FooterText,
    HomePage,
    NetworkSettings,
    Topic,
)

DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo accounts, refused in production

ACCOUNTS = [
    ("admin", "Administratör", True, None),
    ("redaktor", "Redaktör", False, "Redaktörer"),
]


@cache
def demo_password_hash():
    """Hashed once: every demo account shares the password, and hashing is slow on purpose."""
    return make_password(DEMO_PASSWORD)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text):
    return {"type": "heading", "value": text}


HOME = {
    "sv": {
        "title": "Startsida",
        "slug": "start",
        "hero_heading": "Värmlands idéburna organisationer talar med en röst",
        "hero_introduction": (
            "Idékammaren Värmland samlar föreningar, studieförbund, trossamfund och sociala "
            "företag i hela länet. Vi tar fram gemensamma ställningstaganden och remissvar, "
            "och vi publicerar bara det som våra medlemmar står bakom."
        ),
        "search_description": (
            "Idékammaren Värmland är den idéburna sektorns gemensamma röst i Värmland: "
            "nyheter, ställningstaganden, remissvar och medlemsorganisationer."
        ),
        "body": [
            heading("En idékammare för Värmland"),
            paragraph(
                "<p>Som en handelskammare för näringslivet är idékammaren en samlad aktör för "
                "den idéburna sektorn. När länets organisationer har en gemensam uppfattning i "
                "frågor som rör samhällsutvecklingen kan Region Värmland och kommunerna vända "
                "sig till ett ställe och få ett svar som är förankrat hos medlemmarna.</p>"
            ),
            heading("Partnerskap med Region Värmland"),
            paragraph(
                "<p>Nätverket har ett idéburet offentligt partnerskap (IOP) med Region Värmland. "
                "Partnerskapet gör det enklare att samverka: regionen kontaktar nätverket när "
                "den vill ha synpunkter från idéburen sektor, och organisationerna kan i sin tur "
                "lyfta de behov de ser hos länets invånare.</p>"
            ),
            heading("Så arbetar vi"),
            paragraph(
                "<ul><li>Redaktionen skriver utkast till ställningstaganden och remissvar.</li>"
                "<li>Varje medlemsorganisation granskar utkastet och ställer sig bakom, avstår "
                "eller invänder.</li><li>Vi publicerar bara det som medlemmarna står bakom, och "
                "vi visar vilka organisationer som gör det.</li></ul>"
            ),
        ],
    },
    "en": {
        "title": "Home",
        "slug": "home",
        "hero_heading": "The civil society of Värmland speaks with one voice",
        "hero_introduction": (
            "Idékammaren Värmland brings together associations, study associations, faith "
            "communities and social enterprises across the county. We draft joint position "
            "statements and consultation responses, and we publish only what our members "
            "stand behind."
        ),
        "search_description": (
            "Idékammaren Värmland is the joint voice of civil society in Värmland: news, "
            "position statements, consultation responses and member organisations."
        ),
        "body": [
            heading("A chamber of ideas for Värmland"),
            paragraph(
                "<p>Much as a chamber of commerce speaks for business, the idékammare speaks for "
                "the non-profit, idea-driven sector. When the county's organisations share a view "
                "on how society should develop, Region Värmland and the municipalities can turn to "
                "one place and get an answer that the members stand behind.</p>"
            ),
            heading("A partnership with Region Värmland"),
            paragraph(
                "<p>The network has an idea-driven public partnership (IOP) with Region Värmland. "
                "The partnership makes working together easier: the region contacts the network "
                "when it wants the views of civil society, and the organisations can raise the "
                "needs they see among the people of the county.</p>"
            ),
        ],
    },
}

CONTENT_PAGES = [
    {
        "key": "about",
        "show_in_menus": True,
        "sv": {
            "title": "Om nätverket",
            "slug": "om-natverket",
            "introduction": (
                "Idékammaren Värmland är ett nätverk för idéburna organisationer i Värmlands "
                "sexton kommuner. Vi finns för att öka och fördjupa samverkan inom sektorn och "
                "mellan sektorn och det offentliga."
            ),
            "search_description": "Vilka vi är, vad idékammaren gör och hur man blir medlem.",
            "body": [
                heading("Vilka vi är"),
                paragraph(
                    "<p>Våra medlemmar är föreningar, studieförbund, trossamfund och sociala "
                    "företag. De arbetar med allt från folkhälsa och integration till kultur och "
                    "hållbar utveckling, och de har nära kontakt med människor i hela länet.</p>"
                ),
                heading("Vad idékammaren gör"),
                paragraph(
                    "<p>Vi samordnar sektorns röst i frågor som rör samhällsutvecklingen i länet. "
                    "Vi svarar på remisser, tar fram gemensamma ställningstaganden och visar på de "
                    "kompetenser som finns i de idéburna organisationerna.</p>"
                ),
                heading("Bli medlem"),
                paragraph(
                    "<p>Alla idéburna organisationer med verksamhet i Värmland kan bli medlemmar. "
                    "Varje medlemsorganisation utser en eller flera representanter och har en "
                    "röst när nätverket tar ställning. Skriv till "
                    '<a href="mailto:medlem@idekammaren.example">medlem@idekammaren.example</a> '
                    "så berättar vi mer.</p>"
                ),
            ],
        },
        "en": {
            "title": "About the network",
            "slug": "about",
            "introduction": (
                "Idékammaren Värmland is a network of idea-driven organisations in the sixteen "
                "municipalities of Värmland. We exist to strengthen cooperation within the sector, "
                "and between the sector and the public bodies of the county."
            ),
            "search_description": "Who we are, what the idékammare does and how to join.",
            "body": [
                heading("Who we are"),
                paragraph(
                    "<p>Our members are associations, study associations, faith communities and "
                    "social enterprises. Their work ranges from public health and integration to "
                    "culture and sustainable development.</p>"
                ),
                heading("Becoming a member"),
                paragraph(
                    "<p>Any idea-driven organisation active in Värmland can join. Each member "
                    "organisation names one or more representatives and has one vote when the "
                    "network takes a position. Write to "
                    '<a href="mailto:medlem@idekammaren.example">medlem@idekammaren.example</a> '
                    "to find out more.</p>"
                ),
            ],
        },
    },
    {
        "key": "accessibility",
        "show_in_menus": False,
        "sv": {
            "title": "Tillgänglighetsredogörelse",
            "slug": "tillganglighet",
            "introduction": (
                "Idékammaren Värmland står bakom den här webbplatsen. Vi vill att så många som "
                "möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen "
                "om tillgänglighet till digital offentlig service, kända brister och hur du kan "
                "rapportera problem så att vi kan åtgärda dem."
            ),
            "search_description": "Hur tillgänglig webbplatsen är och hur du rapporterar brister.",
            "body": [
                heading("Hur tillgänglig är webbplatsen?"),
                paragraph(
                    "<p>Vi bedömer att webbplatsen uppfyller kraven i standarden WCAG 2.1 på nivå "
                    "AA. Sidorna går att läsa utan JavaScript, fungerar med tangentbord och "
                    "skärmläsare och går att förstora till 400 procent.</p>"
                ),
                heading("Vad kan du göra om du inte kan använda delar av webbplatsen?"),
                paragraph(
                    "<p>Om du behöver innehåll från webbplatsen i ett annat format kan du kontakta "
                    "oss på "
                    '<a href="mailto:info@idekammaren.example">info@idekammaren.example</a> '
                    "eller ringa 070-174 06 10. Vi svarar inom två arbetsdagar.</p>"
                ),
                heading("Rapportera brister i webbplatsens tillgänglighet"),
                paragraph(
                    "<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om "
                    "du upptäcker problem som inte beskrivs på den här sidan, eller om du anser "
                    "att vi inte uppfyller lagens krav, meddela oss på "
                    '<a href="mailto:tillganglighet@idekammaren.example">'
                    "tillganglighet@idekammaren.example</a> så att vi får veta att problemet "
                    "finns.</p>"
                ),
                heading("Tillsyn"),
                paragraph(
                    "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över "
                    "lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd "
                    "med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.</p>"
                ),
                heading("Hur vi testat webbplatsen"),
                paragraph(
                    "<p>Vi testar varje sidtyp automatiskt med axe mot WCAG 2.1 nivå A och AA vid "
                    "varje ändring av webbplatsen, och vi gör egna tester med tangentbord och "
                    "skärmläsare. Redogörelsen uppdaterades senast i november 2026.</p>"
                ),
            ],
        },
        "en": {
            "title": "Accessibility statement",
            "slug": "accessibility",
            "introduction": (
                "Idékammaren Värmland is responsible for this website. We want as many people as "
                "possible to be able to use it. This statement describes how the site meets the "
                "Swedish law on accessibility of digital public services, known issues and how to "
                "report problems so that we can fix them."
            ),
            "search_description": "How accessible this website is and how to report problems.",
            "body": [
                heading("How accessible is this website?"),
                paragraph(
                    "<p>We consider the website to meet WCAG 2.1 level AA. The pages can be read "
                    "without JavaScript, work with a keyboard and a screen reader, and can be "
                    "zoomed to 400 percent.</p>"
                ),
                heading("Reporting accessibility problems"),
                paragraph(
                    "<p>If you find a problem that is not described on this page, please write to "
                    '<a href="mailto:tillganglighet@idekammaren.example">'
                    "tillganglighet@idekammaren.example</a> or call +46 70 174 06 10. We answer "
                    "within two working days.</p>"
                ),
                heading("Enforcement"),
                paragraph(
                    "<p>The Agency for Digital Government (Digg) enforces the law. If you are not "
                    "satisfied with how we handle your report, you can contact Digg.</p>"
                ),
            ],
        },
    },
    {
        "key": "privacy",
        "show_in_menus": False,
        "sv": {
            "title": "Personuppgifter och kakor",
            "slug": "personuppgifter",
            "introduction": (
                "Den som läser webbplatsen lämnar inga personuppgifter och får inga kakor. Här "
                "beskriver vi vilka uppgifter vi ändå behandlar, varför och hur länge."
            ),
            "search_description": "Vilka personuppgifter Idékammaren behandlar och att läsare inte får några kakor.",
            "body": [
                heading("Kakor"),
                paragraph(
                    "<p>Webbplatsen sätter inga kakor när du läser den, och den hämtar inget från "
                    "andra webbplatser: inga analysverktyg, typsnitt eller inbäddningar. Bara den "
                    "som loggar in för att redigera eller granska får två nödvändiga kakor: en "
                    "inloggningskaka, som upphör efter en arbetsdag utan aktivitet, och ett skydd "
                    "mot förfalskade formulär.</p>"
                ),
                heading("Vilka uppgifter vi behandlar"),
                paragraph(
                    "<ul><li><b>Kontaktpersoner</b> på nyheter och ställningstaganden: namn, roll, "
                    "e-post och telefon, med personens samtycke, så länge personen är kontakt.</li>"
                    "<li><b>Användarkonton</b> för redaktörer och medlemsrepresentanter: namn och "
                    "e-post, för att de ska kunna logga in, så länge uppdraget varar.</li>"
                    "<li><b>Röster i medlemsgranskningar</b>: vilken organisation som röstade hur, "
                    "vem som lade rösten och när. Rösterna är nätverkets beslutsunderlag och sparas "
                    "så länge ställningstagandet finns. Invändningar och deras motiveringar "
                    "publiceras aldrig.</li>"
                    "<li><b>Ändringshistorik</b> över sidor och röster, med användare och tid, och "
                    "tidigare versioner av sidor. Gamla versioner rensas efter ett år.</li>"
                    "<li><b>Misslyckade inloggningar</b>: användarnamn och adress, för att stoppa "
                    "lösenordsgissning.</li>"
                    "<li><b>Meddelanden via kontaktformuläret</b>: ditt namn, din e-postadress och "
                    "ditt meddelande skickas som e-post till nätverket, och webbplatsen behåller en "
                    "kopia i sin logg över skickad e-post. Vi använder uppgifterna bara för att "
                    "svara dig. Din IP-adress hålls i minnet i högst en timme för att begränsa hur "
                    "många meddelanden som kan skickas.</li></ul>"
                ),
                heading("Dina rättigheter"),
                paragraph(
                    "<p>Du har rätt att få veta vilka uppgifter vi har om dig, att få dem rättade "
                    "och att få dem raderade. Skriv till "
                    '<a href="mailto:info@idekammaren.example">info@idekammaren.example</a>. Är du '
                    "inte nöjd med hur vi behandlar dina uppgifter kan du vända dig till "
                    "Integritetsskyddsmyndigheten (IMY).</p>"
                ),
            ],
        },
        "en": {
            "title": "Personal data and cookies",
            "slug": "privacy",
            "introduction": (
                "Reading this website gives us no personal data and sets no cookies. This page "
                "describes what personal data we do process, why and for how long."
            ),
            "search_description": "What personal data Idékammaren processes; readers get no cookies.",
            "body": [
                heading("Cookies"),
                paragraph(
                    "<p>The website sets no cookies while you read it and loads nothing from other "
                    "websites. Only people who log in to edit or review get two necessary cookies: "
                    "a login cookie that expires after a working day of inactivity, and a "
                    "protection against forged forms.</p>"
                ),
                heading("The contact form"),
                paragraph(
                    "<p>Your name, e-mail address and message are sent to us by e-mail, and the "
                    "website keeps a copy in its log of sent e-mail. We use them only to answer "
                    "you. Your IP address is held in memory for at most an hour, to limit how many "
                    "messages can be sent.</p>"
                ),
                heading("Your rights"),
                paragraph(
                    "<p>You may ask what data we hold about you, and have it corrected or erased: "
                    '<a href="mailto:info@idekammaren.example">info@idekammaren.example</a>.</p>'
                ),
            ],
        },
    },
]

TOPICS = [
    ("folkhalsa", "Folkhälsa", "public-health", "Public health"),
    ("demokrati", "Demokrati och delaktighet", "democracy", "Democracy and participation"),
    ("kultur", "Kultur", "culture", "Culture"),
    ("integration", "Integration", "integration", "Integration"),
    (
        "civilsamhallets-villkor",
        "Civilsamhällets villkor",
        "civil-society",
        "Conditions for civil society",
    ),
    ("hallbar-utveckling", "Hållbar utveckling", "sustainability", "Sustainable development"),
]

CONTACT_PERSONS = [
    {
        "name": "Maja Lindqvist Berg",
        "role": "Ordförande",
        "organisation": "Idékammaren Värmland",
        "phone": "070-174 06 11",
        "email": "ordforande@idekammaren.example",
    },
    {
        "name": "Amir Haddad Ström",
        "role": "Samordnare",
        "organisation": "Idékammaren Värmland",
        "phone": "070-174 06 12",
        "email": "samordnare@idekammaren.example",
    },
    {
        "name": "Stina Ekwall",
        "role": "Kommunikatör",
        "organisation": "Idékammaren Värmland",
        "phone": "070-174 06 13",
        "email": "press@idekammaren.example",
    },
]

CONTACT_PAGE = {
    "contacts": ["samordnare@idekammaren.example", "ordforande@idekammaren.example"],
    "press": ["press@idekammaren.example", "ordforande@idekammaren.example"],
    "press_image": "Pressbild: Idékammaren Värmland",
    "sv": {
        "title": "Kontakt och press",
        "slug": "kontakt",
        "introduction": (
            "Vill du veta mer om Idékammaren Värmland, bli medlem eller samarbeta med oss? Här "
            "hittar du våra kontaktpersoner och presskontakter, och du kan skriva till oss direkt."
        ),
        "press": [
            paragraph(
                "<p>Journalister är välkomna att kontakta oss för intervjuer, kommentarer och "
                "bakgrund om den idéburna sektorn i Värmland. Vi svarar samma arbetsdag.</p>"
            ),
            paragraph(
                "<p>Pressbilder och logotyp får användas fritt i redaktionella sammanhang om "
                "Idékammaren Värmland anges som källa. Hör av dig om du behöver bilder i högre "
                "upplösning.</p>"
            ),
        ],
        "alt_text": "Idékammaren Värmlands logotyp: en grön yta med vita streck.",
        "caption": "Pressbild. Fri att använda med källan Idékammaren Värmland.",
    },
    "en": {
        "title": "Contact and press",
        "slug": "contact",
        "introduction": (
            "Would you like to know more about Idékammaren Värmland, join us or work with us? "
            "Here are our contact persons and press contacts, and you can write to us directly."
        ),
        "press": [
            paragraph(
                "<p>Journalists are welcome to contact us for interviews, comments and background "
                "on civil society in Värmland. We answer the same working day.</p>"
            ),
            paragraph(
                "<p>Press images and our logo may be used freely in editorial contexts, crediting "
                "Idékammaren Värmland. Ask us if you need images in a higher resolution.</p>"
            ),
        ],
        "alt_text": "The logo of Idékammaren Värmland: a green area with white stripes.",
        "caption": "Press image. Free to use, crediting Idékammaren Värmland.",
    },
}

FOOTER_TEXT = {
    "sv": (
        "Idékammaren Värmland är den idéburna sektorns gemensamma röst i länet. Vi har ett idéburet "
        "offentligt partnerskap (IOP) med Region Värmland."
    ),
    "en": (
        "Idékammaren Värmland is the joint voice of civil society in the county, in an "
        "idea-driven public partnership (IOP) with Region Värmland."
    ),
}


def load(stdout):
    sv, en = ensure_locales()
    ensure_accounts()
    home = ensure_home_page(sv, en)
    pages = {spec["key"]: ensure_content_page(home, spec, en) for spec in CONTENT_PAGES}
    ensure_site_settings(home, pages["accessibility"], pages["privacy"])
    ensure_footer_text(sv, en)
    ensure_topics(sv, en)
    ensure_contact_persons()
    ensure_contact_page(home, en)
    stdout.write("Home page, content pages, site settings, topics and accounts are in place.")


def ensure_locales():
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return sv, en


def ensure_accounts():
    User = get_user_model()
    for username, first_name, is_superuser, group_name in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": "Demo",
                "email": f"{username}@idekammaren.example",
                "is_staff": is_superuser,
                "is_superuser": is_superuser,
            },
        )
        if created:
            user.password = demo_password_hash()
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))


def ensure_translation(page, locale, fields):
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return translation.specific


def ensure_home_page(sv, en):
    home = HomePage.objects.filter(locale=sv, depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root, locale=sv, published_revision=True, **HOME["sv"])
        site = Site.objects.filter(is_default_site=True).first()
        welcome = site.root_page if site else None
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})
        if welcome is not None and welcome.specific_class is Page:
            welcome.delete()
    serve_at_the_configured_address(home)
    ensure_translation(home, en, HOME["en"])
    return home


def serve_at_the_configured_address(home):
    """The demo site's address is the one the e-mails use (WAGTAILADMIN_BASE_URL, which
    `make run PORT=…` sets), so that the pages' own addresses in Wagtail's e-mails and in the
    member review's point at the server that runs, on every load."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if address.scheme == "https" else 80
    Site.objects.filter(root_page=home).update(
        hostname=address.hostname or "localhost", port=address.port or default_port
    )


def ensure_content_page(home, spec, en):
    page = ContentPage.objects.child_of(home).filter(slug=spec["sv"]["slug"]).first()
    if page is None:
        page = ContentPageFactory(
            parent=home, show_in_menus=spec["show_in_menus"], published_revision=True, **spec["sv"]
        )
    ensure_translation(page, en, spec["en"])
    return page


def ensure_site_settings(home, accessibility_page, privacy_page):
    """Fill in what is still empty, so that a second run keeps an administrator's edits."""
    site = Site.objects.get(root_page=home)
    settings = NetworkSettings.for_site(site)
    settings.accessibility_page = settings.accessibility_page or accessibility_page
    settings.privacy_page = settings.privacy_page or privacy_page
    if not settings.email:
        settings.network_name = "Idékammaren Värmland"
        settings.email = "info@idekammaren.example"
        settings.phone = "070-174 06 10"
        settings.postal_address = "Idékammaren Värmland\nIdégatan 4\n652 25 Karlstad"
        settings.social_links = [
            (
                "link",
                {"service": "facebook", "url": "https://www.facebook.com/idekammaren.example"},
            ),
            (
                "link",
                {"service": "linkedin", "url": "https://www.linkedin.com/company/idekammaren"},
            ),
        ]
    settings.save()


def ensure_footer_text(sv, en):
    source = FooterText.objects.filter(locale=sv).first()
    if source is None:
        source = FooterText.objects.create(locale=sv, text=FOOTER_TEXT["sv"])
    if source.get_translation_or_none(en) is None:
        translation = source.copy_for_translation(en)
        translation.text = FOOTER_TEXT["en"]
        translation.save()


def ensure_topics(sv, en):
    for slug, name, slug_en, name_en in TOPICS:
        topic = Topic.objects.filter(locale=sv, slug=slug).first()
        if topic is None:
            topic = TopicFactory(locale=sv, slug=slug, name=name)
        if topic.get_translation_or_none(en) is None:
            translation = topic.copy_for_translation(en)
            translation.slug, translation.name = slug_en, name_en
            translation.save()


def ensure_contact_persons():
    for person in CONTACT_PERSONS:
        if not ContactPerson.objects.filter(email=person["email"]).exists():
            ContactPersonFactory(**person)


def ensure_contact_page(home, en):
    """The contact page, linked from the footer of every page rather than from the menu."""
    image = generated_image(CONTACT_PAGE["press_image"], (29, 79, 58), label="IK")

    def texts(language):
        text = CONTACT_PAGE[language]
        press_image = {
            "type": "image",
            "value": {"image": image.pk, "alt_text": text["alt_text"], "caption": text["caption"]},
        }
        return {
            "title": text["title"],
            "slug": text["slug"],
            "introduction": text["introduction"],
            "press_information": [*text["press"], press_image],
        }

    page = ContactPage.objects.child_of(home).first()
    if page is None:
        page = ContactPageFactory(
            parent=home,
            published_revision=True,
            contact_persons=contact_persons(*CONTACT_PAGE["contacts"]),
            press_contacts=contact_persons(*CONTACT_PAGE["press"]),
            **texts("sv"),
        )
    ensure_translation(page, en, texts("en"))
    return page


def topics(*slugs):
    return list(Topic.objects.filter(locale__language_code="sv", slug__in=slugs))


def contact_persons(*emails):
    return list(ContactPerson.objects.filter(email__in=emails))


def generated_image(title, colour, size=(1200, 750), label=""):
    """A demo image drawn at load time: a flat colour with stripes and an optional label."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = PillowImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    width, height = size
    for step in range(0, width + height, max(width, height) // 8):
        draw.line(
            [(step, 0), (step - height, height)], fill=(255, 255, 255), width=max(2, width // 60)
        )
    if label:
        font = ImageFont.load_default(size=int(height * 0.45))
        box = draw.textbbox((0, 0), label, font=font)
        position = (
            (width - (box[2] - box[0])) / 2 - box[0],
            (height - (box[3] - box[1])) / 2 - box[1],
        )
        draw.text(position, label, fill=(255, 255, 255), font=font)
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    filename = f"{slugify(title)[:40] or 'image'}.png"
    return Image.objects.create(title=title, file=ImageFile(buffer, name=filename))


def demo_home():
    """The Swedish demo home page and the English locale, for the other apps' demo content."""
    return (
        HomePage.objects.get(locale__language_code="sv", depth=2),
        Locale.objects.get(language_code="en"),
    )


def ensure_index_page(home, page_factory, texts, en):
    """A listing page under the home page, in the menu, with its English translation."""
    index = page_factory._meta.model.objects.child_of(home).first()
    if index is None:
        index = page_factory(
            parent=home, show_in_menus=True, published_revision=True, **texts["sv"]
        )
    ensure_translation(index, en, texts["en"])
    return index
