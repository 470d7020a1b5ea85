from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.core.feeds import feed_links
from home.core.navigation import section
from home.core.structured_data import json_ld, network
from news.feeds import NewsFeed
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


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def news_feed_links(context):
    return feed_links(context["request"], NewsFeed, "news-rss", "news-atom")


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page):
    request = context["request"]
    publisher = network(request)
    article = {
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.introduction,
        "datePublished": page.date,
        "dateModified": page.last_published_at or page.latest_revision_created_at,
        "author": publisher,
        "publisher": publisher,
        "inLanguage": get_language(),
        "url": request.build_absolute_uri(request.path),
    }
    image = page.share_image or page.listing_image
    if image:
        article["image"] = request.build_absolute_uri(image.get_rendition("fill-1200x630").url)
    return json_ld(article)
