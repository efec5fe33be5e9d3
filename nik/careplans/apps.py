from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareplansConfig(AppConfig):
    name = "nik.careplans"
    verbose_name = _("Care plans")

    def ready(self) -> None:
        from nik.core.panels import register

        from .panels import PANELS

        for panel in PANELS:
            register(panel)
