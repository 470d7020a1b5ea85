import logging
import os

from django.core import checks
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idekammare.settings.production")

application = get_wsgi_application()

# Management commands run the system checks, a WSGI server does not: so that the log shows an
# unreachable REDIS_URL when the site starts, the checks of the cache run here.
for message in checks.run_checks(tags=[checks.Tags.caches]):
    logging.getLogger("idekammare.checks").warning("%s", message)
