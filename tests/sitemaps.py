"""Reading the site's sitemaps as a crawler does: the index, then each sitemap page."""

from xml.etree import ElementTree

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def xml(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)  # noqa: S314 - the site's own output


def sitemap_pages(client):
    """The addresses of the sitemap pages that the index at /sitemap.xml lists."""
    return [loc.text for loc in xml(client.get("/sitemap.xml")).iter(f"{SITEMAP}loc")]


def url_entries(client, url):
    """The <url> elements of one sitemap page, in order."""
    return xml(client.get(url)).iter(f"{SITEMAP}url")
