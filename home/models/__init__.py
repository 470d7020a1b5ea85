from .contact import ContactPage
from .outbox import OutgoingEmail
from .pages import ContentPage, HomePage
from .site_settings import FooterText, NetworkSettings
from .snippets import ContactPerson, Topic

__all__ = [
    "ContactPage",
    "ContactPerson",
    "ContentPage",
    "FooterText",
    "HomePage",
    "NetworkSettings",
    "OutgoingEmail",
    "Topic",
]
