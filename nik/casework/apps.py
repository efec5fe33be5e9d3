from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "nik.casework"
    verbose_name = _("Learning from families and cases")

    def ready(self) -> None:
        from nik.core.panels import register

        from .panels import PANELS

        for panel in PANELS:
            register(panel)
