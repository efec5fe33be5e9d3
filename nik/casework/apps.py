from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "nik.casework"
    verbose_name = _("Learning from families and cases")

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
                _("Learning together"),
                "casework:together",
                roles=frozenset(Role.in_network()),
                per_region=True,
                # Case discussions and mirror conversations are its parts; training has its own
                # place (nik/learning/apps.py).
                also=("/regions/{slug}/mirror/",),
            )
        )
