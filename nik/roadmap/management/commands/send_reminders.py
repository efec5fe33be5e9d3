from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nik.core import notify
from nik.roadmap.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail reminders for action items and milestones due within a week (each once). Run daily from cron or a systemd timer."

    def handle(self, *args: Any, **options: Any) -> None:
        notify.retry_unsent()
        self.stdout.write(f"Reminders sent: {send_reminders()}")
