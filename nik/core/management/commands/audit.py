from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nik.core.audit import Checkpoint, verify_chain


class Command(BaseCommand):
    help = (
        "Audit log tools. `nik audit verify` walks every region's hash chain and says where it "
        "breaks; with --checkpoint FILE it starts where the last intact run ended and saves "
        "its progress there as it goes (an interrupted run goes on from there)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("task", choices=["verify"])
        parser.add_argument(
            "--checkpoint",
            type=Path,
            help="A file to start from and save progress to; keep it outside the database.",
        )
        parser.add_argument(
            "--batch", type=int, default=20_000, help="Events read per query (default 20000)."
        )

    def handle(
        self, *args: Any, task: str, checkpoint: Path | None, batch: int, **options: Any
    ) -> None:
        start = None
        if checkpoint is not None and checkpoint.exists():
            try:
                start = Checkpoint.from_json(json.loads(checkpoint.read_text()))
            except (ValueError, KeyError, TypeError, IndexError) as error:
                raise CommandError(
                    f"The checkpoint {checkpoint} cannot be read: {error}"
                ) from error
            self.stdout.write(
                f"Starting after event {start.last_id} ({start.count} checked before)."
            )

        def save(done: Checkpoint) -> None:
            if checkpoint is not None:
                part = checkpoint.with_suffix(".part")
                part.write_text(json.dumps(done.to_json()))
                part.replace(checkpoint)

        began = time.monotonic()
        count, breaks = verify_chain(batch_size=batch, start=start, progress=save)
        seconds = time.monotonic() - began
        checked = count - (start.count if start else 0)
        if breaks:
            for item in breaks:
                self.stderr.write(f"Audit event {item.event_id}: {item.reason}.")
            raise CommandError(
                f"The audit chain is broken: {len(breaks)} problem(s) in {count} events."
            )
        self.stdout.write(
            f"The audit chain is intact: {count} events checked "
            f"({checked} in this run, {seconds:.1f} s)."
        )
