from django.contrib import messages
from django.utils.translation import gettext as _

from wagtail_localize.views.update_translations import UpdateTranslationsView

from .publishing import requires_member_review


class UpdateTranslationsOfAdoptedTextView(UpdateTranslationsView):
    """wagtail-localize's "Update translations", which never publishes a translation of a
    statement the members have not adopted: until then its Swedish text is an unreviewed draft."""

    def form_valid(self, form):
        source = self.object.get_source_instance()
        if form.cleaned_data["publish_translations"] and (
            requires_member_review(source) and not source.live
        ):
            form.cleaned_data["publish_translations"] = False
            messages.warning(
                self.request,
                _(
                    "The translations were updated as drafts. They can be published once the "
                    "member organisations have adopted the Swedish text."
                ),
            )
        return super().form_valid(form)
