from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nik.core import backup


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of an archive made by "
        "`nik backup`. Stop the app servers first; run `nik audit verify` afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask: the current data is replaced"
        )

    def handle(self, *args: Any, archive: str, yes: bool, **options: Any) -> None:
        source = Path(archive)
        if not source.is_file():
            raise CommandError(f"No file {source}.")
        if not yes and input("The current database is replaced. Type 'yes' to go on: ") != "yes":
            raise CommandError("Nothing restored.")
        try:
            manifest = backup.restore(source)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest.engine} database of {manifest.made_at}. "
            "Now run `nik audit verify`."
        )
