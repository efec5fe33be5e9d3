from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nik.core.models import ApiToken, User


class Command(BaseCommand):
    help = "Make an API bearer token for an account and print it (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--label", default="")

    def handle(self, *args: Any, email: str, label: str, **options: Any) -> None:
        user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with e-mail address {email!r}.")
        self.stdout.write(ApiToken.issue(user, label=label))
