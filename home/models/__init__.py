from .pages import ContentPage, HomePage
from .site_settings import FooterText, NetworkSettings

__all__ = ["ContentPage", "FooterText", "HomePage", "NetworkSettings"]
