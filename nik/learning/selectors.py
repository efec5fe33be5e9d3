"""What pages read of learning: the catalogue a region sees, and expertise coverage — computed
from attendance, never typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from nik.core.models import DisciplineCode, Professional, Region

from .models import TAKING_A_PLACE, Course, Enrolment, EnrolmentStatus, Session, TrainingNeed


def courses_for(region: Region) -> QuerySet[Course]:
    """The region's own courses and the national ones."""
    return Course.objects.filter(Q(region=region) | Q(region__isnull=True))


def upcoming(region: Region) -> QuerySet[Session]:
    """Sessions held in the region from today on, with their places taken counted."""
    return (
        Session.objects.filter(region=region, ends_at__gte=timezone.now())
        .select_related("course")
        .annotate(taken=Count("enrolments", filter=Q(enrolments__status__in=TAKING_A_PLACE)))
        .annotate(waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING)))
        .order_by("starts_at", "pk")
    )


@dataclass
class Coverage:
    """How many of the region's professionals completed the basic course."""

    total: int
    done: int
    by_discipline: list[tuple[str, int, int]] = field(default_factory=list)
    by_organisation: list[tuple[str, int, int]] = field(default_factory=list)
    missing: list[Any] = field(default_factory=list)

    @property
    def share(self) -> int:
        """Percentage, rounded down (60 % means at least 60 %)."""
        return self.done * 100 // self.total if self.total else 0


def _completed() -> Exists:
    return Exists(
        Enrolment.objects.filter(
            professional=OuterRef("pk"),
            status=EnrolmentStatus.ATTENDED,
            session__course__basic=True,
        )
    )


def coverage(region: Region, *, detail: bool = False, with_missing: bool = False) -> Coverage:
    """Computed in a fixed number of queries, however large the register: two for the share,
    two more for the parts per discipline and organisation, one for who has not followed it."""
    people = Professional.objects.filter(region=region).annotate(completed=_completed())
    # Counted from the attendance side: the people who followed the course are few beside a
    # register of thousands, and asking each register entry "did you?" walks the whole register.
    done = (
        Enrolment.objects.filter(
            professional__region=region,
            status=EnrolmentStatus.ATTENDED,
            session__course__basic=True,
        )
        .values("professional")
        .distinct()
        .count()
    )
    found = Coverage(total=Professional.objects.filter(region=region).count(), done=done)
    if not (detail or with_missing):
        return found
    by_discipline = (
        people.filter(disciplines__isnull=False)
        .values("disciplines__code")
        .annotate(
            total=Count("pk", distinct=True),
            done=Count("pk", filter=Q(completed=True), distinct=True),
        )
        .order_by("disciplines__code")
    )
    labels = dict(DisciplineCode.choices)
    found.by_discipline = [
        (
            str(labels.get(row["disciplines__code"], row["disciplines__code"])),
            row["done"],
            row["total"],
        )
        for row in by_discipline
    ]
    by_organisation = (
        people.values("organization__name")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(completed=True)))
        .order_by("organization__name")
    )
    found.by_organisation = [
        (row["organization__name"], row["done"], row["total"]) for row in by_organisation
    ]
    if with_missing:
        found.missing = list(
            people.filter(completed=False).select_related("organization").order_by("full_name")
        )
    return found


def my_enrolments(user: Any) -> QuerySet[Enrolment]:
    """A person's own enrolments, through their register entries (one per region)."""
    return (
        Enrolment.objects.filter(professional__user=user)
        .select_related("session__course", "session__region", "professional")
        .order_by("-session__starts_at")
    )


def needs_of(region: Region) -> list[dict[str, Any]]:
    """The needs named for the region, the same topic counted once with how often it was named."""
    rows = (
        TrainingNeed.objects.filter(region=region)
        .values("topic", "source")
        .annotate(times=Count("pk"))
        .order_by("-times", "topic")
    )
    return [dict(row) for row in rows]
