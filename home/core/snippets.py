"""The site's snippet viewset: Wagtail's, with choosers that create only where they can.

Wagtail routes a chooser's `create/` address for every snippet, but builds a creation form only
when the chooser viewset names one (`creation_form_class`, `form_fields` or
`exclude_form_fields`). Without one the chooser shows no "Create" tab, yet a POST to that address
called `is_valid()` on no form at all: a 500. Snippets here are created on their own add form,
where their panels and permissions apply, so their choosers' create address is not found.
"""

from django.http import Http404

from wagtail.snippets.views import chooser, snippets


class ChooserCreateView(chooser.SnippetCreateView):
    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SnippetChooserViewSet(chooser.SnippetChooserViewSet):
    create_view_class = ChooserCreateView


class SnippetViewSet(snippets.SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
