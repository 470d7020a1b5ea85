"""The site's URLs and `/bench/plain/`: a plain Django view returning 5 KB, the baseline that
bench/run.py compares pages with (it runs through the same gunicorn and middleware, with no
database query and no cache round trip)."""

from django.http import HttpResponse
from django.urls import path

from idekammare import urls as site_urls

PLAIN_BODY = "<!doctype html><title>plain</title>" + "<p>" + "x" * 5_000 + "</p>"

handler500 = site_urls.handler500


def plain(request):
    return HttpResponse(PLAIN_BODY)


urlpatterns = [path("bench/plain/", plain), *site_urls.urlpatterns]
