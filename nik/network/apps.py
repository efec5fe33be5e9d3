from __future__ import annotations

from typing import IO

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "nik.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from nik.core.imports import Importer, Progress, register
        from nik.core.models import Region, User
        from nik.core.xlsx import RowError

        from .actions import do_import_stakeholders

        def run(
            region: Region, file: IO[bytes], *, acting_user: User, progress: Progress
        ) -> tuple[int, list[RowError]]:
            report = do_import_stakeholders(
                region, file, acting_user=acting_user, progress=progress
            )
            return report.imported, report.errors

        register(Importer("stakeholders", _("stakeholder analysis"), run, "network:stakeholders"))
