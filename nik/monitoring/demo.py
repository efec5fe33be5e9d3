"""Monitoring in the demo: in Holland Rijnland a year of survey answers (30 from families, 60 from
professionals, with their invitations) and two self-assessment rounds; then every region's
indicators computed from the records and the answers."""

from __future__ import annotations

from django.utils import timezone

from nik.core.models import Region, User

from .actions import do_recompute
from .periods import Period


def populate(regions: list[Region], coordinator: User) -> None:
    big = next(r for r in regions if r.slug == "holland-rijnland")
    _surveys(big)
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


def _surveys(region: Region) -> None:
    """Answers spread over the last four quarters, better quarter by quarter; invitations so the
    response rates are real (the demo's links are used or long expired)."""
    import hashlib
    import random
    from datetime import datetime, time, timedelta

    from .models import Invitation, Response

    rng = random.Random(1616)
    quarters = Period.of(timezone.localdate()).last(4)
    for instrument, per_quarter, invited in (("families", 8, 12), ("professionals", 15, 24)):
        for q, period in enumerate(quarters):
            count = per_quarter - (2 if instrument == "families" and q == 0 else 0)
            days = (min(period.end, timezone.localdate()) - period.start).days or 1
            for n in range(invited):
                created = timezone.make_aware(
                    datetime.combine(period.start + timedelta(days=n % days), time(10))
                )
                Invitation.objects.create(
                    region=region, instrument=instrument, version=1,
                    token_hash=hashlib.sha256(f"demo:{instrument}:{q}:{n}".encode()).hexdigest(),
                    created_at=created, expires_at=created + timedelta(days=30), used=n < count,
                )  # fmt: skip
            for _n in range(count):
                day = period.start + timedelta(days=rng.randrange(days))
                if instrument == "families":
                    fit = min(10, max(4, round(rng.gauss(7.2 + 0.3 * q, 1.2))))
                    answers = {
                        "overall": min(10, fit + rng.choice([0, 0, 1])),
                        "fit": fit,
                        "heard": rng.choice([3, 4, 4, 5]),
                        "whom_to_call": rng.choice(["yes", "yes", "yes", "partly", "no"]),
                    }
                else:
                    good = rng.random() < 0.78 + 0.04 * q
                    answers = {
                        k: rng.choice([4, 5]) if good else rng.choice([2, 3, 4])
                        for k in ("coordinated", "efficient", "quality", "know_network")
                    }
                Response.objects.create(
                    region=region, instrument=instrument, version=1, submitted_on=day,
                    answers=answers,
                )  # fmt: skip
