"""WSGI entry point for gunicorn: `gunicorn nik.wsgi`."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nik.settings")

application = get_wsgi_application()

# A production server must never serve the well-known demo accounts.
from nik.core.checks import refuse_demo_accounts_in_production  # noqa: E402

refuse_demo_accounts_in_production()
