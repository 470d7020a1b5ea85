import datetime

from django.utils import timezone

from wagtail.models import Page

import factory

from calls.models import Answer, CallAnnouncement, CallAnswer, CallIndexPage, CallPage
from home.factories import HomePageFactory, PageFactory
from home.models import HomePage
from members.factories import MemberOrganisationFactory


def days(n):
    """The day `n` days from today, in Swedish time."""
    return timezone.localdate() + datetime.timedelta(days=n)


class CallIndexPageFactory(PageFactory):
    title = "Förfrågningar"
    slug = "forfragningar"

    class Meta:
        model = CallIndexPage


class CallPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Förfrågan nummer {n} från regionen")
    summary = "Regionen söker föreningar som vill vara med och planera en satsning på unga."
    partner = "Region Värmland"
    work_starts = factory.LazyFunction(lambda: days(30))
    work_ends = factory.LazyFunction(lambda: days(120))
    reply_by = factory.LazyFunction(lambda: days(14))

    class Meta:
        model = CallPage


def first_calls_page():
    """The calls page, made under the first home page (made too) when there is none yet."""
    index = CallIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first() or HomePageFactory(parent=Page.get_first_root_node())
        index = CallIndexPageFactory(parent=home)
    return index


class CallAnswerFactory(factory.django.DjangoModelFactory):
    call = factory.SubFactory(CallPageFactory, parent=factory.LazyFunction(first_calls_page))
    organisation = factory.SubFactory(MemberOrganisationFactory)
    answer = Answer.PARTICIPATE
    note = "Vi kan ordna två träffar för unga i Karlstad."

    class Meta:
        model = CallAnswer


class CallAnnouncementFactory(factory.django.DjangoModelFactory):
    call = factory.SubFactory(CallPageFactory, parent=factory.LazyFunction(first_calls_page))
    recipients = 12

    class Meta:
        model = CallAnnouncement
