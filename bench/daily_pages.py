"""The pages a person uses daily, timed on the demo (issue 14: they should answer within 300 ms).

    .venv/bin/python bench/daily_pages.py [--runs 15]

Loads the demo into a throw-away database (Django's test database machinery; SQLite unless
NIK_DATABASE_URL names another), then requests each page in-process with Django's test client,
as the demo person who uses it, and prints per page the median and slowest time and the number of
queries. In-process: the time of Django and the database, without a web server or the network.
Not a test: the figures go in docs/performance.md and the notes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nik.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PASSWORD = "nik-demo-2026"


def pages() -> list[tuple[str, str, str]]:
    """(what, who, path) for the daily pages of the demo."""
    from nik.families.models import Family

    family = Family.objects.get(portal_users__email="parent@holland-rijnland.example")
    hr = "/regions/holland-rijnland"
    coordinator = "coordinator@holland-rijnland.example"
    return [
        ("start page (coordinator)", coordinator, "/"),
        ("family record", coordinator, f"/families/{family.pk}/"),
        ("care plan", coordinator, f"/families/{family.pk}/plan/"),
        ("families list", coordinator, "/families/"),
        ("referrals", coordinator, f"{hr}/referrals/"),
        ("stakeholder page", coordinator, f"{hr}/network/stakeholders/"),
        ("region overview", coordinator, f"{hr}/"),
        ("start page (case manager)", "casemanager@holland-rijnland.example", "/"),
        ("parent's page", "parent@holland-rijnland.example", f"/families/{family.pk}/"),
        ("parent's plan", "parent@holland-rijnland.example", f"/families/{family.pk}/plan/"),
        ("public front", "", "/"),
        ("wegwijzer search", "", "/wegwijzer/?q=logeren"),
    ]


def timed(run, runs: int) -> tuple[float, float, int]:
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            run()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    return statistics.median(times), max(times), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.test import Client
    from django.test.utils import override_settings

    from nik.core.models import User
    from nik.home import demo

    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False, STORAGES=storages):
            demo.load()
            for user in User.objects.filter(email__endswith=".example"):
                user.set_password(PASSWORD)
                user.save()
            print(f"{'page':30} {'median ms':>10} {'slowest':>8} {'queries':>8}")

            def log_in() -> None:
                Client().post(
                    "/accounts/login/",
                    {"login": "casemanager@holland-rijnland.example", "password": PASSWORD},
                    secure=True,
                )

            median, slowest, queries = timed(log_in, max(3, args.runs // 3))
            print(f"{'log in (password check)':30} {median:10.0f} {slowest:8.0f} {queries:8}")
            clients: dict[str, Client] = {}
            for what, who, path in pages():
                if who not in clients:
                    clients[who] = Client()
                    if who:
                        person = User.objects.get(email=who)
                        if person.needs_second_factor() and not is_mfa_enabled(person):
                            TOTP.activate(person, generate_totp_secret())  # as if enrolled
                        clients[who].force_login(person)
                client = clients[who]

                def get(client: Client = client, path: str = path) -> None:
                    response = client.get(path, secure=True)
                    assert response.status_code == 200, (path, response.status_code)

                median, slowest, queries = timed(get, args.runs)
                print(f"{what:30} {median:10.0f} {slowest:8.0f} {queries:8}")
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
