"""Families for the demo: every stage of the route, with the demo accounts in their places."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone
from faker import Faker

from nik.core.demo import during_work, working_time
from nik.core.models import Organization, OrganizationKind, Professional, Region, Role, User

from .models import (
    Availability,
    CareTeamMember,
    Child,
    Consent,
    ConsentScope,
    DeclineReason,
    Family,
    Guardian,
    Inquiry,
    InquiryTopic,
    Referral,
    ReferralSource,
    ReferralStatus,
    Sibling,
    Stage,
    StageChange,
    TeamRole,
    consent_giver_for_age,
)

DIAGNOSES = {
    "1": ["acute lymfatische leukemie", "neuroblastoom", "hersentumor"],
    "2": ["Duchenne spierdystrofie", "cystische fibrose"],
    "3": ["ziekte van Batten", "mucopolysacharidose"],
    "4": ["ernstige cerebrale parese met epilepsie", "ernstige hersenschade na zuurstoftekort"],
    "serious": ["ernstige hartafwijking", "complexe stofwisselingsziekte"],
}
STAGE_MIX = (
    [Stage.REGISTERED] * 4
    + [Stage.INTAKE] * 4
    + [Stage.IN_CARE] * 11
    + [Stage.AFTERCARE] * 3
    + [Stage.CLOSED] * 4
)


def _profile(user: User, region: Region, organization: Organization, title: str) -> Professional:
    return Professional.objects.create(
        region=region,
        organization=organization,
        user=user,
        full_name=user.full_name,
        job_title=title,
        email=user.email,
        phone="06-12345678",
    )


def populate(
    region: Region, users: dict[str, User], rng: random.Random, fake: Faker, *, full: bool
) -> None:
    today = timezone.localdate()
    # Times of day from an rng of their own: within working hours, the names drawn as before.
    clock = random.Random(f"{region.slug} working hours")
    # Every demo region has its academic hospital (nik/core/demo.py).
    umc = region.organizations.filter(kind=OrganizationKind.UMC).get()
    home_care = region.organizations.filter(kind=OrganizationKind.HOME_CARE).first() or umc
    casemanager, member = users[Role.CASEMANAGER], users[Role.MEMBER]
    cm_profile = _profile(casemanager, region, umc, "Casemanager kinderzorg")
    member_profile = _profile(member, region, home_care, "Kinderverpleegkundige")
    if "outsider" in users:
        _profile(users["outsider"], region, home_care, "Wijkverpleegkundige")
    others = list(
        region.professionals.exclude(user__isnull=False).select_related("organization")[:30]
    )
    municipalities = list(region.municipalities.all())
    stages = STAGE_MIX if full else [Stage.REGISTERED, Stage.IN_CARE, Stage.IN_CARE]
    for i, stage in enumerate(stages):
        received = working_time(
            today
            - timedelta(
                days=rng.randint(0, 2) if stage == Stage.REGISTERED else rng.randint(20, 400)
            ),
            clock,
        )
        category = rng.choice(list(DIAGNOSES))
        age = rng.randint(0, 17)
        born = timezone.localdate() - timedelta(days=age * 365 + rng.randint(0, 300))
        last = fake.last_name()
        family = Family.objects.create(region=region, name=f"Gezin {last}", stage=stage)
        child = Child.objects.create(
            family=family,
            first_name=fake.first_name(),
            last_name=last,
            date_of_birth=born,
            municipality=rng.choice(municipalities) if municipalities else None,
            condition_category=category,
            diagnosis=rng.choice(DIAGNOSES[category]),
            diagnosed_on=born + timedelta(days=rng.randint(30, 900)) if age else None,
        )
        Guardian.objects.create(
            family=family,
            name=fake.name(),
            relation="moeder",
            phone=f"06-{rng.randint(10000000, 99999999)}",
        )
        Guardian.objects.create(
            family=family,
            name=fake.name(),
            relation="vader",
            phone=f"06-{rng.randint(10000000, 99999999)}",
        )
        if rng.random() < 0.6:
            Sibling.objects.create(
                family=family,
                first_name=fake.first_name(),
                date_of_birth=born - timedelta(days=800),
                needs="Wil graag een eigen plek om zijn verhaal kwijt te kunnen.",
            )
        StageChange.objects.create(family=family, stage=Stage.REGISTERED, at=received)
        referral = Referral.objects.create(
            region=region,
            family=family,
            source=rng.choice(ReferralSource.values),
            received_at=received,
            referrer_name=fake.name(),
            question="Hulp bij het regelen van zorg thuis en logeeropvang.",
            consent_to_share=True,
            first_contact_at=None
            if stage == Stage.REGISTERED
            else during_work(received + timedelta(hours=rng.randint(2, 60))),
        )
        if stage in (Stage.IN_CARE, Stage.AFTERCARE) or (stage == Stage.CLOSED and i % 2):
            referral.status = ReferralStatus.ACCEPTED
            referral.decided_at = during_work(received + timedelta(days=3))
            referral.save()
            family.casemanager = casemanager if i % 2 == 0 or not full else users[Role.COORDINATOR]
            family.save()
            if family.casemanager == casemanager:
                CareTeamMember.objects.create(
                    family=family, professional=cm_profile, role=TeamRole.CASEMANAGER
                )
            for person, role in zip(
                rng.sample(others, 3),
                [TeamRole.LEAD_PHYSICIAN, TeamRole.GP, TeamRole.HOME_CARE],
                strict=True,
            ):
                CareTeamMember.objects.create(family=family, professional=person, role=role)
                _consent(family, child, person.organization, received)
            _consent(family, child, umc, received)
            Availability.objects.create(
                family=family,
                period=Availability.Period.OFFICE_HOURS,
                who="Casemanager",
                phone=cm_profile.phone,
            )
            Availability.objects.create(
                family=family,
                period=Availability.Period.EVENING_NIGHT,
                who="Kinderthuiszorg, dienstdoende verpleegkundige",
                phone="088-1234567",
            )
            Availability.objects.create(
                family=family,
                period=Availability.Period.WEEKEND,
                who="Huisartsenpost",
                phone="0900-1234567",
            )
            for s in (Stage.INTAKE, Stage.IN_CARE):
                StageChange.objects.create(
                    family=family, stage=s, at=during_work(received + timedelta(days=3))
                )
        elif stage == Stage.CLOSED:
            referral.status = ReferralStatus.DECLINED
            referral.decline_reason = rng.choice(DeclineReason.values)
            referral.decided_at = during_work(received + timedelta(days=4))
            referral.save()
        if stage != Stage.REGISTERED:
            StageChange.objects.create(
                family=family, stage=stage, at=during_work(received + timedelta(days=5))
            )
        if i == 5:
            # member@ is on this family's team, with consent for their organisation.
            CareTeamMember.objects.create(
                family=family, professional=member_profile, role=TeamRole.HOME_CARE
            )
            _consent(family, child, member_profile.organization, received)
        if i == 6:
            family.casemanager = casemanager
            family.save()
            CareTeamMember.objects.get_or_create(
                family=family, professional=cm_profile, role=TeamRole.CASEMANAGER
            )
            family.portal_users.add(users[Role.PARENT])
            Inquiry.objects.create(
                region=region,
                family=family,
                topic=InquiryTopic.SIBLINGS,
                name=getattr(family.guardians.first(), "name", ""),
                phone="06-11111111",
                question="Is er een groep voor broertjes en zusjes in de buurt?",
                received_at=working_time(today, clock),
            )
    for topic in (InquiryTopic.RESPITE, InquiryTopic.FINANCING):
        Inquiry.objects.create(
            region=region,
            topic=topic,
            name=fake.name(),
            email="ouder@voorbeeld.example",
            question="Wij zoeken een logeerhuis voor een weekend. Waar kunnen we terecht?"
            if topic == InquiryTopic.RESPITE
            else "Welke vergoeding is er voor de verzorging thuis?",
            received_at=working_time(today, clock),
        )


def _consent(family: Family, child: Child, organization: Organization | None, at: datetime) -> None:
    if (
        organization is None
        or Consent.objects.filter(family=family, organization=organization).exists()
    ):
        return
    for scope in (ConsentScope.BASIC, ConsentScope.CARE_PLAN):
        Consent.objects.create(
            family=family,
            organization=organization,
            scope=scope,
            given_by=consent_giver_for_age(child.age()),
            method="written",
            given_at=at,
        )
