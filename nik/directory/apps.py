from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "nik.directory"
    verbose_name = _("Wegwijzer")

    def ready(self) -> None:

        from nik.core.models import Role
        from nik.core.nav import NATIONWIDE, Place
        from nik.core.nav import register as place

        regional = frozenset(r for r in Role.values if r not in NATIONWIDE)
        place(Place("directory.regional", 70, _("Wegwijzer"), "directory:regional", regional, True))
        place(
            Place(
                "directory.national",
                71,
                _("Wegwijzer"),
                "directory:national",
                frozenset(NATIONWIDE),
            )
        )
        from nik.network import gaps

        from .selectors import kinds_offered

        # White spots count the help the region's wegwijzer lists, not only its organisations.
        if kinds_offered not in gaps.KIND_SOURCES:
            gaps.KIND_SOURCES.append(kinds_offered)
