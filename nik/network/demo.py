"""The network's part of the demo: a filled photo for the first network, a lighter one elsewhere."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone
from faker import Faker

from nik.core.models import Membership, Organization, Region, Role, User

from .models import (
    Collaboration,
    ParticipantKind,
    ProblemStatement,
    ProblemStatementParticipant,
    StakeholderAssessment,
    TargetGroup,
)

FIRST_ASSESSMENT = date(2025, 3, 1)
SECOND_ASSESSMENT = date(2026, 3, 1)

ACTIONS = [
    "Uitnodigen voor de kick-off en vragen wat zij nodig hebben.",
    "Bestuurder spreken over uren voor het netwerk.",
    "Samen een casus bespreken om de meerwaarde te laten zien.",
    "Vaste contactpersoon vragen en afspraken vastleggen.",
    "Informeren via de nieuwsbrief; geen extra actie nodig.",
]


def photo(
    region: Region,
    organizations: list[Organization],
    rng: random.Random,
    fake: Faker,
    *,
    full: bool,
) -> None:
    TargetGroup.objects.create(
        region=region,
        version=1,
        age_min=0,
        age_max=18,
        categories=["1", "2", "3", "4"],
        care_use="Zorg van meerdere disciplines, thuis of in het ziekenhuis.",
        # Before the first plan of approach was approved (roadmap's demo: 500 days ago).
        created_at=timezone.now() - timedelta(days=540),
    )
    _collaborations(region, organizations, rng, pairs=45 if full else 8)
    if not full:
        return
    TargetGroup.objects.create(
        region=region,
        version=2,
        age_min=0,
        age_max=18,
        categories=["1", "2", "3", "4"],
        broadened=True,
        care_use="Zorg van meerdere disciplines, thuis of in het ziekenhuis.",
        exceptions="Jongeren tot 23 jaar als de overgang naar volwassenenzorg nog loopt.",
        considerations="Vanaf 2019 ook ernstig of chronisch zieke kinderen: de vraag van het gezin telt.",
        created_at=timezone.now() - timedelta(days=90),
    )
    statement = ProblemStatement.objects.create(
        region=region,
        question=(
            "Gezinnen met een ernstig ziek kind moeten zelf uitzoeken welke zorg er in de regio is "
            "en wie wat doet. Zorgverleners kennen elkaar nog te weinig."
        ),
        idea="Eén netwerk met één aanspreekpunt voor ouders en professionals, en één plan per gezin.",
        reflection="Ouders lieten zien hoeveel tijd het regelen kost; dat werd de kern van de vraag.",
    )
    umc = organizations[0]
    for name, kind, org in [
        (fake.name(), ParticipantKind.PARENT, None),
        (fake.name(), ParticipantKind.PARENT, None),
        (fake.name(), ParticipantKind.PROFESSIONAL, umc),
        (fake.name(), ParticipantKind.PROFESSIONAL, organizations[3]),
    ]:
        ProblemStatementParticipant.objects.create(
            statement=statement, name=name, kind=kind, organization=org
        )
    _stakeholders(region, organizations, rng)
    _member_accounts(region, rng)


def _collaborations(
    region: Region, organizations: list[Organization], rng: random.Random, *, pairs: int
) -> None:
    # A few organisations stay on their own, so the graph has isolated members to show.
    connected = organizations[: max(2, len(organizations) - 4)]
    hub = connected[0]
    made: set[tuple[int, int]] = set()
    for org in connected[1 : len(connected) // 2]:
        made.add((hub.pk, org.pk))
    while len(made) < pairs:
        a, b = rng.sample(connected, 2)
        if (b.pk, a.pk) not in made:
            made.add((a.pk, b.pk))
    Collaboration.objects.bulk_create(
        Collaboration(region=region, source_id=a, target_id=b, description="casuïstiekbespreking")
        for a, b in sorted(made)
    )


def _stakeholders(region: Region, organizations: list[Organization], rng: random.Random) -> None:
    for org in organizations[:14]:
        influence, interest = rng.randint(1, 5), rng.randint(1, 4)
        desired = (max(influence, 3), 5 if influence >= 3 else 4)
        action = rng.choice(ACTIONS)
        StakeholderAssessment.objects.create(
            region=region,
            organization=org,
            assessed_on=FIRST_ASSESSMENT,
            influence=influence,
            interest=interest,
            desired_influence=desired[0],
            desired_interest=desired[1],
            action=action,
        )
        StakeholderAssessment.objects.create(
            region=region,
            organization=org,
            assessed_on=SECOND_ASSESSMENT,
            influence=influence,
            interest=min(5, interest + rng.randint(0, 2)),
            desired_influence=desired[0],
            desired_interest=desired[1],
            action=action,
        )
    StakeholderAssessment.objects.create(
        region=region,
        person="Wethouder zorg (regio)",
        assessed_on=SECOND_ASSESSMENT,
        influence=5,
        interest=2,
        desired_influence=5,
        desired_interest=4,
        action="Uitnodigen voor een werkbezoek met ouders.",
    )


def _member_accounts(region: Region, rng: random.Random) -> None:
    """Some professionals have an account: members, a few ambassadors and contact persons."""
    people = list(region.professionals.select_related("organization").order_by("pk")[:16])
    for i, person in enumerate(people):
        user = User(
            email=f"lid{i + 1}@{region.slug}.example", full_name=person.full_name, is_demo=True
        )
        user.set_unusable_password()
        user.save()
        person.user = user
        person.save(update_fields=["user"])
        Membership.objects.create(
            user=user,
            region=region,
            role=Role.MEMBER,
            ambassador=i % 3 == 0,
            contact_person=i % 4 == 0,
        )
