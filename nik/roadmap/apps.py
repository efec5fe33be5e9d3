from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "nik.roadmap"
    verbose_name = _("Roadmap")

    def ready(self) -> None:

        from nik.core.models import Role
        from nik.core.nav import Place
        from nik.core.nav import register as place

        place(
            Place(
                "roadmap",
                60,
                _("Roadmap"),
                "roadmap:roadmap",
                roles=frozenset({Role.COORDINATOR, Role.STEERING}),
                per_region=True,
            )
        )
        from nik.core import panels
        from nik.core.imports import Importer, register

        from .actions import do_import_milestones
        from .panels import PANELS

        for panel in PANELS:
            panels.register(panel)
        # A new region starts with its ten steps and the seed's indicators: made when the region
        # is, never by opening a page.
        post_save.connect(_seed_new_region, sender="core.Region", dispatch_uid="roadmap-seed")
        register(
            Importer(
                "milestones", _("milestone planning"), do_import_milestones, "roadmap:milestones"
            )
        )


def _seed_new_region(sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any) -> None:
    if created and not raw:
        from .models import ensure_defaults

        ensure_defaults(instance)
