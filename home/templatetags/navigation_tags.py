from django import template

from home import navigation
from home.models import FooterText

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current = context.get("page")
    return {
        "home": navigation.active_home_page(request),
        "menu_pages": navigation.menu_pages(request),
        "current_path": current.url_path if current else "",
        "request": request,
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    return navigation.language_links(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def active_home_url(context):
    request = context["request"]
    home = navigation.active_home_page(request)
    return home.get_url(request) if home else "/"


@register.simple_tag
def footer_text():
    return navigation.in_active_language(FooterText.objects.all())


@register.simple_tag
def live_translation(page_id):
    return navigation.live_translation(page_id)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context["request"].build_absolute_uri(url)
