from http import HTTPMethod

from django import forms
from django.db import models
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import ContentBlocks
from home.core.api import ContactPersonsField
from home.forms import ContactForm

from .mixins import ContactPersonsMixin, ShareImageMixin


class ContactPage(ShareImageMixin, ContactPersonsMixin, Page):
    """How to reach the network: its address, contact persons, press contacts and a form.

    The form needs no JavaScript and sets no cookie, so it carries no CSRF token; it defends
    itself instead (home/contact.py), and the page is served without Django's CSRF check
    (`serves_forms_without_cookies`, home/core/routing.py).
    """

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    press_information = StreamField(
        ContentBlocks(),
        verbose_name=_("for the press"),
        blank=True,
        help_text=_("Press images, logos and how journalists reach us."),
    )
    press_contacts = ParentalManyToManyField(
        "home.ContactPerson",
        verbose_name=_("press contacts"),
        blank=True,
        related_name="+",
    )

    meta_description_field = "introduction"
    serves_forms_without_cookies = True
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(ContactPersonsMixin.contact_panels, heading=_("Contact persons")),
        MultiFieldPanel(
            [
                FieldPanel("press_information"),
                FieldPanel("press_contacts", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Press"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("press_information"),
    ]
    # The same people in every language; the network's address comes from its settings.
    override_translatable_fields = [
        SynchronizedField("contact_persons"),
        SynchronizedField("press_contacts"),
    ]

    api_fields = [
        APIField("introduction"),
        APIField("contact_persons", serializer=ContactPersonsField("contact_persons")),
        APIField("press_information"),
        APIField("press_contacts", serializer=ContactPersonsField("press_contacts")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = ContactForm(self)
        context["sent"] = "sent" in request.GET
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from home.contact import answer_message  # it reaches the outbox, which needs models

            return answer_message(self, request)
        response = super().serve(request, *args, **kwargs)
        # Each reader's form carries the time it was shown (home/forms.py), which a copy kept by a
        # shared cache would not.
        add_never_cache_headers(response)
        return response
