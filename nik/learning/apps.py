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
        # Its own place in the navigation, beside casework's "Learning together": a case manager
        # looking for a course found no way to it (issue 30). The steering group plans no courses
        # of its own and reaches training from step 7 of the roadmap.
        from nik.core.models import Role
        from nik.core.nav import Place
        from nik.core.nav import register as place

        place(
            Place(
                "training",
                64,
                _("Training"),
                "learning:catalogue",
                roles=frozenset({Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER}),
                per_region=True,
            )
        )
