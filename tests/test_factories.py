"""Every page type has a factory, so tests can build any of them."""

from importlib import import_module

from wagtail.models import get_page_models

import factory
import pytest

PROJECT_APPS = ("home", "news", "events", "positions")


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
