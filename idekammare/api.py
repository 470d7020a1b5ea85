"""The read-only open-data API at /api/v2/: published pages, images and documents.

Whoever asks, it shows what an anonymous visitor of the public site can reach:

- Pages: live pages outside private sections (a view restriction of any kind on the page or an
  ancestor), on the site the request is for. The API reads the page rows, which hold the
  published version; drafts, and revisions waiting in a workflow or a member review, are kept
  as revisions and never read.
- Documents and images: those that a live page outside private sections refers to, in a field,
  a StreamField block or rich text, and that are outside collections with a view restriction.
  Wagtail's reference index says what refers to what; it is built from the page rows, so a file
  chosen only in a draft or in an unpublished revision is not listed, and its detail is a 404.

There is no authentication: the API views never see a session, so logins and page passwords a
visitor has entered count for nothing, a signed-in editor gets what everyone gets, and no
response sets a cookie.
"""

from contextlib import contextmanager
from copy import copy
from functools import cached_property, wraps

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q, QuerySet, prefetch_related_objects

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageAliasOfField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from rest_framework.renderers import JSONRenderer

from home.core.files import restricted_collections, used_by
from home.core.search_terms import MAX_CHARACTERS, MAX_WORDS, search_terms


def public_pages(request):
    """Live pages outside private sections, in every language tree of the request's site.

    Wagtail's `get_public_pages_queryset` also lets through the sections that the request's
    session or user may see; the API signs no one in.
    """
    try:
        site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    except ValueError as error:
        raise BadRequestError(str(error)) from error
    if site is None:
        return Page.objects.none()
    in_site = Q()
    for root in [site.root_page, *site.root_page.get_translations()]:
        in_site |= Page.objects.descendant_of_q(root, inclusive=True)
    return Page.objects.live().public().filter(in_site)


def relations(model, field_names):
    """The names among `field_names` of the foreign keys and many-to-many fields of `model`."""
    names = []
    for name in field_names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.is_relation and not field.auto_created:
            names.append(name)
    return names


@contextmanager
def bad_input_is_a_bad_request():
    """A query value that a filter or the database cannot take is a 400, not a 500.

    For example ?date=tomorrow (ValidationError), ?topics=abc (ValueError), or
    ?document=99999999999999999999, too large for SQLite (OverflowError).
    """
    try:
        yield
    except (ValueError, OverflowError, ValidationError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        raise BadRequestError(" ".join(messages)) from error


MAX_OFFSET = 10_000


class ListingPagination(WagtailPagination):
    """Wagtail's limit and offset, reading no further than MAX_OFFSET into a listing, and sorting
    only the ids of the items.

    An offset past the last item gives no items: without that check, an offset beyond the
    database's integer range reaches the SQL and fails. An offset beyond MAX_OFFSET that still
    has items after it is a 400, since reaching it means sorting and skipping that many rows.
    A listing of a database query sorts the items' ids and then reads the rows of that one
    window, so that no sort carries a page's StreamField body.
    """

    def paginate_queryset(self, queryset, request, view=None):
        ids_only = isinstance(queryset, QuerySet)
        if ids_only:
            rows, queryset = queryset, queryset.values_list("pk", flat=True)
        window = super().paginate_queryset(queryset, request, view)
        offset = int(request.GET.get("offset", 0))
        if offset >= self.total_count:
            return []
        if offset > MAX_OFFSET:
            # In English, like every other message of Wagtail's API.
            raise BadRequestError(
                f"offset cannot be higher than {MAX_OFFSET}; "
                "narrow the listing with filters or reverse its order"
            )
        if not ids_only:
            return window
        ids = list(window)
        by_id = rows.order_by().in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


class WordSearchFilter(SearchFilter):
    """Wagtail's ?search=, for the words of the query only, as on the site's search page.

    No quote or operator reaches the search backend (SQLite's full-text search fails on a stray
    double quote), and a query longer than the site's search takes is a 400: a few hundred words
    overflow the backend's recursion.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            terms = search_terms(request.GET["search"])
            if terms.shortened:
                # In English, like every other message of Wagtail's API.
                raise BadRequestError(
                    f"search for at most {MAX_WORDS} words and {MAX_CHARACTERS} characters"
                )
            request = copy(request)
            request.GET = request.GET.copy()
            request.GET["search"] = terms.text
        return super().filter_queryset(request, queryset, view)


class MarkupFreeJSONRenderer(JSONRenderer):
    """JSON with <, > and & written as \\u escapes, as Django's json_script does: the same data,
    and no answer, whatever the query it repeats, holds markup that a browser could run."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        content = super().render(data, accepted_media_type, renderer_context)
        return content.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


class OpenDataMixin:
    """Read-only JSON, the same for everyone; a query it cannot take is a 400, never a 500."""

    renderer_classes = [MarkupFreeJSONRenderer]
    http_method_names = ["get", "head", "options"]
    pagination_class = ListingPagination

    @property
    def filter_backends(self):
        return [
            WordSearchFilter if backend is SearchFilter else backend
            for backend in super().filter_backends
        ]

    @cached_property
    def public_pages(self):
        return public_pages(self.request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError("null characters are not allowed in the query")

    def filter_queryset(self, queryset):
        with bad_input_is_a_bad_request():
            return super().filter_queryset(queryset)

    def paginate_queryset(self, queryset):
        with bad_input_is_a_bad_request():
            return super().paginate_queryset(queryset)

    def find_object(self, queryset, request):
        with bad_input_is_a_bad_request():
            return super().find_object(queryset, request)


class PublicAliasOfField(PageAliasOfField):
    """The page this page is an alias of, if the API shows that page too."""

    def get_attribute(self, page):
        if page.alias_of_id and self.context["base_queryset"].filter(pk=page.alias_of_id).exists():
            return page.alias_of
        return None


class PublicPageSerializer(PageSerializer):
    alias_of = PublicAliasOfField(read_only=True)


class PublicPagesAPIViewSet(OpenDataMixin, PagesAPIViewSet):
    """Published pages. Filter by page type with ?type=, e.g. ?type=news.NewsPage."""

    base_serializer_class = PublicPageSerializer

    def get_base_queryset(self):
        return self.public_pages

    def paginate_queryset(self, queryset):
        """The pages of the listing, with the related objects it shows fetched for all at once."""
        pages = list(super().paginate_queryset(queryset))
        serializer = self.get_serializer_class()
        prefetch_related_objects(pages, *relations(serializer.Meta.model, serializer.Meta.fields))
        return pages


class ReferencedByPublicPagesMixin:
    """Only files that a live, public page refers to, outside restricted collections."""

    def get_queryset(self):
        return (
            used_by(self.public_pages, self.model)
            .exclude(collection__in=restricted_collections())
            .order_by("id")
        )


class PublicDocumentsAPIViewSet(OpenDataMixin, ReferencedByPublicPagesMixin, DocumentsAPIViewSet):
    """Documents that published pages link to."""


class PublicImagesAPIViewSet(OpenDataMixin, ReferencedByPublicPagesMixin, ImagesAPIViewSet):
    """Images that published pages show."""


class AnonymousAPIRouter(WagtailAPIRouter):
    """Wagtail's router, with views that see every visitor as anonymous and without a session.

    With no session on the request, Django's SessionMiddleware leaves the response alone, so
    that SESSION_SAVE_EVERY_REQUEST does not send a signed-in editor's session cookie with an
    answer that a shared cache may keep.
    """

    def wrap_view(self, func):
        view = super().wrap_view(func)

        @wraps(view)
        def anonymous_view(request, *args, **kwargs):
            vars(request).pop("session", None)
            request.user = AnonymousUser()
            return view(request, *args, **kwargs)

        return anonymous_view


api_router = AnonymousAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
