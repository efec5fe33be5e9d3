"""How long a full stakeholder import takes, next to openpyxl's own read of the same file.

    NIK_DATABASE_URL=postgres://... python bench/import_speed.py [--rows 5000]

Builds a sheet of ``--rows`` good rows (at most the import's limit, docs/formats/limits.md) for
the first region with organisations, reads it with openpyxl alone (read-only, values only, as
the import reads it), then runs the whole import (check every row, write them, one audit
event) in a transaction that is rolled back, so the database is left as it was. Prints the
best of three of each and their ratio. Not a test: the figures belong to a machine
(docs/performance.md).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class _RollBack(Exception):
    pass


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nik.settings")
    import django

    django.setup()
    from django.db import transaction
    from openpyxl import load_workbook

    from nik.core.limits import MAX_ROWS
    from nik.core.models import Membership, Region, Role
    from nik.core.xlsx import write_table
    from nik.network.actions import do_import_stakeholders
    from nik.network.excel import STAKEHOLDER_COLUMNS

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=MAX_ROWS)
    args = parser.parse_args(argv)

    region = Region.objects.filter(organizations__isnull=False).order_by("pk").first()
    if region is None:
        raise SystemExit("No region with organisations: run `make bench` first.")
    user = Membership.objects.filter(region=region, role=Role.COORDINATOR).first().user  # type: ignore[union-attr]
    names = list(region.organizations.values_list("name", flat=True)[:200])
    start = date(2020, 1, 1)
    rows = [
        [
            names[i % len(names)],
            f"Persoon {i}",
            start + timedelta(days=i // len(names)),
            1 + i % 5,
            1 + (i // 5) % 5,
            1 + (i // 25) % 5,
            5 - i % 5,
            f"Actie {i}",
        ]
        for i in range(args.rows)
    ]
    began = time.perf_counter()
    data = write_table("Stakeholders", STAKEHOLDER_COLUMNS, rows)
    written_s = time.perf_counter() - began

    def read() -> None:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for _row in workbook.worksheets[0].iter_rows(values_only=True):
            pass
        workbook.close()

    def run_import() -> None:
        try:
            with transaction.atomic():
                report = do_import_stakeholders(region, io.BytesIO(data), acting_user=user)
                assert report.imported == args.rows, report.errors[:3]
                raise _RollBack
        except _RollBack:
            pass

    def best(action: object) -> float:
        times = []
        for _ in range(3):
            began = time.perf_counter()
            action()  # type: ignore[operator]
            times.append(time.perf_counter() - began)
        return min(times)

    openpyxl_s, import_s = best(read), best(run_import)
    print(
        f"{args.rows} rows ({len(data) // 1024} KB): openpyxl read {openpyxl_s:.2f} s, "
        f"whole import {import_s:.2f} s = {import_s / openpyxl_s:.1f} x openpyxl; "
        f"writing the sheet (as every .xlsx export does) {written_s:.2f} s"
    )


if __name__ == "__main__":
    main()
