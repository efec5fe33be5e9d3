"""The twice-yearly signals report of the knowledge centre: per theme, how many reports each
region passed on and how many families they concern (the small-number rule with secondary
suppression over the table), the national issues with their actions, and what was not taken up.
As PDF (WeasyPrint) and .xlsx."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nik.core.models import Region
from nik.core.xlsx import write_tables
from nik.monitoring import small

from .models import NationalIssue, Passed, Theme

LEGEND = gettext_lazy(
    "× hidden: fewer than 5 families, or hidden so that such a number cannot be worked out from "
    "the totals."
)


@dataclass
class Half:
    year: int
    half: int  # 1: January–June, 2: July–December

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 7, 1) if self.half == 1 else date(self.year + 1, 1, 1)

    @property
    def label(self) -> str:
        return (
            _("first half of %(year)s") % {"year": self.year}
            if self.half == 1
            else _("second half of %(year)s") % {"year": self.year}
        )

    @classmethod
    def last(cls) -> Half:
        today = timezone.localdate()
        return cls(today.year, 1) if today.month > 6 else cls(today.year - 1, 2)


@dataclass
class SignalsReport:
    half: Half
    regions: list[Region]
    themes: list[tuple[str, str]]
    reports: dict[tuple[str, int], int]  # (theme, region) → reports passed on
    families: dict[tuple[str, int], Any]  # (theme, region) → families, suppressed
    families_by_theme: dict[str, Any]
    families_by_region: dict[int, Any]
    families_all: Any
    issues: list[NationalIssue]
    not_taken_up: list[Passed]

    @property
    def filename(self) -> str:
        return f"signalen-{self.half.year}-h{self.half.half}"


def build(half: Half) -> SignalsReport:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(half.start, time.min), zone)
    end = timezone.make_aware(datetime.combine(half.end, time.min), zone)
    passed = list(
        Passed.objects.filter(passed_at__gte=start, passed_at__lt=end).select_related("region")
    )
    regions = list(Region.objects.order_by("name"))
    themes = [(t, str(label)) for t, label in Theme.choices]
    reports = Counter((p.theme, p.region_id) for p in passed)
    counts: Counter[tuple[str, int]] = Counter()
    for p in passed:
        counts[(p.theme, p.region_id)] += p.families
    cells = {(t, r.pk): counts.get((t, r.pk), 0) for t, _l in themes for r in regions}
    shown, by_theme, by_region, everything = small.table(cells, exact=False)
    issues = list(
        NationalIssue.objects.filter(reports__in=passed)
        .distinct()
        .prefetch_related("actions", "reports__region")
        .order_by("theme", "title")
    )
    return SignalsReport(
        half, regions, themes, dict(reports), shown, by_theme, by_region, everything, issues,
        [p for p in passed if p.not_taken_up],
    )  # fmt: skip


def pdf(report: SignalsReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("signals/report.html", {"report": report})).write_pdf()


def xlsx(report: SignalsReport) -> bytes:
    names = [r.name for r in report.regions]
    cell = small.in_table
    by_theme = [
        [
            label,
            *(cell(report.families[(t, r.pk)]) for r in report.regions),
            cell(report.families_by_theme[t]),
        ]
        for t, label in report.themes
    ]
    by_theme.append(
        [
            _("All themes"),
            *(cell(report.families_by_region[r.pk]) for r in report.regions),
            cell(report.families_all),
        ]
    )
    by_theme.append([str(LEGEND)])
    reports = [
        [label, *(report.reports.get((t, r.pk), 0) for r in report.regions)]
        for t, label in report.themes
    ]
    actions = [
        [
            issue.title,
            str(issue.get_theme_display()),
            a.description,
            str(a.get_status_display()),
            a.on,
        ]
        for issue in report.issues
        for a in issue.actions.all()
    ]
    return write_tables(
        [
            (_("Families per theme"), [_("Theme"), *names, _("Total")], by_theme, [30]),
            (_("Reports per theme"), [_("Theme"), *names], reports, [30]),
            (_("National actions"), [_("Issue"), _("Theme"), _("Action"), _("Status"), _("Date")],
             actions, [36, 24, 50, 12, 12]),
            (_("Not taken up"), [_("Region"), _("Theme"), _("Why")],
             [[p.region.name, str(p.get_theme_display()), p.not_taken_up] for p in report.not_taken_up],
             [24, 24, 80]),
        ]
    )  # fmt: skip
