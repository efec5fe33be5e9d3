"""Monitoring in the demo: the indicators computed from the demo's records, and in Holland
Rijnland the two survey indicators typed in for the last four quarters (the survey engine is still
to come), marked as typed with their source."""

from __future__ import annotations

from django.utils import timezone

from nik.core.models import Region, User

from .actions import do_recompute, do_type_value
from .periods import Period

SURVEYS = {
    "family_rating": ([7.4, 7.6, 7.9, 8.1], "Enquête onder gezinnen, kwartaalronde"),
    "professional_experience": ([84.0, 86.0, 88.0, 91.0], "Enquête onder netwerkleden"),
}


def populate(regions: list[Region], coordinator: User) -> None:
    big = next(r for r in regions if r.slug == "holland-rijnland")
    quarters = Period.of(timezone.localdate()).last(4)
    for key, (values, source) in SURVEYS.items():
        for period, value in zip(quarters, values, strict=True):
            do_type_value(
                big,
                key=key,
                period_start=period.start,
                value=value,
                source=source,
                acting_user=coordinator,
            )
    do_recompute(regions)
