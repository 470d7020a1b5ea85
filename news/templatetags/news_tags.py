from django import template
from django.utils.translation import gettext as _

from home.navigation import section
from news.models import NewsPage

register = template.Library()


@register.inclusion_tag("components/home_slot.html", takes_context=True)
def latest_news(context, count=3):
    request = context["request"]
    index = section(request, "news.newsindexpage")
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
        "more_url": index.url,
        "more_label": _("All news"),
    }
