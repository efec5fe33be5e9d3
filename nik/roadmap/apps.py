from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "nik.roadmap"
    verbose_name = _("Roadmap")

    def ready(self) -> None:
        from nik.core import panels
        from nik.core.imports import Importer, register

        from .actions import do_import_milestones
        from .panels import PANELS

        for panel in PANELS:
            panels.register(panel)
        register(
            Importer(
                "milestones", _("milestone planning"), do_import_milestones, "roadmap:milestones"
            )
        )
