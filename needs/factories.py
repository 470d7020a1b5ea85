from django.utils import timezone

import factory

from home.factories import PageFactory, TopicFactory
from members.factories import MemberOrganisationFactory
from needs.models import Need, NeedEvent, NeedsPage, NeedStatus


class NeedsPageFactory(PageFactory):
    title = "Behov vi ser"
    slug = "behov-vi-ser"
    introduction = "Behov som medlemsorganisationerna ser hos länets invånare, och regionens svar."

    class Meta:
        model = NeedsPage


class NeedFactory(factory.django.DjangoModelFactory):
    """A new signal, private as reported: no consent, not published."""

    organisation = factory.SubFactory(MemberOrganisationFactory)
    title = factory.Sequence(lambda n: f"Unga i byarna saknar en mötesplats ({n})")
    description = "Sedan fritidsgården stängde har ungdomarna ingenstans att vara på kvällarna."
    topic = factory.SubFactory(TopicFactory)
    municipality = "karlstad"
    target_group = "Unga 13–18 år"
    contribution = "Vi kan hålla öppet två kvällar i veckan med våra ledare."

    class Meta:
        model = Need

    class Params:
        public = factory.Trait(
            status=NeedStatus.FORWARDED,
            consent_to_publish=True,
            published=True,
            public_title=factory.Sequence(lambda n: f"En mötesplats för unga i byarna ({n})"),
            public_summary="Föreningar ser att unga saknar en plats att träffas på kvällarna.",
            public_title_en=factory.Sequence(lambda n: f"A meeting place for young people ({n})"),
            public_summary_en="Associations see that young people have nowhere to meet.",
            forwarded_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )


class NeedEventFactory(factory.django.DjangoModelFactory):
    need = factory.SubFactory(NeedFactory)
    action = NeedEvent.Action.NOTE
    note = "Ringde föreningen och frågade om fler exempel."

    class Meta:
        model = NeedEvent
