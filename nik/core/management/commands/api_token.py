from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nik.core.actions import do_issue_api_token
from nik.core.models import ApiToken, User


class Command(BaseCommand):
    help = (
        "Make an API bearer token for an account and print it (only its hash is stored). "
        f"It expires after --days days (default {ApiToken.DEFAULT_DAYS}, "
        f"at most {ApiToken.MAX_DAYS})."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--label", default="", help="Its name or purpose.")
        parser.add_argument(
            "--days",
            type=int,
            default=ApiToken.DEFAULT_DAYS,
            help=f"Days until it expires (1 to {ApiToken.MAX_DAYS}).",
        )

    def handle(self, *args: Any, email: str, label: str, days: int, **options: Any) -> None:
        if not 1 <= days <= ApiToken.MAX_DAYS:
            raise CommandError(f"--days must be 1 to {ApiToken.MAX_DAYS}, not {days}.")
        user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with e-mail address {email!r}.")
        _token, key = do_issue_api_token(user, label=label, days=days, acting_user=None)
        self.stdout.write(key)
