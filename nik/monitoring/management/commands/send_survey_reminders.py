from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nik.core import notify
from nik.monitoring.surveys import send_reminders


class Command(BaseCommand):
    help = "Remind once whoever has not answered a survey invitation after a week, and forget expired links. Run daily from cron or a systemd timer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The site's address, for the link in the e-mail.",
        )

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        notify.retry_unsent()
        self.stdout.write(f"Survey reminders sent: {send_reminders(base_url)}")
