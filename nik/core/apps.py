from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nik.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.apps import apps

        from . import checks, display, signals  # noqa: F401  (checks, auth event receivers)
        from .models import Role
        from .nav import ACCOUNT, Place, register

        register(
            Place(
                "core.api_tokens",
                10,
                _("API tokens"),
                "api_tokens",
                roles=frozenset({Role.COORDINATOR, Role.ADMIN}),
                menu=ACCOUNT,
                staff=True,
            )
        )

        # Every app's models are loaded before any app is ready.
        display.install(
            model
            for config in apps.get_app_configs()
            if config.name.startswith("nik.")
            for model in config.get_models()
        )
