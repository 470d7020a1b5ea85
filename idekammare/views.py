from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import Error, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """For the load balancer and monitoring. Without the database the site cannot serve: 503.
    Without the cache it serves, more slowly: 200, and the cache is reported unavailable."""
    health = {
        "database": "ok" if database_answers() else "unavailable",
        "cache": "ok" if cache_answers() else "unavailable",
    }
    return JsonResponse(health, status=200 if health["database"] == "ok" else 503)


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error:
        return False
    return True


def cache_answers():
    # The cache turns its failures into misses (home/core/cache.py): what it stores must come back.
    key = f"healthz:{uuid4().hex}"
    cache.set(key, True, timeout=10)
    return cache.get(key) is True


def favicon(request):
    return HttpResponseRedirect(static("img/favicon.svg"))


def robots_txt(request):
    """Keep crawlers out of the admin, the search results and the members' personal links,
    and show them the sitemap."""
    lines = ["User-agent: *", f"Disallow: {reverse('wagtailadmin_home')}"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines.append(f"Disallow: {reverse('search')}")
            for personal_link in ("member_review_vote_link", "consultation_input_link"):
                link = reverse(personal_link, args=["token"])
                lines.append(f"Disallow: {link.removesuffix('token/')}")
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
