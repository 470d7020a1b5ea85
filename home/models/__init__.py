from .outbox import OutgoingEmail
from .pages import ContentPage, HomePage
from .site_settings import FooterText, NetworkSettings
from .snippets import ContactPerson, Topic

__all__ = [
    "ContactPerson",
    "ContentPage",
    "FooterText",
    "HomePage",
    "NetworkSettings",
    "OutgoingEmail",
    "Topic",
]
