from django.utils.html import format_html

from home.core.feeds import SectionFeed, start_of
from news.models import NewsIndexPage, NewsPage


class NewsFeed(SectionFeed):
    index_model = NewsIndexPage
    entry_model = NewsPage

    def entries(self, index):
        return index.news()

    def item_description(self, item):
        return format_html("<p>{}</p>", item.introduction)

    def item_pubdate(self, item):
        return start_of(item.date)
