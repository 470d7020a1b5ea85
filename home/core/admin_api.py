"""The admin's document and image APIs (/admin/api/main/) know who asks, as its page API does.

The site's REST framework settings sign no one in, so that the open-data API at /api/v2/ answers
everyone alike. Wagtail's admin page API sets session authentication on itself; its document and
image APIs do not, so they saw no user at all: as soon as a collection is restricted to logged-in
users or to groups, Wagtail's check of that restriction read the user as None and every request
answered 500. These are the same endpoints, signed in through the admin session.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from rest_framework.authentication import SessionAuthentication


class SessionDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    authentication_classes = [SessionAuthentication]


class SessionImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    authentication_classes = [SessionAuthentication]


def register_endpoints(router):
    """Replace Wagtail's own document and image endpoints in the admin API `router`."""
    router.register_endpoint("documents", SessionDocumentsAdminAPIViewSet)
    router.register_endpoint("images", SessionImagesAdminAPIViewSet)
