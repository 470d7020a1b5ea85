from wagtail.models import Locale

import factory
import wagtail_factories

from home.core.publication import loading_content
from home.models import ContactPage, ContactPerson, ContentPage, HomePage, Topic


class PageFactory(wagtail_factories.PageFactory):
    """Pages built for tests go live as built, as loaded content does.

    `published_revision=True` also saves a revision and publishes it, as an editor's "Publicera"
    does, so the page has a history and a live revision (the demo content builds pages this way).
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with loading_content():
            return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def published_revision(page, create, extracted, **kwargs):
        if create and extracted:
            with loading_content():
                page.save_revision().publish()


class HomePageFactory(PageFactory):
    title = "Startsida"
    hero_heading = "Värmlands idéburna organisationer talar med en röst"
    hero_introduction = "Föreningar, studieförbund, trossamfund och sociala företag i hela länet."

    class Meta:
        model = HomePage


class ContentPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Innehållssida {n}")
    introduction = "En ingress om hur nätverket arbetar i länets kommuner."

    class Meta:
        model = ContentPage


class ContactPageFactory(PageFactory):
    title = "Kontakt och press"
    slug = "kontakt"
    introduction = "Så når du nätverket, dess kontaktpersoner och presskontakter."

    class Meta:
        model = ContactPage


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sakområde {n}")
    slug = factory.Sequence(lambda n: f"sakomrade-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


class ContactPersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kim Exempelsson {n}")
    role = "Pressansvarig"
    organisation = "Idékammaren Värmland"
    phone = "070-174 06 20"
    email = factory.Sequence(lambda n: f"kontakt{n}@idekammaren.example")

    class Meta:
        model = ContactPerson
