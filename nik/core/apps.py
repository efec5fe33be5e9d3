from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nik.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers checks and auth event receivers)
