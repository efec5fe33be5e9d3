from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nik.core import notify


class Command(BaseCommand):
    help = (
        "Try again every e-mail that has not gone out (the mail server refused it, or its task "
        "was lost). A sent message is never sent twice. The reminder commands do this first too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Messages queued again: {notify.retry_unsent()}")
