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
    _omk(big, coordinator)
    do_recompute(regions)


def _omk(region: Region, coordinator: User) -> None:
    """Two closed rounds a year apart: the young network's clusters grew most."""
    import random
    from datetime import timedelta

    from nik.core.models import Membership, Role

    from .models import OmkAnswer, OmkRound
    from .omk import CLUSTERS

    rng = random.Random(16)
    people = [
        m.user
        for m in Membership.objects.filter(
            region=region, role__in=Role.in_network()
        ).select_related("user")
    ]
    today = timezone.localdate()
    for opened, base in ((today - timedelta(days=400), 0.3), (today - timedelta(days=30), 0.55)):
        found = OmkRound.objects.create(
            region=region, opened_on=opened, closed_on=opened + timedelta(days=21),
            opened_by=coordinator,
        )  # fmt: skip
        answers = []
        for person in people:
            for cluster in CLUSTERS:
                chance = base + (0.2 if cluster.young and base > 0.5 else 0)
                for i in range(len(cluster.elements)):
                    relevant = rng.random() < 0.9
                    present = relevant and rng.random() < chance
                    answers.append(
                        OmkAnswer(
                            round=found,
                            respondent=person,
                            element=f"{cluster.key}.{i}",
                            relevant=relevant,
                            present=present,
                            planned=relevant and not present and rng.random() < 0.5,
                        )
                    )
        OmkAnswer.objects.bulk_create(answers)
