"""Periods an indicator is measured over: quarters (the steering group's rhythm), months and years.

A period is half-open, [start, end), in local time; its label is written the reader's way
("K3 2026" in Dutch, "Q3 2026" in English)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KINDS = [
    (MONTH, gettext_lazy("month")),
    (QUARTER, gettext_lazy("quarter")),
    (YEAR, gettext_lazy("year")),
]
_LENGTH = {MONTH: 1, QUARTER: 3, YEAR: 12}


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    start: date

    @classmethod
    def of(cls, day: date, kind: str = QUARTER) -> Period:
        if kind == YEAR:
            return cls(kind, date(day.year, 1, 1))
        if kind == QUARTER:
            return cls(kind, date(day.year, 3 * ((day.month - 1) // 3) + 1, 1))
        return cls(kind, date(day.year, day.month, 1))

    @property
    def end(self) -> date:
        """The first day after the period."""
        return self.start + relativedelta(months=_LENGTH[self.kind])

    def previous(self, n: int = 1) -> Period:
        return Period(self.kind, self.start - relativedelta(months=_LENGTH[self.kind] * n))

    def last(self, n: int) -> list[Period]:
        """This period and the n - 1 before it, oldest first."""
        return [self.previous(i) for i in range(n - 1, -1, -1)]

    def bounds(self) -> tuple[datetime, datetime]:
        """Start and end as aware datetimes (local midnight)."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )

    def is_current(self, today: date | None = None) -> bool:
        return self.start <= (today or timezone.localdate()) < self.end

    @property
    def number(self) -> int:
        """The quarter's number (1 to 4), or the month's."""
        return (self.start.month - 1) // 3 + 1 if self.kind == QUARTER else self.start.month

    @property
    def label(self) -> str:
        if self.kind == YEAR:
            return str(self.start.year)
        if self.kind == QUARTER:
            return _("Q%(q)s %(year)s") % {
                "q": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        from django.utils.formats import date_format

        return date_format(self.start, "F Y")
