"""The vote page a representative reaches from the invitation's personal link, on the public site.

Opening the page changes nothing: mail scanners open links. Only the form's POST, with CSRF
protection, casts a vote, through the same cast_vote as the admin's review screen. The link never
logs anyone in.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from home.core.navigation import url_in_each_language

from .forms import VoteForm, vote_form_initial
from .summary import review_summary
from .text_changes import changes_since_published
from .vote_links import LinkRefused, open_link
from .voting import VoteRefused, cast_vote, review_url

RECORDED = "recorded"


@method_decorator([never_cache, csrf_protect], name="dispatch")
class VoteByLinkView(View):
    def dispatch(self, request, token):
        try:
            self.ballot = open_link(token)
        except LinkRefused as refused:
            return refused_page(request, token, refused)
        return super().dispatch(request, token)

    def get(self, request, token):
        ballot = self.ballot
        vote = self.current_vote()
        initial = vote_form_initial(ballot.review, ballot.organisation, vote)
        return self.page(request, token, VoteForm(initial=initial), vote=vote)

    def post(self, request, token):
        form = VoteForm(request.POST)
        if not form.is_valid():
            return self.page(request, token, form, status=400)
        try:
            cast_vote(
                self.ballot.review,
                self.ballot.user,
                form.cleaned_data["choice"],
                form.cleaned_data["reason"],
                via="email",
                statement=form.cleaned_data["statement"],
                publish_statement=form.cleaned_data["publish_statement"],
            )
        except VoteRefused as refused:
            return self.page(request, token, form, status=400, refused=str(refused))
        return redirect(request.path + "?" + urlencode({RECORDED: 1}))

    def current_vote(self):
        return self.ballot.review.votes.filter(organisation=self.ballot.organisation).first()

    def page(self, request, token, form, status=200, refused=None, vote=None):
        ballot = self.ballot
        reviewed = ballot.review.revision.as_object()
        vote = vote or self.current_vote()
        context = {
            "page_title": _("Member review"),
            "ballot": ballot,
            "reviewed": reviewed,
            "changes": changes_since_published(ballot.page, reviewed),
            "vote": vote,
            "recorded": vote if request.GET.get(RECORDED) and vote else None,
            "form": form,
            "refused": refused,
            "language_links": url_in_each_language("member_review_vote_link", token),
            **review_summary(ballot.review),
        }
        response = TemplateResponse(
            request, "member_review/vote_by_link.html", context, status=status
        )
        # The address is the credential: no link on the page may carry it to another site. Not
        # "no-referrer": browsers then send the form's POST with "Origin: null", which CSRF
        # protection rightly refuses.
        response["Referrer-Policy"] = "same-origin"
        return response


def refused_page(request, token, refused):
    login = reverse("wagtailadmin_login")
    if refused.review is not None:
        login += "?" + urlencode({"next": review_url(refused.review)})
    context = {
        "page_title": _("Member review"),
        "message": refused.message,
        "login_url": login,
        "language_links": url_in_each_language("member_review_vote_link", token),
    }
    return TemplateResponse(
        request, "member_review/vote_link_refused.html", context, status=refused.status
    )
