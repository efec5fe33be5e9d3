from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "nik.families"
    verbose_name = _("Families")

    def ready(self) -> None:
        from nik.core.panels import register

        from .panels import PANELS

        for panel in PANELS:
            register(panel)

        from django.db.models.signals import post_delete, post_save

        from .figures import forget_referral_figures, tally_family
        from .models import Family, Referral

        post_save.connect(forget_referral_figures, sender=Referral, dispatch_uid="referral-figures")
        post_delete.connect(
            forget_referral_figures, sender=Referral, dispatch_uid="referral-figures-d"
        )
        post_save.connect(tally_family, sender=Family, dispatch_uid="family-tally")
        post_delete.connect(tally_family, sender=Family, dispatch_uid="family-tally-d")
