"""The roadmap of the first network: steps under way, reflections, fifteen milestones (two late)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from nik.core.calendar import working_day_near
from nik.core.demo import working_time
from nik.core.models import Region, User

from . import actions
from .models import (
    Milestone,
    MilestoneStatus,
    ReflectionAnswer,
    RoadmapStep,
    StepStatus,
    ensure_defaults,
)

MILESTONES: list[tuple[str, str, str, bool]] = [
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

    # Each version of the plan was approved with the target group of its time.
    groups = list(region.target_groups.order_by("version"))
    first_group, last_group = (groups[0], groups[-1]) if groups else (None, None)
    common = {
        "scope": "Holland Rijnland: Zuid-Holland Noord, Midden-Holland, Haaglanden en Delft-Westland-Oostland.",
        "partners": "LUMC en Kinder Comfort Team, algemene ziekenhuizen, kinderthuiszorg, huisartsen, jeugdgezondheidszorg, ouderorganisaties.",
        "results_short": "Eén aanspreekpunt; register en wegwijzer; eerste tien gezinnen met een casemanager.",
        "results_long": "Elk gezin met een ernstig ziek kind in de regio krijgt vanaf de diagnose één plan en één team.",
        "milestones_summary": "Zie de mijlpalenplanning.",
        "monitoring": "De vijf indicatoren: oordeel van gezinnen, ervaren samenhang, deskundigheid, aantal kinderen, eerste contact binnen twee werkdagen.",
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
        target_group=first_group,
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
        target_group=last_group,
        **common,
    )


def _kick_off(region: Region, coordinator: User, today: date) -> None:
    from datetime import datetime, time

    from .models import ActionItem, Event, EventKind

    day = working_day_near(today - timedelta(days=300), today=today)
    start = timezone.make_aware(datetime.combine(day, time(15, 0)))
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


ROUTING = """Een aanmelding komt binnen bij het centrale aanspreekpunt: telefoon, formulier of verwijzer.
De coördinator neemt binnen twee werkdagen contact op met het gezin.
We kijken of het kind bij de doelgroep past; zo niet, dan verwijzen we warm door.
Ouders geven toestemming voor het delen van gegevens; dat leggen we vast.
De coördinator wijst een casemanager toe en stelt met het gezin het team samen.
De casemanager brengt met het gezin de behoeften in kaart (GIZ) en maakt het eerste zorgplan.
Het plan wordt met het gezin besproken en minstens elk half jaar bijgesteld."""

PRINCIPLES = """Kind, ouders en broers en zussen staan centraal en houden de regie.
We gaan uit van het leven thuis en in het eigen netwerk, en van wat het kind wél kan.
Eén gezin, één plan, vanaf de diagnose, met alle disciplines rond het gezin.
Functies van het netwerk: casemanagement, samenwerking en overleg, advies aan zorgverleners, en een wegwijzer."""

PARTY_TEXT = [
    ("Levert de casemanager voor gezinnen uit het ziekenhuis", "Neemt deel aan de projectgroep"),
    ("Verpleegkundige zorg thuis", "Meldt signalen bij de casemanager"),
    ("Medisch aanspreekpunt thuis", "Denkt mee in het zorgplan"),
    ("Coördinatie van het netwerk", "Houdt het register en de wegwijzer bij"),
    ("Stem van ouders", "Toetst folders en producten"),
]


def _agreement(region: Region, coordinator: User, today: date) -> None:
    from decimal import Decimal

    from nik.core.models import Organization

    from .models import (
        Agreement,
        AgreementChange,
        AgreementParty,
        AgreementReview,
        ProjectRole,
        Proposal,
        ProposalStatus,
        ReviewLevel,
        StructurePart,
    )

    signed = today - timedelta(days=380)
    agreement = Agreement.objects.create(
        region=region,
        principles=PRINCIPLES,
        working_method=(
            "De netwerkcoördinator (jeugdgezondheidszorg) houdt het overzicht en is het aanspreekpunt. "
            "Casemanagers komen uit het ziekenhuis en de kinderthuiszorg. Elke partner heeft één vaste "
            "contactpersoon en een ambassadeur die het netwerk in de eigen organisatie bekend maakt."
        ),
        routing=ROUTING,
        financing=(
            "Uren voor casemanagement worden per gezin vergoed uit de zorgverzekering; "
            "uren voor overleg en scholing brengt elke partner zelf in. Onkosten van ouders in de "
            "projectgroep worden vergoed."
        ),
        signed_on=signed,
        review_months=6,
        next_review=today + timedelta(days=4),
        updated_by=coordinator,
    )
    from django.db.models import Count

    organizations = list(
        Organization.objects.filter(region=region)
        .annotate(staff=Count("professionals"))
        .filter(staff__gte=2)
        .prefetch_related("professionals")
        .order_by("pk")[:10]
    )
    people = []
    for i, org in enumerate(organizations):
        staff = list(org.professionals.all())
        role, task = PARTY_TEXT[i % len(PARTY_TEXT)]
        AgreementParty.objects.create(
            agreement=agreement,
            organization=org,
            contact_person=staff[0] if staff else None,
            ambassador=staff[1] if len(staff) > 1 else (staff[0] if staff else None),
            roles=role,
            tasks=task,
            authority="Besluit over de inzet van eigen medewerkers",
            hours_per_month=Decimal(8 + (i % 4) * 4),
            money=Decimal(2500 * (i % 3)),
            signed_on=signed,
        )
        people.extend(staff[:2])
    actions.mark_named_people(region)
    for part, chosen in (
        (StructurePart.COORDINATOR, people[:1]),
        (StructurePart.STEERING, people[2:5]),
        (StructurePart.PROJECT_GROUP, people[5:10]),
    ):
        for person in chosen:
            ProjectRole.objects.create(
                agreement=agreement,
                part=part,
                person=person,
                task={
                    StructurePart.COORDINATOR: "Trekker; bereidt besluiten voor",
                    StructurePart.STEERING: "Bestuurder; besluit over plan en geld",
                    StructurePart.PROJECT_GROUP: "Werkt mijlpalen uit",
                }[part],
            )
    AgreementReview.objects.create(
        agreement=agreement,
        held_on=working_day_near(today - timedelta(days=200), today=today),
        level=ReviewLevel.BOTH,
        outcome=(
            "Uren voor overleg lopen uiteen tussen de partners; afgesproken dat elke partner "
            "minstens acht uur per maand inbrengt. Ouders missen in de projectgroep."
        ),
        next_review=today + timedelta(days=4),
        by=coordinator,
    )
    from .models import Event, PlanOfApproach

    kick_off = Event.objects.filter(region=region).first()
    parents = Proposal.objects.create(
        region=region,
        title="Een ouder in de projectgroep",
        lesson="Bij de kick-off en de eerste review bleek dat de blik van ouders te laat binnenkomt.",
        proposal="Neem een ouder op in de projectgroep en vergoed de onkosten.",
        event=kick_off,
        status=ProposalStatus.ADOPTED,
        discussed_on=today - timedelta(days=190),
        decision="Aangenomen; de ouderorganisatie draagt iemand voor.",
        created_by=coordinator,
    )
    if len(people) > 10:
        ProjectRole.objects.create(
            agreement=agreement,
            part=StructurePart.PARENTS,
            person=people[10],
            task="Toetst wat het netwerk maakt op bruikbaarheid voor ouders",
        )
    AgreementChange.objects.create(
        agreement=agreement,
        summary="Ouderinbreng toegevoegd aan de projectstructuur; onkostenvergoeding voor ouders.",
        proposal=parents,
        by=coordinator,
        changed_at=working_time(today - timedelta(days=185), random.Random("agreement change")),
    )
    broaden = Proposal.objects.create(
        region=region,
        title="Spiegelgesprekken met ouders",
        lesson="Casusbesprekingen leren ons veel, maar we horen ouders alleen via professionals.",
        proposal="Organiseer twee spiegelgesprekken per jaar en neem de kosten op in het plan.",
        event=kick_off,
        status=ProposalStatus.ADOPTED,
        discussed_on=today - timedelta(days=90),
        decision="Aangenomen; opnemen in versie 2 van het plan van aanpak.",
        plan=PlanOfApproach.objects.filter(region=region, number=2).first(),
        created_by=coordinator,
    )
    Milestone.objects.filter(region=region, title="Eerste spiegelgesprek").update(proposal=broaden)
    Proposal.objects.create(
        region=region,
        title="Vaste dag voor casusbespreking",
        lesson="Overleg over complexe gezinnen wordt vaak verzet omdat niemand een vaste dag heeft.",
        proposal="Elke tweede dinsdag van de maand casusbespreking, vastgelegd in de overeenkomst.",
        created_by=coordinator,
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
    for number, step_status in statuses.items():
        RoadmapStep.objects.filter(region=region, number=number).update(status=step_status)
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
            owner_user=coordinator if i % 2 else None,
            start=due - timedelta(days=45),
            due=due,
            status=status,
            critical=critical,
        )
    _agreement(region, coordinator, today)
