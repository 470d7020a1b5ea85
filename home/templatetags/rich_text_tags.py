from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from home.core.rich_text import unlink_unsafe_links

register = template.Library()


@register.filter
def safe_links(html):
    """Rendered rich text with every link to a `javascript:` (or other unsafe) address unlinked."""
    return mark_safe(unlink_unsafe_links(conditional_escape(html)))  # noqa: S308 - escaped, then parsed and serialised
