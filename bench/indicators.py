"""Recomputing every indicator, timed per formula (issue 16: how long for 100,000 families).

    NIK_DATABASE_URL=postgres://…/bench100k .venv/bin/python bench/indicators.py [--quarters 8]

Runs on a database the generator filled (`bench/generate.py`); it writes the indicator values
there (what the daily task does) and prints, per formula, the time for all regions and quarters,
then the total. Not a test: the figures go in docs/performance.md and the notes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nik.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from nik.core.models import Region  # noqa: E402
from nik.families.models import Family  # noqa: E402
from nik.monitoring.actions import do_recompute  # noqa: E402
from nik.monitoring.formulas import FORMULAS  # noqa: E402
from nik.monitoring.periods import Period  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quarters", type=int, default=8)
    args = parser.parse_args()
    now = timezone.now()
    regions = list(Region.objects.all())
    periods = Period.of(timezone.localdate()).last(args.quarters)
    print(f"{Family.objects.count()} families in {len(regions)} regions, {args.quarters} quarters")
    spent: dict[str, float] = defaultdict(float)
    for formula in FORMULAS:
        for region in regions:
            for period in periods[-1:] if formula.snapshot else periods:
                started = time.perf_counter()
                formula.compute(region, period, now)
                spent[formula.key] += time.perf_counter() - started
    for key, seconds in spent.items():
        print(f"{key:26} {seconds:8.2f} s")
    started = time.perf_counter()
    written = do_recompute(regions, quarters=args.quarters, now=now)
    print(f"do_recompute (all, stored): {written} values in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
