from django import template
from django.utils.translation import gettext as _

from home.navigation import active_home_page
from news.models import NewsIndexPage, NewsPage

register = template.Library()


@register.inclusion_tag("components/home_slot.html", takes_context=True)
def latest_news(context, count=3):
    request = context["request"]
    home = active_home_page(request)
    index = NewsIndexPage.objects.child_of(home).live().first() if home else None
    if index is None:
        return {}
    news = NewsPage.objects.child_of(index).live().public().order_by("-date", "-pk")[:count]
    return {
        "slot_id": "latest-news",
        "heading": _("Latest news"),
        "items": [
            {
                "title": item.title,
                "url": item.get_url(request),
                "date": item.date,
                "summary": item.introduction,
            }
            for item in news
        ],
        "more_url": index.get_url(request),
        "more_label": _("All news"),
    }
