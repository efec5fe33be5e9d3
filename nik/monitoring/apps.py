from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "nik.monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from nik.core.models import Role
        from nik.core.nav import Place
        from nik.core.nav import register as place
        from nik.core.panels import register

        from .panels import PANELS

        for panel in PANELS:
            register(panel)
        place(
            Place(
                "monitoring",
                62,
                _("Results"),
                "monitoring:dashboard",
                roles=frozenset({Role.COORDINATOR, Role.STEERING}),
                per_region=True,
            )
        )
