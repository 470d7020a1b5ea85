"""Production settings with the benchmark's URLconf, which adds a plain view to compare with.

Only bench/run.py selects it (DJANGO_SETTINGS_MODULE=bench.settings), so the site itself has no
benchmark route.
"""

from idekammare.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
