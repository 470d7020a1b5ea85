"""Every page type has a factory, so tests can build any of them."""

from importlib import import_module

from wagtail.models import get_page_models

import factory
import pytest

PROJECT_APPS = ("home", "news", "events", "positions", "needs", "calls", "council")


def factory_models():
    models = set()
    for app in PROJECT_APPS:
        module = import_module(f"{app}.factories")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                models.add(value._meta.model)
    return models


@pytest.mark.parametrize(
    "page_model",
    [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS],
    ids=lambda model: model.__name__,
)
def test_page_model_has_a_factory(page_model):
    assert page_model in factory_models()


def factory_for(app, model):
    """The factory in `app`'s factories module that builds `model`, or None."""
    module = import_module(f"{app}.factories")
    return next(
        (
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, factory.django.DjangoModelFactory)
            and value._meta.model is model
        ),
        None,
    )


# Models beside the pages: the member organisations and their competences (members/), and the
# answers to calls (calls/).
ROW_MODELS = [
    ("members", "Competence"),
    ("members", "MemberOrganisation"),
    ("members", "OrganisationReach"),
    ("members", "Representative"),
    ("calls", "CallAnswer"),
    ("calls", "CallAnnouncement"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("app", "model_name"), ROW_MODELS)
def test_model_has_a_factory_that_builds_it(app, model_name):
    model = getattr(import_module(f"{app}.models"), model_name)
    made = factory_for(app, model)
    assert made, f"{app}.factories has no factory for {model_name}"
    assert model.objects.filter(pk=made().pk).exists()


# The council (council/): a meeting's rows beside its page ---------------------------------------

COUNCIL_MODELS = ["RegionParticipant", "MeetingDocument"]


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", COUNCIL_MODELS)
def test_council_model_has_a_factory_that_builds_it(site, model_name):
    module = import_module("council.factories")
    model = getattr(import_module("council.models"), model_name)
    made = factory_for("council", model)
    assert made, f"council.factories has no factory for {model_name}"
    council = module.CouncilIndexPageFactory(parent=site.home)
    meeting = module.CouncilMeetingPageFactory(parent=council)
    assert model.objects.filter(pk=made(page=meeting).pk, page=meeting).exists()
