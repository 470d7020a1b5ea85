"""Finding one's way around the site as a visitor would: keyboard, links, small screens."""

from playwright.sync_api import expect


def test_skip_link_is_the_first_tab_stop_and_moves_to_main(open_page, live_demo_site):
    page, _ = open_page("/")
    skip_link = page.locator("a.skip-link")

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#main")
    # Playwright counts an element moved off-screen as "visible"; it has to be on screen.
    expect(skip_link).to_be_in_viewport()
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 0 and box["height"] > 0

    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_demo_site.url}/#main")
    expect(page.locator("main#main")).to_be_focused()


def test_language_switcher_goes_to_the_translation_and_back(open_page, live_demo_site):
    page, _ = open_page("/om-natverket/")

    page.locator(".language-switcher").get_by_role("link", name="English", exact=True).click()

    expect(page).to_have_url(f"{live_demo_site.url}/en/about/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("About the network")

    page.locator(".language-switcher").get_by_role("link", name="Svenska", exact=True).click()

    expect(page).to_have_url(f"{live_demo_site.url}/om-natverket/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_main_menu_leads_to_the_content_page(open_page, live_demo_site):
    page, _ = open_page("/")

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Om nätverket", exact=True
    ).click()

    expect(page).to_have_url(f"{live_demo_site.url}/om-natverket/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Om nätverket")


def test_home_page_fits_a_320_px_screen(open_page):
    page, _ = open_page("/", viewport={"width": 320, "height": 640})

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"the page is {scroll_width} px wide at a 320 px viewport"
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_home_page_works_without_javascript(open_page):
    page, _ = open_page("/", java_script_enabled=False)

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Om nätverket", exact=True)).to_be_visible()


def test_anonymous_visit_sets_no_cookies(new_context):
    context = new_context()
    page = context.new_page()
    for path in ("/", "/en/"):
        response = page.goto(path)
        assert response is not None and response.status == 200

    assert context.cookies() == []


def test_reader_filters_the_remiss_register_without_javascript(open_page, live_demo_site):
    page, _ = open_page("/remisser/", java_script_enabled=False)

    page.get_by_label("Avsändare").select_option(label="Socialdepartementet")
    page.get_by_role("button", name="Filtrera").click()

    expect(page).to_have_url(
        f"{live_demo_site.url}/remisser/?year=&authority=socialdepartementet&outcome="
    )
    closed = page.get_by_role("region", name="Besvarade och avslutade remisser")
    expect(closed.get_by_role("heading", level=3)).to_have_text(
        ["Remissvar: Ett stärkt och oberoende civilsamhälle (SOU 2026:7)"]
    )
    expect(page.get_by_label("Avsändare")).to_have_value("socialdepartementet")

    # What became of our points: the one response followed up, whose decision took them up partly.
    page.get_by_label("Avsändare").select_option(label="Alla avsändare")
    page.get_by_label("Fick våra synpunkter gehör?").select_option(label="Delvis")
    page.get_by_role("button", name="Filtrera").click()
    expect(closed.get_by_role("heading", level=3)).to_have_text(
        ["Remissvar: Folkhälsostrategi för Värmland 2027–2030"]
    )


def test_reader_narrows_news_by_topic_and_reads_an_item(open_page):
    page, _ = open_page("/nyheter/")

    page.get_by_role("navigation", name="Filtrera på sakområde").get_by_role(
        "link", name="Integration"
    ).click()
    cards = page.get_by_role("heading", level=3)
    expect(cards).to_have_text(["Språkcaféerna i Säffle och Åmål visar vägen"])
    cards.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Språkcaféerna i Säffle och Åmål visar vägen"
    )
    expect(page.get_by_role("region", name="Kontaktpersoner")).to_contain_text("Amir Haddad Ström")


def test_statement_shows_its_endorsers_and_links_to_them(open_page, live_demo_site):
    page, _ = open_page("/stallningstaganden/unga-vuxnas-psykiska-halsa/")

    endorsers = page.get_by_role("region", name="Bakom ställningstagandet står")
    expect(endorsers).to_contain_text("9 av 12 medlemsorganisationer står bakom")
    endorsers.get_by_role("link", name="Föreningen Grannkraft").click()

    expect(page).to_have_url(f"{live_demo_site.url}/medlemmar/grannkraft/")
    expect(
        page.get_by_role("region", name="Ställningstaganden som organisationen står bakom")
    ).to_contain_text("Unga vuxnas psykiska hälsa kräver långsiktiga partnerskap")
