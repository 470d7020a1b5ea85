"""The admin as a member representative reaches it: what they are asked about, and nothing else.

Representatives hold Wagtail's "access admin" permission only to vote. Wagtail's own views decide
by permissions that this role does not fit: its page choosers, page search, move and copy screens
show any admin user the title and status of every page, drafts and private ones included, and
its snippet choosers and reports name every representative. So for a representative the admin is
closed by default: a request under /admin/ reaches its view only if the view's URL name is in
`OPEN` or `WHILE_VOTING`, and those in `WHILE_VOTING` only for a review the representative may
vote in now. A URL that Wagtail or an app adds later is closed until it is listed here.

`RepresentativeGateMiddleware` enforces it; it belongs in MIDDLEWARE after Django's
AuthenticationMiddleware.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from wagtail.admin.localization import get_localized_response
from wagtail.models import Page

from home.core.files import is_published, uses
from member_review.access import edits_pages
from member_review.models import running_reviews, running_reviews_of
from members.models.organisations import Representative

from .voting import refusal

REPRESENTATIVES = "Medlemsrepresentanter"

# Views a representative may reach, each with the HTTP methods it may be reached by.
SAFE = frozenset({"GET", "HEAD"})
OPEN = {
    "wagtailadmin_home": SAFE,
    "wagtailadmin_account": SAFE | {"POST"},
    "wagtailadmin_logout": SAFE | {"POST"},
    # The admin's own interface state (what the user has dismissed), saved by its scripts.
    "wagtailadmin_dismissibles": frozenset({"PATCH"}),
    # The review screens decide themselves who sees what; the changes exist only while open.
    "member_review:detail": SAFE | {"POST"},
    "member_review:changes": SAFE,
    # Outside Wagtail's admin login anyway: sign-in, password reset and static assets.
    "wagtailadmin_login": SAFE | {"POST"},
    "wagtailadmin_password_reset": SAFE | {"POST"},
    "wagtailadmin_password_reset_done": SAFE,
    "wagtailadmin_password_reset_confirm": SAFE | {"POST"},
    "wagtailadmin_password_reset_complete": SAFE,
    "wagtailadmin_javascript_catalog": SAFE,
    "wagtailadmin_sprite": SAFE,
}


def _reviews_of(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return running_reviews().none()
    return running_reviews_of(page).select_related("workflow_state")


def _previewing(user, page_id, task_id, **kwargs):
    return any(may_vote_in(user, review) for review in _reviews_of(page_id).filter(task_id=task_id))


def _voting(user, page_id, task_state_id, **kwargs):
    return any(
        may_vote_in(user, review) for review in _reviews_of(page_id).filter(pk=task_state_id)
    )


# Wagtail's views for one review, open only while the representative may vote in it: the preview
# of the revision under review, and Wagtail's own voting buttons (the workflow actions).
WHILE_VOTING = {
    "wagtailadmin_pages:workflow_preview": (SAFE, _previewing),
    "wagtailadmin_pages:workflow_action": (frozenset({"POST"}), _voting),
}


def open_to_representatives(url_name, methods=SAFE):
    """Open an admin view of an app above this one to representatives; the view itself must
    decide what each representative may see and do there."""
    OPEN[url_name] = frozenset(methods)


class RepresentativeViewMixin:
    """An admin view about the signed-in representative's own member organisation
    (`self.organisation`), for a representative of an active member organisation only."""

    def dispatch(self, request, *args, **kwargs):
        self.organisation = Representative.voting_organisation(request.user)
        if self.organisation is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def is_representative(user):
    """Whether `user` comes to the admin as a member representative and as nothing more.

    A representative is in the group "Medlemsrepresentanter" or linked to a member organisation,
    whether or not the organisation is an active member. A superuser, or someone who also edits
    pages, keeps the admin of that role.
    """
    if not user.is_authenticated or user.is_superuser:
        return False
    if not hasattr(user, "_is_representative"):
        user._is_representative = (
            Representative.objects.filter(user=user).exists()
            or Group.objects.filter(name=REPRESENTATIVES, user=user).exists()
        ) and not edits_pages(user)
    return user._is_representative


def may_vote_in(user, review):
    """Whether `user` may vote in the member review `review` now."""
    page = review.workflow_state.content_object
    return (
        review.voting_organisation(user) is not None
        and page is not None
        and refusal(review, page) is None
    )


def reviews_to_vote_in(user):
    """The open member reviews in which `user` may vote now."""
    states = running_reviews().select_related("workflow_state", "revision")
    return [state for state in states if may_vote_in(user, state)]


def may_reach(request):
    """Whether the representative making `request` may reach the admin view it resolved to."""
    match = request.resolver_match
    name = match.view_name if match else None
    if name in OPEN:
        return request.method in OPEN[name]
    if name in WHILE_VOTING:
        methods, rule = WHILE_VOTING[name]
        return request.method in methods and rule(request.user, **match.kwargs)
    return False


class RepresentativeGateMiddleware:
    """Refuses a representative every admin view that `may_reach` does not open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            return None
        if not is_representative(request.user) or may_reach(request):
            return None
        if (
            request.headers.get("x-requested-with") == "XMLHttpRequest"
            or request.method not in SAFE
        ):
            raise PermissionDenied
        return get_localized_response(refused, request)


def refused(request):
    """The page a representative meets instead, in their admin language, never cached."""
    response = TemplateResponse(request, "member_review/representative_refused.html", status=403)
    add_never_cache_headers(response)
    return response


def refuse_document_to_representatives(document, request):
    """Wagtail's before_serve_document hook: a representative gets a draft's document only while
    a review they may vote in uses it (the revision under review refers to it)."""
    if not is_representative(request.user) or is_published(document):
        return
    for review in reviews_to_vote_in(request.user):
        if uses(review.revision.as_object(), document):
            return
    raise Http404
