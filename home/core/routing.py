"""A public URL's page, routed once per generation (home.core.navigation.generation).

Wagtail walks the tree from the site's root page to the page on every request: a query for the
locale, one per level and one for the specific page. The route of a plain page (one without a
sub-route) is kept under the current generation (navigation.kept), as the page's type and id; any
page saved, moved or deleted starts a new generation. The page itself is read from the database
on every request, so nothing of its content outlives a publish.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from home.core.navigation import CACHE_TIMEOUT, generation, kept


@csrf_exempt
def serve(request, path):
    """Wagtail's serve view, given the route from the cache when it is known.

    A POST to a page is checked against cross-site request forgery as by Django's middleware,
    except where the page serves a form that sets no cookie, and so can carry no CSRF token
    (`serves_forms_without_cookies`: the contact page, which defends itself, home/forms.py).
    """
    remember_route(request, path)
    route = Page.route_for_request(request, path)
    if route is not None and getattr(route.page, "serves_forms_without_cookies", False):
        return wagtail_views.serve(request, path)
    return serve_protected(request, path)


serve_protected = csrf_protect(wagtail_views.serve)


def remember_route(request, path):
    current = generation(request)
    if current is None:
        return
    key = "page-route:" + hashlib.sha256(f"{current}:{path}".encode()).hexdigest()
    known = kept().get(key)
    if known is not None:
        page = live_page(*known)
        if page is not None:
            # Page.route_for_request keeps its answer on the request (UPGRADING.md).
            request._wagtail_route_for_request = RouteResult(page)
            return
    route = Page.route_for_request(request, path)
    # Sub-routes (a routable page's views) take any path; only pages themselves are kept.
    if route is not None and not route.args and not route.kwargs:
        kept().set(key, (route.page.content_type_id, route.page.pk), CACHE_TIMEOUT)


def live_page(content_type_id, pk):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model.objects.filter(pk=pk, live=True).first()
