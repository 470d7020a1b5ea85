"""Signals in the states the tests need, for the world of conftest.py."""

from needs.factories import NeedFactory


def public_need(world, **fields):
    """A signal on the public page: forwarded, published, with its organisation's consent."""
    fields.setdefault("organisation", world.organisations[0])
    fields.setdefault("topic", world.health)
    return NeedFactory(public=True, **fields)


def new_need(world, **fields):
    """A signal as reported: new, private."""
    fields.setdefault("organisation", world.organisations[0])
    fields.setdefault("topic", world.health)
    return NeedFactory(**fields)


def report_form(world):
    return {
        "title": "Unga i Sunne saknar sommarjobb",
        "description": "Vi ser att fler unga än förut går sysslolösa hela sommaren.",
        "topic": world.health.pk,
        "municipality": "sunne",
        "target_group": "Unga 15–18 år",
        "contribution": "",
        "consent_to_publish": "on",
    }
