import datetime

import factory

from home.factories import PageFactory
from news.models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(PageFactory):
    title = "Nyheter"
    slug = "nyheter"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Nyhet nummer {n} från nätverket")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    introduction = "Föreningarna i Värmland samlas för att diskutera lokalernas framtid."

    class Meta:
        model = NewsPage
