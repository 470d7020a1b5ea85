"""Schema.org descriptions of pages as JSON-LD, for search engines and link previews."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.core.navigation import site_chrome

# As Django's json_script: no value can end the script element or start an HTML comment.
SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def json_ld(data):
    """`data` as a JSON-LD script element; empty values are left out, as schema.org has no null."""
    data = {name: value for name, value in data.items() if value not in (None, "", [])}
    text = json.dumps(
        {"@context": "https://schema.org", **data}, cls=DjangoJSONEncoder, ensure_ascii=False
    )
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(SCRIPT_SAFE)),  # noqa: S308 - escaped above
    )


def network(request):
    """The network as the `Organization` that publishes the site."""
    chrome = site_chrome(request)
    return {
        "@type": "Organization",
        "name": chrome.network_name,
        "url": request.build_absolute_uri(chrome.home_url),
    }


def network_details(request):
    """The network with its contact details and its profiles elsewhere."""
    chrome = site_chrome(request)
    return network(request) | {
        "email": chrome.email,
        "telephone": chrome.phone,
        "address": ", ".join(
            line.strip() for line in chrome.postal_address.splitlines() if line.strip()
        ),
        "sameAs": [link.url for link in chrome.social_links],
    }
