from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "nik.learning"
    verbose_name = _("Training")

    def ready(self) -> None:
        from nik.core.panels import register

        from .panels import PANELS

        for panel in PANELS:
            register(panel)
        # Its place in the navigation is casework's "Learning together" (training is one part).
