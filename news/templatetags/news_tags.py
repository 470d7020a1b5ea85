from django import template
from django.utils.translation import gettext as _

from home.navigation import site_chrome
from news.models import NewsPage

register = template.Library()


@register.inclusion_tag("components/home_slot.html", takes_context=True)
def latest_news(context, count=3):
    request = context["request"]
    chrome = site_chrome(request)
    section = chrome.sections.get("news.newsindexpage") if chrome else None
    if section is None:
        return {}
    news = NewsPage.objects.child_of(section).live().public().order_by("-date", "-pk")[:count]
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
        "more_url": section.url,
        "more_label": _("All news"),
    }
