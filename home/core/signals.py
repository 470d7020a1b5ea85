from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from home.core.navigation import start_new_generation
from home.models import FooterText, NetworkSettings, Topic


def renew_chrome(**kwargs):
    # After the commit: a request that read the new generation before it would otherwise
    # cache a chrome built from the old rows under the new key. Robust: what was committed
    # stands, and the request that committed it answers as it would have.
    transaction.on_commit(start_new_generation, robust=True)


def settings_saved(sender, instance, created, **kwargs):
    # NetworkSettings.for_site() creates the row with its defaults while the chrome itself is
    # being built; that chrome already shows those defaults.
    if not created:
        renew_chrome()


def page_saved(sender, instance, **kwargs):
    # Page subclasses are the senders, so this listens to every model and picks the pages.
    if isinstance(instance, Page):
        renew_chrome()


def connect():
    """Anything that changes what the site chrome shows starts a new generation of it."""
    post_save.connect(page_saved, dispatch_uid="site-chrome-page-saved")
    post_page_move.connect(renew_chrome, dispatch_uid="site-chrome-page-moved")
    post_save.connect(settings_saved, sender=NetworkSettings, dispatch_uid="site-chrome-settings")
    for model in (Page, NetworkSettings):
        post_delete.connect(
            renew_chrome, sender=model, dispatch_uid=f"site-chrome-{model.__name__}"
        )
    # Images: the endorsers' logos are kept with the endorsers (templates/positions/).
    renew_when_changed(Site, FooterText, Topic, PageViewRestriction, get_image_model())


def renew_when_changed(*models):
    """Saving or deleting a row of these models starts a new generation: pages show them beside
    their own content (home.core.navigation.generation). Apps add their own models."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                renew_chrome,
                sender=model,
                dispatch_uid=f"site-chrome-{model._meta.label}-{id(signal)}",
            )
