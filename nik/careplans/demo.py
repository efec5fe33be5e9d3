"""A plan for every demo family in care; some are late for their evaluation."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from nik.core.models import Region
from nik.families.models import Family, Stage

from .content import Action, Decision, Domain, Goal, PlanContent
from .models import CarePlan, CarePlanVersion, NeedsAssessment, VersionStatus


def populate(region: Region, rng: random.Random) -> None:
    today = timezone.localdate()
    in_care = Family.objects.filter(region=region, stage__in=[Stage.IN_CARE, Stage.AFTERCARE])
    # The demo parent's family is still in intake; it has its first plan already, so that the
    # parent's view of a plan can be seen (it comes last: the others keep their late ones).
    with_parent = Family.objects.filter(region=region, portal_users__isnull=False).exclude(
        pk__in=in_care.values("pk")
    )
    families = [
        *in_care.select_related("child", "casemanager").order_by("pk"),
        *with_parent.select_related("child", "casemanager").distinct().order_by("pk"),
    ]
    for i, family in enumerate(families):
        child = family.child
        # Every third plan is late for its evaluation, one in six falls due within two weeks, the
        # rest in the coming months; one in six is published but not yet discussed with the
        # parents and one in twelve has no evaluation date agreed: every plan clock in the demo.
        evaluate = (
            today - timedelta(days=rng.randint(3, 40))
            if i % 3 == 0
            else today + timedelta(days=rng.randint(3, 13) if i % 6 == 2 else rng.randint(15, 120))
        )
        # Drawn up three months before its evaluation, and never in the future: the plan's date,
        # its discussions and its publication follow one another.
        drawn = min(evaluate - timedelta(days=90), today - timedelta(days=14))
        content = PlanContent(
            plan_date=drawn,
            discussed_with_parents_on=drawn + timedelta(days=2),
            discussed_with_physician_on=drawn + timedelta(days=1),
            next_evaluation_on=evaluate,
            next_acp_talk_on=evaluate + timedelta(days=30),
            drawn_up_by=family.casemanager.get_full_name() if family.casemanager else "",
            situation=f"{child.first_name} woont thuis met de ouders. {child.diagnosis.capitalize()}.",
            child_knows="Weet dat hij of zij ziek is en vaak naar het ziekenhuis moet; praat er liever over met mama.",
            language=family.language,
            living_situation="Eengezinswoning, slaapkamer beneden ingericht.",
            allergies="Geen bekend",
            wishes="Zo veel mogelijk thuis zijn, en tijd voor broer of zus.",
            wishes_approved_on=drawn,
            wishes_approved_by=getattr(family.guardians.first(), "name", ""),
            acute_what_to_do="Bij benauwdheid of een lange aanval: 112 bellen en het plan meegeven.",
            acute_whom_to_call="Overdag de casemanager, 's nachts de dienstdoende kinderarts via het ziekenhuis.",
            acute_tell_ambulance="Laat dit plan zien: de afspraken over behandeling staan erin.",
            decisions=[
                Decision(
                    topic="place_of_care",
                    decision="Liefst thuis, anders het ziekenhuis in de regio.",
                    decided_on=drawn,
                    agreed_by="Ouders en kinderarts",
                )
            ],
            domains=[
                Domain(
                    key="physical",
                    situation="Vermoeid, pijn 's nachts.",
                    needs="Goede pijnbestrijding.",
                    goals=[
                        Goal(
                            text="Beter slapen",
                            target="Vijf nachten per week doorslapen",
                            evaluate_on=evaluate,
                        )
                    ],
                    actions=[
                        Action(
                            what="Pijnschema afstemmen met het Kinder Comfort Team",
                            who="Kinderarts",
                            due=drawn + timedelta(days=10),
                            status="done",
                        )
                    ],
                ),
                Domain(
                    key="family",
                    situation="Ouders zijn moe.",
                    needs="Af en toe rust.",
                    goals=[
                        Goal(
                            text="Ouders een weekend per maand rust",
                            target="Logeeropvang één weekend per maand",
                            evaluate_on=evaluate,
                        )
                    ],
                    actions=[
                        Action(
                            what="Aanvraag logeerhuis",
                            who="Casemanager",
                            due=evaluate - timedelta(days=30),
                        )
                    ],
                ),
                Domain(
                    key="upbringing_school",
                    situation="Gaat twee ochtenden naar school.",
                    needs="Contact met de klas houden.",
                    actions=[
                        Action(
                            what="Consulent onderwijsondersteuning inschakelen",
                            who="Casemanager",
                            due=evaluate,
                        )
                    ],
                ),
            ],
        )
        if i % 6 == 4:
            content.discussed_with_parents_on = None
        elif i % 12 == 8:
            content.next_evaluation_on = None
        plan = CarePlan.objects.create(family=family)
        CarePlanVersion.objects.create(
            plan=plan,
            number=1,
            content=content.model_dump(mode="json"),
            status=VersionStatus.PUBLISHED,
            published_at=timezone.make_aware(datetime.combine(drawn + timedelta(days=2), time(10))),
            created_by=family.casemanager,
        )
        if family.portal_users.exists():
            # The parent's family: a second version, after an evaluation.
            content.plan_date = today - timedelta(days=10)
            content.next_evaluation_on = today + timedelta(days=80)
            content.summary_of_changes = "Logeeropvang geregeld; doel slapen bijgesteld."
            content.discussed_with_parents_on = today - timedelta(days=10)
            # What came of each goal at this evaluation.
            sleep, rest = content.domain("physical").goals[0], content.domain("family").goals[0]
            sleep.outcome, sleep.outcome_note = "partly", "Drie nachten per week lukt."
            rest.outcome, rest.outcome_note = "reached", "Eén weekend per maand in het logeerhuis."
            content.domain("family").actions[0].status = "done"
            CarePlanVersion.objects.filter(plan=plan).update(status=VersionStatus.SUPERSEDED)
            CarePlanVersion.objects.create(
                plan=plan,
                number=2,
                content=content.model_dump(mode="json"),
                status=VersionStatus.PUBLISHED,
                published_at=timezone.now() - timedelta(days=10),
                created_by=family.casemanager,
            )
            NeedsAssessment.objects.create(
                family=family,
                variant="extended",
                held_on=today - timedelta(days=100),
                participants="Ouders, casemanager, jeugdverpleegkundige",
                child_concerns="Slaapt slecht door pijn.",
                parents_concerns="Ouders zijn uitgeput.",
                surroundings_strengths="Opa en oma wonen dichtbij.",
                nature="Zorg thuis en rust voor de ouders",
                severity="high",
                urgency="medium",
            )
