from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin

SOCIAL_SERVICES = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
]


class SocialLinkValue(blocks.StructValue):
    def service_name(self):
        return dict(SOCIAL_SERVICES).get(self["service"], self["service"])


class SocialLinkBlock(blocks.StructBlock):
    service = blocks.ChoiceBlock(label=_("Service"), choices=SOCIAL_SERVICES)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Social link")
        value_class = SocialLinkValue


@register_setting(icon="site")
class NetworkSettings(BaseSiteSetting):
    """Contact details and social links for the site's footer; the same in every language."""

    network_name = models.CharField(_("network name"), max_length=100, default="Idékammaren")
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("personal data and cookies"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True
    )

    panels = [
        FieldPanel("network_name"),
        FieldPanel("accessibility_page"),
        FieldPanel("privacy_page"),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("postal_address"),
                FieldPanel("organisation_number"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("network settings")


class FooterText(TranslatableMixin, models.Model):
    """The footer's words about the network, one per language, translated like any snippet.

    Site settings cannot be translated, so the text that differs by language lives here.
    """

    text = models.TextField(_("text"), max_length=600)

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return self.text[:60]
