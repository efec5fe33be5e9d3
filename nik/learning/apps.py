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
        from django.db.models.signals import post_delete, post_save

        from nik.core.models import Professional

        from .models import Course, Enrolment
        from .panels import forget_coverage

        for model in (Course, Enrolment, Professional):
            post_save.connect(forget_coverage, sender=model, dispatch_uid=f"coverage-{model}")
            post_delete.connect(forget_coverage, sender=model, dispatch_uid=f"coverage-d-{model}")
        # Its place in the navigation is casework's "Learning together" (training is one part).
