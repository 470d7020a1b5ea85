from django import template

from home import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    return navigation.site_chrome(context["request"])


@register.simple_tag(takes_context=True)
def language_links(context):
    return navigation.language_links(
        context["request"], context.get("page"), context.get("subpage_path", "")
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context["request"].build_absolute_uri(url)
