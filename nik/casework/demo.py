"""Mirror conversations in the demo: two in the first network, with ideas in every state."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

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
        held_on=today - timedelta(days=200),
        facilitator="Ouder en Kind Samen",
        parents=7,
        listeners="kinderarts, casemanager, wijkverpleegkundige, pedagogisch medewerker",
        quotes="‘Na vijf uur weten we niet wie we moeten bellen.’\n‘Eén vast gezicht maakt alles lichter.’",
        created_by=coordinator,
    )
    spring.themes.add(themes["bereikbaarheid"], themes["één aanspreekpunt"])
    autumn = MirrorConversation.objects.create(
        region=region,
        held_on=today - timedelta(days=20),
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
        region=region, held_on=today + timedelta(days=40), facilitator="Ouder en Kind Samen"
    )
