"""Mirror conversations in the demo: two in the first network, with ideas in every state."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from nik.core.calendar import working_day_near
from nik.core.demo import working_time
from nik.core.models import Region, User
from nik.roadmap.models import Proposal

from .models import Idea, MirrorConversation, Outcome, Theme

THEMES = [
    "bereikbaarheid",
    "één aanspreekpunt",
    "broers en zussen",
    "overgang naar volwassenenzorg",
]


def populate(region: Region, coordinator: User, member: User) -> None:
    today = timezone.localdate()
    themes = {name: Theme.objects.create(region=region, name=name) for name in THEMES}
    spring = MirrorConversation.objects.create(
        region=region,
        held_on=working_day_near(today - timedelta(days=200), today=today),
        facilitator="Ouder en Kind Samen",
        parents=7,
        listeners="kinderarts, casemanager, wijkverpleegkundige, pedagogisch medewerker",
        quotes="‘Na vijf uur weten we niet wie we moeten bellen.’\n‘Eén vast gezicht maakt alles lichter.’",
        created_by=coordinator,
    )
    spring.themes.add(themes["bereikbaarheid"], themes["één aanspreekpunt"])
    autumn = MirrorConversation.objects.create(
        region=region,
        held_on=working_day_near(today - timedelta(days=20), today=today),
        facilitator="Ouder en Kind Samen",
        parents=5,
        listeners="huisarts, casemanager, psycholoog",
        quotes="‘Onze dochter voelt zich vergeten als alles om haar broer draait.’",
        created_by=coordinator,
    )
    autumn.themes.add(themes["broers en zussen"])
    proposal = Proposal.objects.create(
        region=region,
        title="Nachtnummer bovenaan het plan",
        lesson="Gehoord van ouders in het spiegelgesprek.",
        proposal="Het nummer voor de nacht staat bovenaan elk plan en op de eerste pagina.",
        created_by=coordinator,
    )
    Idea.objects.bulk_create(
        [
            Idea(
                conversation=spring,
                text="Het nachtnummer bovenaan het plan",
                outcome=Outcome.PROPOSAL,
                proposal=proposal,
            ),
            Idea(
                conversation=spring,
                text="Een kaartje met het vaste aanspreekpunt voor elk gezin",
                outcome=Outcome.ACTION,
                owner=member,
                due=today - timedelta(days=100),
                done=True,
            ),
            Idea(
                conversation=autumn,
                text="Een groep voor broers en zussen in de regio",
                outcome=Outcome.ACTION,
                owner=member,
                due=today + timedelta(days=30),
            ),
            Idea(
                conversation=autumn,
                text="Landelijk: broers en zussen in elke basiscursus",
                outcome=Outcome.SIGNAL,
            ),
            Idea(conversation=autumn, text="Ouders vragen na elk gesprek hoe het ging"),
        ]
    )
    # The next one, to invite parents to.
    MirrorConversation.objects.create(
        region=region,
        held_on=working_day_near(today + timedelta(days=40), today=today),
        starts_at=time(19, 30),
        minutes=90,
        location="Het Ronald McDonald Huis, Leiden",
        facilitator="Ouder en Kind Samen",
    )


# Learning together: the forms each network agreed, a year of meetings, case discussions -------

CASES = [
    # (age band, condition category, question, advice, lesson or "")
    (
        "0-1",
        "1",
        "Hoe bereiden we ouders voor op de eerste weken thuis na de NICU?",
        "Een vaste verpleegkundige van de thuiszorg komt al in het ziekenhuis kennismaken.",
        "Kennismaking thuiszorg vóór ontslag uit het ziekenhuis als vaste afspraak",
    ),
    (
        "4-12",
        "2",
        "Wie neemt de regie als drie specialisten elk een ander advies geven?",
        "Eén regiebehandelaar aanwijzen en dat in het plan zetten.",
        "Regiebehandelaar verplicht in elk plan",
    ),
    (
        "12-18",
        "3",
        "Hoe praten we met een puber die niet meer naar school wil?",
        "Samen met de consulent passend onderwijs een rooster op maat maken.",
        "",
    ),
    (
        "1-4",
        "4",
        "De ouders zijn uitgeput; waar vinden we logeeropvang dichtbij?",
        "Het logeerhuis in de regio heeft een wachtlijst; vraag ook een zorgboerderij.",
        "Overzicht van vrije logeerplekken elke maand in het netwerkoverleg",
    ),
    (
        "4-12",
        "serious",
        "Broer en zus krijgen weinig aandacht; wat kan de school doen?",
        "De pedagoog geeft de leerkracht tips; een brusjesgroep in de regio.",
        "",
    ),
    (
        "12-18",
        "2",
        "Hoe plannen we de overgang naar de volwassenenzorg op tijd?",
        "Op 16 jaar de eerste afspraak met het volwasseneninternisme.",
        "Transitie vanaf 16 jaar op de agenda van elke evaluatie",
    ),
    ("0-1", "2", "Welke hulpmiddelen zijn nodig voor thuis en wie vraagt ze aan?", "", ""),
    ("4-12", "1", "Hoe stemmen we de nachtzorg af tussen twee thuiszorgorganisaties?", "", ""),
    ("1-4", "3", "Wat doen we als de ouders een andere taal spreken?", "Tolk bij elk gesprek.", ""),
    ("12-18", "4", "Hoe betrekken we de jongere zelf bij het plan?", "", ""),
    ("4-12", "serious", "Wie ondersteunt het gezin na het overlijden van opa?", "", ""),
    ("1-4", "serious", "Hoe vinden we een kinderdagverblijf dat de zorg aankan?", "", ""),
]


def populate_together(regions: list[Region], seed: int) -> None:
    """Holland Rijnland: an MDO every month for a year, a case discussion of the district nurses,
    an intervision group and an advice line; twelve case discussions, three linked to a family
    with consent, lessons on their way to the steering group. Other networks: a monthly MDO."""
    import random

    from django.db.models import Exists, OuterRef

    from nik.core.models import Membership, Professional, Role
    from nik.families.models import Consent, Family
    from nik.roadmap.models import ActionItem, AgreementChange, Event, EventKind, ProposalStatus

    from .models import CaseDiscussion, FormKind, Frequency, LearningForm, Lesson

    rng = random.Random(seed)
    now = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0)

    def meetings(form: LearningForm, starts: list[int]) -> list[Event]:
        made = []
        for days in starts:
            day = working_day_near(now.date() + timedelta(days=days), today=now.date())
            at = timezone.make_aware(datetime.combine(day, now.time()))
            event = Event.objects.create(
                region=form.region,
                kind=EventKind.LEARNING,
                title=form.name,
                starts_at=at,
                ends_at=at + timedelta(minutes=form.minutes),
                location=form.location,
            )
            form.meetings.add(event)
            made.append(event)
        return made

    for region in regions:
        people = list(Professional.objects.filter(region=region).order_by("pk"))
        mdo = LearningForm.objects.create(
            region=region,
            kind=FormKind.MDO,
            name="MDO complexe kindzorg",
            frequency=Frequency.MONTHLY,
            location=f"{region.hospital}, overlegruimte kinderafdeling",
            description="Elke maand twee casussen; inbreng via de coördinator, een week vooraf.",
        )
        mdo.members.set(people[:8])
        if region.slug != "holland-rijnland":
            meetings(mdo, [-30, 28, 56])
            continue
        working = {
            m.role: m.user
            for m in Membership.objects.filter(
                region=region, role__in=[Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER]
            ).select_related("user")
        }
        coordinator, casemanager, member = (
            working[Role.COORDINATOR],
            working[Role.CASEMANAGER],
            working[Role.MEMBER],
        )
        nurses = LearningForm.objects.create(
            region=region,
            kind=FormKind.CASE,
            name="Casuïstiekoverleg wijkverpleging",
            frequency=Frequency.SIX_WEEKLY,
            location="Online",
        )
        intervision = LearningForm.objects.create(
            region=region,
            kind=FormKind.INTERVISION,
            name="Intervisie casemanagers",
            frequency=Frequency.SIX_WEEKLY,
            location="Alphen aan den Rijn",
            description="Zes casemanagers; anonieme casussen volgens het vaste format.",
        )
        intervision.members.set(people[8:14])
        intervision.themes.set(Theme.objects.filter(region=region)[:2])
        LearningForm.objects.create(
            region=region,
            kind=FormKind.ADVICE,
            name="Advieslijn voor professionals",
            frequency=Frequency.ON_REQUEST,
            description="Op werkdagen van 9 tot 17 uur via het netwerknummer.",
        )
        past_mdo = meetings(mdo, [-30 * n for n in range(11, 0, -1)])
        meetings(mdo, [5, 33, 61])
        past_nurses = meetings(nurses, [-42 * n for n in range(4, 0, -1)])
        meetings(nurses, [12])
        meetings(intervision, [-84, -42, 20])
        with_consent = list(
            Family.objects.filter(region=region, child__isnull=False)
            .filter(Exists(Consent.objects.filter(family=OuterRef("pk"))))
            .order_by("pk")[:3]
        )
        presenters = [coordinator, casemanager, member]
        held = past_mdo + past_nurses
        for n, (band, category, question, advice, lesson) in enumerate(CASES):
            meeting = held[n % len(held)] if n < 11 else past_mdo[-1]
            discussion = CaseDiscussion.objects.create(
                region=region,
                meeting=meeting,
                presenter=presenters[n % 3],
                age_band=band,
                condition_category=category,
                family=with_consent[n // 4] if n % 4 == 0 and n // 4 < len(with_consent) else None,
                question=question,
                picture="Open vragen: wie doet nu wat, wat lukt al, wat vinden de ouders zelf?",
                main_issues="Regie en afstemming." if n % 2 else "Draagkracht van de ouders.",
                side_issues="Vervoer en hulpmiddelen." if n % 3 == 0 else "",
                feedback="De vraag werd scherper: het gaat om wie het overzicht houdt."
                if n % 2
                else "",
                advice=advice,
                learned="Eerder het netwerk vragen; niet alles zelf oplossen." if advice else "",
                network_role="Het netwerk brengt de juiste mensen bij elkaar en bewaakt de afspraken."
                if advice
                else "",
                attendance={
                    "doctor": rng.randint(1, 3),
                    "nurse": rng.randint(2, 5),
                    "social_worker": rng.randint(0, 2),
                    "pedagogue": rng.randint(0, 1),
                },
                created_by=coordinator,
            )
            if lesson:
                Lesson.objects.create(discussion=discussion, text=lesson)
            if n == len(CASES) - 1:
                # The latest: a follow-up for the member this week, one for the case manager.
                for owner, what, days in (
                    (member, "Logeerhuis en zorgboerderij vragen naar vrije plekken", 3),
                    (casemanager, "Tolk regelen voor het evaluatiegesprek", 10),
                ):
                    item = ActionItem.objects.create(
                        event=meeting,
                        what=what,
                        owner=owner,
                        due=timezone.localdate() + timedelta(days=days),
                    )
                    discussion.follow_ups.add(item)
        # Two lessons went to the steering group: one adopted, one still open.
        for learnt, status in zip(
            Lesson.objects.filter(discussion__region=region).order_by("pk")[:2],
            [ProposalStatus.ADOPTED, ProposalStatus.OPEN],
            strict=True,
        ):
            meeting = learnt.discussion.meeting
            learnt.proposal = Proposal.objects.create(
                region=region,
                title=learnt.text,
                lesson=f"Geleerd in een casusbespreking ({learnt.discussion.summary}).",
                proposal=learnt.text,
                event=meeting,
                status=status,
                discussed_on=timezone.localdate() - timedelta(days=14)
                if status == ProposalStatus.ADOPTED
                else None,
                decision="Aangenomen; de coördinator neemt het op in de werkwijze."
                if status == ProposalStatus.ADOPTED
                else "",
                created_by=coordinator,
            )
            learnt.save(update_fields=["proposal"])
            if status == ProposalStatus.ADOPTED and hasattr(region, "agreement"):
                AgreementChange.objects.create(
                    agreement=region.agreement,
                    summary="Werkwijze: " + learnt.text.lower() + ".",
                    proposal=learnt.proposal,
                    by=coordinator,
                    changed_at=working_time(
                        learnt.proposal.discussed_on or timezone.localdate(),
                        random.Random(learnt.pk),
                    ),
                )
