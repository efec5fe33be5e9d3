"""Training in the demo: the knowledge centre's national courses; in the first network a year of
sessions with the basic course followed by 60% of its professionals and a full session with a
waiting list; elsewhere one coming basic course each."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from nik.core.calendar import working_day_near
from nik.core.models import Professional, Region

from .models import (
    Course,
    CourseKind,
    Enrolment,
    EnrolmentStatus,
    NeedSource,
    PlannedTraining,
    Session,
    TrainingNeed,
    TrainingPlan,
    TrainingPlanStatus,
)

KNOWLEDGE_CENTRE = "Kenniscentrum Kinderpalliatieve Zorg"
NATIONAL = [
    ("Basiscursus zorg voor ernstig zieke kinderen (3 dagen)", CourseKind.COURSE, 18, 18, True),
    ("Verdiepingstraining complexe zorg thuis", CourseKind.COURSE, 8, 8, False),
    ("E-learning zorg voor ernstig zieke kinderen", CourseKind.ELEARNING, 4, 4, False),
    ("Training GIZ: samen zorgbehoeften inschatten", CourseKind.COURSE, 6, 6, False),
]


def _at(day: int, hour: int) -> datetime:
    today = timezone.localdate()
    base = working_day_near(today + timedelta(days=day), today=today)
    return timezone.make_aware(datetime.combine(base, time(hour, 0)))


def _session(course: Course, region: Region, day: int, capacity: int, place: str) -> Session:
    return Session.objects.create(
        course=course,
        region=region,
        starts_at=_at(day, 9),
        ends_at=_at(day, 16),
        place=place,
        capacity=capacity,
        trainer="Trainer van het kenniscentrum" if course.region_id is None else "",
    )


def populate(regions: list[Region], seed: int) -> None:
    rng = random.Random(seed)
    courses = {
        title: Course.objects.create(
            title=title,
            kind=kind,
            provider=KNOWLEDGE_CENTRE,
            hours=hours,
            points=points,
            basic=basic,
        )
        for title, kind, hours, points, basic in NATIONAL
    }
    basic = next(c for c in courses.values() if c.basic)
    for region in regions:
        people = list(Professional.objects.filter(region=region).order_by("pk"))
        if region.slug != "holland-rijnland":
            coming = _session(basic, region, rng.randint(20, 60), 20, f"{region.hospital}")
            for person in people[:3]:
                Enrolment.objects.create(session=coming, professional=person)
            continue
        own = Course.objects.create(
            region=region,
            title="Casuïstiek in het netwerk: samen leren van gezinnen",
            kind=CourseKind.INTERVISION,
            provider=region.name,
            hours=2,
        )
        # A year of the basic course: 60% of the professionals came.
        followed = people[: (len(people) * 6 + 9) // 10]
        for number, group in enumerate([followed[i::3] for i in range(3)]):
            held = _session(basic, region, -330 + number * 120, 25, region.hospital)
            for person in group:
                Enrolment.objects.create(
                    session=held, professional=person, status=EnrolmentStatus.ATTENDED
                )
        # A full session coming up, with two on the waiting list.
        rest = people[len(followed) :]
        full = _session(basic, region, 21, min(8, max(1, len(rest) - 2)), region.hospital)
        for i, person in enumerate(rest[: full.capacity + 2]):
            Enrolment.objects.create(
                session=full,
                professional=person,
                status=EnrolmentStatus.ENROLLED if i < full.capacity else EnrolmentStatus.WAITING,
            )
        giz = courses["Training GIZ: samen zorgbehoeften inschatten"]
        _session(giz, region, 45, 16, "Online")
        _session(own, region, 10, 12, "Leiden, vergaderzaal")
        _training_plan(region, basic, giz)


NEEDS = [
    ("De basiscursus voor nieuwe collega's", NeedSource.MEMBER),
    ("Samen met ouders de zorgbehoefte inschatten (GIZ)", NeedSource.MEMBER),
    ("De basiscursus voor nieuwe collega's", NeedSource.MEMBER),
    ("Rouw bij broers en zussen herkennen", NeedSource.MEMBER),
    ("Beter luisteren naar wat ons kind zelf wil", NeedSource.FAMILY),
]


def _training_plan(region: Region, basic: Course, giz: Course) -> None:
    needs = [TrainingNeed.objects.create(region=region, topic=t, source=s) for t, s in NEEDS]
    plan = TrainingPlan.objects.create(
        region=region,
        year=timezone.localdate().year,
        number=1,
        status=TrainingPlanStatus.APPROVED,
        note="Iedereen de basiscursus; daarna samen met ouders leren inschatten wat nodig is.",
        approved_at=timezone.now() - timedelta(days=200),
    )
    PlannedTraining.objects.bulk_create(
        [
            PlannedTraining(
                plan=plan,
                what="Basiscursus, drie groepen",
                course=basic,
                need=needs[0],
                month=2,
                amount=13500,
            ),
            PlannedTraining(
                plan=plan, what="GIZ-training", course=giz, need=needs[1], month=9, amount=2400
            ),
            PlannedTraining(
                plan=plan,
                what="Themabijeenkomst luisteren naar kinderen",
                need=needs[4],
                month=11,
                amount=600,
            ),
        ]
    )
