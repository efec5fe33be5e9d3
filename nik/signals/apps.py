from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "nik.signals"
    verbose_name = _("Signals")

    def ready(self) -> None:
        from nik.core.models import Role
        from nik.core.nav import Place
        from nik.core.nav import register as place
        from nik.core.panels import register

        from .access import IN_REGION
        from .panels import PANELS

        for panel in PANELS:
            register(panel)
        place(
            Place(
                "signals", 66, _("Signals"), "signals:list",
                roles=frozenset(IN_REGION), per_region=True,
            )
        )  # fmt: skip
        place(
            Place(
                "signals.national_view", 68, _("Side by side"), "signals:national_view",
                roles=frozenset({Role.NATIONAL}), exact=True,
            )
        )  # fmt: skip
        place(
            Place(
                "signals.national", 70, _("Signals"), "signals:national_queue",
                roles=frozenset({Role.NATIONAL}), also=("/national/issues/",),
            )
        )  # fmt: skip
