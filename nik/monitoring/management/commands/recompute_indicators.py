from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nik.monitoring.actions import HISTORY, do_recompute


class Command(BaseCommand):
    help = "Recompute every region's indicators from the records (the last two years). Run daily from cron or a systemd timer."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quarters", type=int, default=HISTORY)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Indicator values written: {do_recompute(quarters=options['quarters'])}")
