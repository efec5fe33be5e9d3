from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nik.core.models import Region
from nik.monitoring.actions import do_send_quarterly_report


class Command(BaseCommand):
    help = "E-mail each region's report of the last complete quarter to its steering group (each once). Run daily after recompute_indicators."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = sum(do_send_quarterly_report(region) for region in Region.objects.all())
        self.stdout.write(f"Quarterly reports sent: {sent}")
