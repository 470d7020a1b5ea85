import factory
import wagtail_factories

from home.models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Startsida"
    hero_heading = "Värmlands idéburna organisationer talar med en röst"
    hero_introduction = "Föreningar, studieförbund, trossamfund och sociala företag i hela länet."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Innehållssida {n}")
    introduction = "En ingress om hur nätverket arbetar i länets kommuner."

    class Meta:
        model = ContentPage
