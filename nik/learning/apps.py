from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "nik.learning"
    verbose_name = _("Training")

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
                "learning",
                65,
                _("Training"),
                "learning:catalogue",
                roles=frozenset(Role.in_network()),
                per_region=True,
                # Learning from parents belongs here too (casework's mirror conversations).
                also=("/regions/{slug}/mirror/",),
            )
        )
