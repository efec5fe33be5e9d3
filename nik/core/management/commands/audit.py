from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nik.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `nik audit verify` walks the hash chain and says where it breaks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("task", choices=["verify"])

    def handle(self, *args: Any, task: str, **options: Any) -> None:
        count, breaks = verify_chain()
        if breaks:
            for item in breaks:
                self.stderr.write(f"Audit event {item.event_id}: {item.reason}.")
            raise CommandError(
                f"The audit chain is broken: {len(breaks)} problem(s) in {count} events."
            )
        self.stdout.write(f"The audit chain is intact: {count} events checked.")
