from wagtail.snippets.models import register_snippet

from home.models import FooterText

register_snippet(FooterText)
