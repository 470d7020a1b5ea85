from django import template
from django.utils import timezone

from home.core import navigation
from home.models import HomePage
from home.models.mixins import shortened

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    return navigation.site_chrome(context["request"])


@register.simple_tag(takes_context=True)
def document_title(context):
    """What the page is called in the title bar and in link previews: the network's name alone on
    the home page; elsewhere the view's `page_title`, else the page's SEO title or title."""
    page = context.get("page")
    if isinstance(page, HomePage) and not context.get("page_title"):
        chrome = context.get("chrome") or navigation.site_chrome(context["request"])
        if chrome is not None:
            return chrome.network_name
    return context.get("page_title") or getattr(page, "seo_title", "") or getattr(page, "title", "")


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The description for search engines and link previews: the view's own `meta_description`
    (a sub-page's, such as a member organisation's), else the page's (ShareImageMixin)."""
    if context.get("meta_description"):
        return shortened(context["meta_description"])
    page = context.get("page")
    if hasattr(page, "meta_description"):
        return page.meta_description()
    return shortened(getattr(page, "search_description", ""))


@register.simple_tag(takes_context=True)
def generation(context, daily=False):
    """For `{% wagtailcache %}`: a fragment built from other rows is kept until they change, and with
    `daily=True` also until the day changes (for what counts days, such as deadlines)."""
    key = navigation.generation(context["request"])
    return f"{key}:{timezone.localdate().isoformat()}" if daily else key


@register.simple_tag(takes_context=True)
def section_url(context, label):
    """The address of the home page's live child of type `label` ("app_label.model"), or ""."""
    found = navigation.section(context["request"], label)
    return found.url if found else ""


@register.simple_tag(takes_context=True)
def parent_link(context, page):
    """The page's parent, as the link above its title: looked up once per generation."""
    request = context["request"]

    def build():
        parent = page.get_parent()
        return navigation.Link(parent.title, parent.get_url(request))

    return navigation.remembered(request, f"parent:{page.pk}", build)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The language switcher's links; a view that is not a page may give its own."""
    if "language_links" in context:
        return context["language_links"]
    return navigation.language_links(
        context["request"], context.get("page"), context.get("subpage_path", "")
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context["request"].build_absolute_uri(url)


@register.filter
def tel_href(number):
    """A Swedish phone number as written (070-174 06 10) as an international tel: address."""
    digits = "".join(character for character in number if character.isdigit() or character == "+")
    if digits.startswith("0"):
        digits = "+46" + digits[1:]
    return f"tel:{digits}"


@register.filter
def elided_page_range(page_obj):
    """Page numbers around the current page and at both ends, with ellipses between."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
