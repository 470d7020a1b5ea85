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


@register.filter
def tel_href(number):
    """A Swedish phone number as written (070-174 06 10) as an international tel: address."""
    digits = "".join(character for character in number if character.isdigit() or character == "+")
    if digits.startswith("0"):
        digits = "+46" + digits[1:]
    return f"tel:{digits}"
