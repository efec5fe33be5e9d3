from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nik.core import notify
from nik.directory import actions


class Command(BaseCommand):
    help = "E-mail the owners of wegwijzer services not confirmed for 12 months (each reminder once). Run daily from cron or a systemd timer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The site's address, for the link in the e-mail.",
        )

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        notify.retry_unsent()
        sent = actions.send_reminders(base_url=base_url)
        self.stdout.write(f"Reminders sent: {sent}")
