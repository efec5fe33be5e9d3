from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from nik.core import demo
from nik.home.demo import load


class Command(BaseCommand):
    help = "Migrate, load the deterministic demo data and serve the site (demo mode: no 2FA)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Only migrate and load.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--remove", action="store_true", help="Delete the demo accounts.")

    def handle(self, *args: Any, no_serve: bool, port: int, remove: bool, **options: Any) -> None:
        if remove:
            removed = demo.remove()
            self.stdout.write(f"Removed {removed} demo records (accounts and their roles).")
            return
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if demo.demo_present():
            self.stdout.write("Demo data is already loaded.")
        else:
            load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self._print_accounts()
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    def _print_accounts(self) -> None:
        from nik.core.models import User

        self.stdout.write(f"\nDemo accounts (password for all: {demo.DEMO_PASSWORD}):")
        for user in User.objects.filter(is_demo=True, email__regex=demo.ACCOUNT_PATTERN).order_by(
            "email"
        ):
            self.stdout.write(f"  {user.email}")
        self.stdout.write("")
