from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from django.views.static import serve as serve_file

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.core import routing
from home.core.feeds import Atom
from home.core.sitemap import PagesSitemap
from idekammare.api import api_router
from idekammare.views import favicon, healthz, robots_txt
from member_review.vote_link_views import VoteByLinkView
from news.feeds import NewsFeed
from positions.feeds import ConsultationResponseFeed, StatementFeed
from positions.remiss.input_views import InputByLinkView

SITEMAPS = {"pages": PagesSitemap}
# Wagtail's URLs, in their order, with its serve view given the route kept per generation.
WAGTAIL_URLS = [
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve")
    if getattr(pattern, "name", None) == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]

# A database that cannot be reached is a 503 that says so; any other error, the 500 page.
handler500 = "idekammare.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("robots.txt", robots_txt),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_IMAGE_RENDITIONS:
    urlpatterns += [
        re_path(
            r"^media/images/(?P<path>.+)$",
            serve_file,
            {"document_root": settings.MEDIA_ROOT / "images"},
        )
    ]

urlpatterns += i18n_patterns(
    path(pgettext_lazy("URL path", "search/"), include("search.urls")),
    path(pgettext_lazy("URL path", "feed/news.rss"), NewsFeed(), name="news-rss"),
    path(pgettext_lazy("URL path", "feed/news.atom"), NewsFeed(Atom), name="news-atom"),
    path(pgettext_lazy("URL path", "feed/positions.rss"), StatementFeed(), name="statements-rss"),
    path(
        pgettext_lazy("URL path", "feed/positions.atom"),
        StatementFeed(Atom),
        name="statements-atom",
    ),
    path(
        pgettext_lazy("URL path", "feed/consultation-responses.rss"),
        ConsultationResponseFeed(),
        name="consultation-responses-rss",
    ),
    path(
        pgettext_lazy("URL path", "feed/consultation-responses.atom"),
        ConsultationResponseFeed(Atom),
        name="consultation-responses-atom",
    ),
    path(
        pgettext_lazy("URL path", "how-member-organisations-review/"),
        TemplateView.as_view(
            template_name="member_review/help.html",
            extra_context={"page_title": gettext_lazy("How member organisations review a text")},
        ),
        name="member_review_help",
    ),
    path(
        pgettext_lazy("URL path", "member-review/<str:token>/"),
        VoteByLinkView.as_view(),
        name="member_review_vote_link",
    ),
    path(
        pgettext_lazy("URL path", "consultation-input/<str:token>/"),
        InputByLinkView.as_view(),
        name="consultation_input_link",
    ),
    path("", include(WAGTAIL_URLS)),
    prefix_default_language=False,
)
