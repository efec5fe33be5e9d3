"""The roadmap of the first network: steps under way, reflections, fifteen milestones (two late)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nik.core.models import Region, User

from .models import (
    Milestone,
    MilestoneStatus,
    ReflectionAnswer,
    RoadmapStep,
    StepStatus,
    ensure_defaults,
)

MILESTONES = [
    ("Vraagstuk gedeeld met ouders", "Vraagstuk vastgesteld", "done", False),
    ("Foto van de regio", "Register en stakeholderanalyse", "done", False),
    ("Doelgroep vastgesteld", "Doelgroep versie 1", "done", True),
    ("Plan van aanpak besproken", "Conceptplan in de stuurgroep", "done", True),
    ("Samenwerkingsovereenkomst getekend", "Tien partners tekenen", "done", True),
    ("Kick-off", "Startbijeenkomst met bestuur en uitvoering", "done", False),
    ("Basiscursus gevolgd", "Netwerkleden volgden de basiscursus", "done", False),
    ("GIZ-training", "Casemanagers getraind in GIZ", "in_progress", False),
    ("Folder voor ouders", "Folder getest met twee ouders", "in_progress", False),
    ("Wegwijzer online", "Wegwijzer met 40 diensten", "in_progress", False),
    ("Eerste spiegelgesprek", "Verslag met verbeterpunten", "planned", False),
    ("Evaluatie met de stuurgroep", "Besluit over verbreding", "planned", True),
    ("Privacyafspraken vastgelegd", "Afspraken over gegevensuitwisseling", "planned", True),
    ("Tweede ronde scholing", "Scholingsplan jaar 2", "planned", False),
    ("Verbreding doelgroep", "Chronisch zieke kinderen ingestroomd", "planned", False),
]


def _plan(region: Region, coordinator: User, steering: User | None) -> None:
    from django.utils import timezone as tz

    from .models import PlanOfApproach, PlanStatus

    group = region.target_groups.order_by("-version").first()
    common = {
        "scope": "Holland Rijnland: Zuid-Holland Noord, Midden-Holland, Haaglanden en Delft-Westland-Oostland.",
        "partners": "LUMC en Kinder Comfort Team, algemene ziekenhuizen, kinderthuiszorg, huisartsen, jeugdgezondheidszorg, ouderorganisaties.",
        "results_short": "Eén aanspreekpunt; register en wegwijzer; eerste tien gezinnen met een casemanager.",
        "results_long": "Elk gezin met een ernstig ziek kind in de regio krijgt vanaf de diagnose één plan en één team.",
        "milestones_summary": "Zie de mijlpalenplanning.",
        "monitoring": "De vijf indicatoren: oordeel van gezinnen, ervaren samenhang, deskundigheid, aantal kinderen, eerste contact binnen twee werkdagen.",
        "target_group": group,
    }
    budget = [
        {
            "item": "Netwerkcoördinator 16 uur per week",
            "amount": "42000.00",
            "paid_by": "Zorgverzekeraar",
        },
        {"item": "Scholing en bijeenkomsten", "amount": "8000.00", "paid_by": "Partners samen"},
    ]
    PlanOfApproach.objects.create(
        region=region,
        number=1,
        status=PlanStatus.SUPERSEDED,
        goal="Zorg voor ernstig zieke kinderen beter organiseren in de regio.",
        budget=budget,
        created_by=coordinator,
        approved_by=steering,
        approved_at=tz.now() - timedelta(days=500),
        **common,
    )
    PlanOfApproach.objects.create(
        region=region,
        number=2,
        status=PlanStatus.APPROVED,
        goal="Elk gezin met een ernstig of chronisch ziek kind kan vanaf de diagnose rekenen op samenhangende zorg.",
        budget=budget
        + [
            {
                "item": "Spiegelgesprekken met ouders",
                "amount": "3000.00",
                "paid_by": "Kenniscentrum",
            }
        ],
        created_by=coordinator,
        approved_by=steering,
        approved_at=tz.now() - timedelta(days=60),
        **common,
    )


def _kick_off(region: Region, coordinator: User, today) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, time

    from .models import ActionItem, Event, EventKind

    start = timezone.make_aware(datetime.combine(today - timedelta(days=300), time(15, 0)))
    event = Event.objects.create(
        region=region,
        kind=EventKind.KICK_OFF,
        title="Kick-off NIK Holland Rijnland",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        location="LUMC, Leiden",
        description="Elkaar ontmoeten, het doel delen, samen beginnen.",
        outcomes="Iedereen tekent mee aan de samenwerking; een ouder sluit aan bij de projectgroep.",
    )
    people = list(region.professionals.order_by("pk")[:25])
    event.invitees.set(people)
    event.attendees.set(people[:18])
    ActionItem.objects.create(
        event=event,
        what="Folder voor ouders laten testen",
        owner=coordinator,
        due=today + timedelta(days=4),
    )


def populate(region: Region, coordinator: User, steering: User | None = None) -> None:
    ensure_defaults(region)
    _plan(region, coordinator, steering)
    today = timezone.localdate()
    statuses = {
        1: StepStatus.DONE,
        2: StepStatus.DONE,
        3: StepStatus.REVISIT,
        4: StepStatus.DONE,
        5: StepStatus.IN_PROGRESS,
        6: StepStatus.DONE,
        7: StepStatus.IN_PROGRESS,
        8: StepStatus.IN_PROGRESS,
    }
    for number, status in statuses.items():
        RoadmapStep.objects.filter(region=region, number=number).update(status=status)
    step1 = RoadmapStep.objects.get(region=region, number=1)
    ReflectionAnswer.objects.create(
        step=step1,
        question=0,
        answer="Twee moeders vertelden hoeveel tijd het regelen kost; dat is nu de kern van ons vraagstuk.",
        answered_on=today - timedelta(days=400),
        by=coordinator,
    )
    step2 = RoadmapStep.objects.get(region=region, number=2)
    ReflectionAnswer.objects.create(
        step=step2,
        question=3,
        answer="Er ontbreken nog een kinderhospice en onderwijsondersteuning.",
        answered_on=today - timedelta(days=30),
        by=coordinator,
    )
    _kick_off(region, coordinator, today)
    late = 0
    for i, (title, result, status, critical) in enumerate(MILESTONES):
        due = today - timedelta(days=420 - i * 40)
        if status == MilestoneStatus.IN_PROGRESS and late < 2:
            due, late = today - timedelta(days=10 + late * 20), late + 1
        elif status != MilestoneStatus.DONE:
            due = today + timedelta(days=30 + i * 15)
        Milestone.objects.create(
            region=region,
            title=title,
            result=result,
            owner="Netwerkcoördinator" if i % 2 else "Projectgroep",
            start=due - timedelta(days=45),
            due=due,
            status=status,
            critical=critical,
        )
