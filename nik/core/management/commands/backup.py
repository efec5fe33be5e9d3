from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nik.core import backup


class Command(BaseCommand):
    help = (
        "Write the database and the uploaded files to one archive (.tar.gz): pg_dump on "
        "PostgreSQL, the online backup API on SQLite. It holds personal data: keep it encrypted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive",
            nargs="?",
            help="where to write it (default: nik-backup-<date and time>.tar.gz here)",
        )

    def handle(self, *args: Any, archive: str | None, **options: Any) -> None:
        target = Path(archive or f"nik-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = backup.backup(target)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup of the {manifest.engine} database written to {target}.")
