"""Monitoring in the demo: in Holland Rijnland a year of survey answers (30 from families, 60 from
professionals, with their invitations), the network's own survey, two self-assessment rounds and
two years of answered questions; then every region's indicators computed from the records and
the answers, and the network's own indicators of step 3 measured."""

from __future__ import annotations

from django.utils import timezone

from nik.core.models import Region, User

from .actions import do_recompute
from .periods import Period


def populate(regions: list[Region], coordinator: User) -> None:
    big = next(r for r in regions if r.slug == "holland-rijnland")
    _surveys(big)
    _own_survey(big, coordinator)
    _omk(big, coordinator)
    _answered_questions(big)
    do_recompute(regions)
    _own_indicators(big, coordinator)


def _own_indicators(region: Region, coordinator: User) -> None:
    """The five indicators of step 3, four computed by a building block with the network's own
    target, one typed in from the night line's phone report."""
    from nik.roadmap.models import Indicator

    from .actions import do_measure, do_type_value

    own = [
        ("Eerste contact binnen twee werkdagen", "first_contact", 95.0, "%"),
        ("Oordeel van gezinnen", "family_rating", 7.5, "cijfer"),
        ("Ervaren samenhang", "professional_experience", 90.0, "%"),
        ("Deskundigheid: basiscursus gevolgd", "basic_course", 80.0, "%"),
        ("Gebruik van de nachtlijn", "", None, "gesprekken"),
    ]
    for name, formula, target, unit in own:
        indicator, _new = Indicator.objects.get_or_create(
            region=region, name=name,
            defaults={"definition": name + ".", "unit": unit, "target": str(target or "—"),
                      "source": "NIK" if formula else "Telefoonrapport nachtlijn"},
        )  # fmt: skip
        measure = do_measure(
            indicator, formula=formula, target=target, higher_is_better=True,
            acting_user=coordinator,
        )  # fmt: skip
        if not formula:
            for period, value in zip(
                Period.of(timezone.localdate()).last(4), (31, 38, 44, 41), strict=True
            ):
                do_type_value(
                    region, key=measure.key, period_start=period.start, value=value,
                    source="Telefoonrapport nachtlijn", acting_user=coordinator,
                )  # fmt: skip


def _answered_questions(region: Region) -> None:
    """Two years of questions to the contact point, answered within a few working days (so the
    time to a first answer has a history)."""
    import random
    from datetime import datetime, time, timedelta

    from nik.families.models import Inquiry, InquiryStatus, InquiryTopic

    rng = random.Random(1617)
    for period in Period.of(timezone.localdate()).last(8):
        days = max(1, (min(period.end, timezone.localdate()) - period.start).days)
        for n in range(rng.randrange(6, 11)):
            received = timezone.make_aware(
                datetime.combine(
                    period.start + timedelta(days=rng.randrange(days)), time(9 + n % 8)
                )
            )
            answered = received + timedelta(days=rng.choice([0, 1, 1, 2, 3, 4]), hours=2)
            if answered > timezone.now():
                continue
            Inquiry.objects.create(
                region=region, topic=rng.choice(InquiryTopic.values), name="Vraagsteller",
                question="Een vraag aan het contactpunt.", status=InquiryStatus.ANSWERED,
                answer="Beantwoord.", received_at=received, first_answer_at=answered,
            )  # fmt: skip


def _own_survey(region: Region, coordinator: User) -> None:
    """The network's own short survey on respite care, published, with six answers."""
    import random
    from datetime import timedelta

    from .models import Response, Survey
    from .surveys import do_publish_survey, do_save_survey

    survey = do_save_survey(
        Survey(region=region, audience="families", title="Logeeropvang",
               title_en="Respite care"),
        seen=None,
        items=[
            {"key": "q1", "kind": "single", "nl": "Heb je de afgelopen maanden gelogeerd?",
             "en": "Did your child stay at a respite home in the last months?", "required": True,
             "options": [["ja", "ja", "yes"], ["nee", "nee", "no"]]},
            {"key": "q2", "kind": "scale10", "nl": "Welk cijfer geef je het logeren?",
             "en": "What mark do you give the stay?", "required": True, "show_if": ["q1", "ja"]},
            {"key": "q3", "kind": "text", "nl": "Wat kan beter?", "en": "What could be better?",
             "required": False},
        ],
        acting_user=coordinator,
    )  # fmt: skip
    do_publish_survey(survey, acting_user=coordinator)
    import hashlib
    from datetime import datetime, time

    from .models import Invitation

    rng = random.Random(1618)
    for n in range(8):  # eight families asked, six answered: answers come through invitations
        made = timezone.make_aware(
            datetime.combine(timezone.localdate() - timedelta(days=82 - n), time(10))
        )
        Invitation.objects.create(
            region=region, instrument=survey.key, version=1,
            token_hash=hashlib.sha256(f"demo:{survey.key}:{n}".encode()).hexdigest(),
            created_at=made, expires_at=made + timedelta(days=30), used=n < 6,
        )  # fmt: skip
    for n in range(6):
        stayed = n < 5
        Response.objects.create(
            region=region, instrument=survey.key, version=1,
            submitted_on=timezone.localdate() - timedelta(days=rng.randrange(5, 80)),
            answers={"q1": "ja", "q2": rng.choice([6, 7, 8, 8, 9])} if stayed else {"q1": "nee"},
        )  # fmt: skip


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
