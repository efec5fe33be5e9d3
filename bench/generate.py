"""National-scale data for the benchmark: 1k, 10k or 100k families with everything a family has.

    .venv/bin/python bench/generate.py --families 100000 [--regions 7] [--seed 2014]
    make bench FAMILIES=10000            # the same, into the database NIK_DATABASE_URL names

Each family gets a child, two parents, consents for two organisations (basic and care plan), a
care team of two, a referral (accepted, with first contact), a published care plan, and an audit
history (referral received, accepted, plan published: the events the pages would write); one
family in five has a question at the contact point. Professionals come at the demo's ratio to
families, organisations one per ten professionals, a coordinator per region and a case manager per
thirty families. The regions are the demo's (one, or spread over up to seven). Each region's
wegwijzer has 2,000 services of its organisations (at the region's postcodes, of every kind,
indexed for search): a generous regional social map, the same at every size, since the help
offered does not grow with the families counted (the wegwijzer's own scale, 100,000 services, is
bench/directory_search.py's).

Deterministic: the same seed and size give the same rows (names from Faker's Dutch locale, seeded;
times relative to a fixed moment). Rows are built with the demo's and tests' factories where
there is one and written with ``bulk_create``; audit events are chained as ``nik.core.audit``
chains them. Run it on an empty database: it refuses when families exist.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nik.settings")

SEED = 2014
# "Now" for every generated time, so two runs give the same rows.
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
# The demo: 285 professionals for 44 families (nik demo, counted).
PROFESSIONALS_PER_FAMILY = 285 / 44
FAMILIES_PER_CASEMANAGER = 30
SERVICES_PER_REGION = 2000
BATCH = 5000


@dataclass
class Counts:
    regions: int = 0
    organizations: int = 0
    services: int = 0
    professionals: int = 0
    families: int = 0
    audit_events: int = 0
    seconds: float = 0.0


def generate(families: int, *, regions: int = 1, seed: int = SEED) -> Counts:
    """Build the data set into the current database (empty of families) and say what was made."""
    from django.db import transaction
    from faker import Faker

    from nik.families.figures import recount_families, recount_referrals
    from nik.families.models import Family

    if Family.objects.exists():
        raise SystemExit("The database has families already: generate into an empty one.")
    started = time.monotonic()
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    counts = Counts()
    with transaction.atomic():
        made = [_region(spec, i) for i, spec in enumerate(_specs(regions))]
        counts.regions = len(made)
        for index, region in enumerate(made):
            share = families // len(made) + (1 if index < families % len(made) else 0)
            _fill(region, share, rng, fake, counts)
        # bulk_create sends no signals: the regions' family and referral tallies are counted
        # once here.
        recount_families([region.pk for region in made])
        recount_referrals([region.pk for region in made])
    counts.seconds = round(time.monotonic() - started, 1)
    return counts


def _specs(regions: int) -> list[dict[str, Any]]:
    from nik.core.demo import REGIONS

    if not 1 <= regions <= len(REGIONS):
        raise SystemExit(f"--regions takes 1 to {len(REGIONS)}.")
    return REGIONS[:regions]


def _region(spec: dict[str, Any], index: int) -> Any:
    from nik.core.factories import RegionFactory
    from nik.core.models import Municipality

    region = RegionFactory(
        slug=str(spec["slug"]), name=str(spec["name"]), hospital=str(spec["hospital"])
    )
    Municipality.objects.bulk_create(
        Municipality(region=region, name=str(name)) for name in spec["municipalities"]
    )
    return region


def _fill(region: Any, families: int, rng: random.Random, fake: Any, counts: Counts) -> None:
    from nik.core.factories import person
    from nik.core.models import (
        Discipline,
        Organization,
        OrganizationKind,
        Professional,
        Role,
    )

    towns = list(region.municipalities.order_by("name"))
    n_professionals = max(10, round(families * PROFESSIONALS_PER_FAMILY))
    n_organizations = max(5, n_professionals // 10)
    kinds = list(OrganizationKind.values)
    organizations = Organization.objects.bulk_create(
        Organization(
            region=region,
            name=f"{fake.company()} {i}",
            kind=OrganizationKind.UMC if i == 0 else kinds[i % len(kinds)],
            municipality=towns[i % len(towns)],
            email=f"info{i}@{region.slug}.example",
        )
        for i in range(n_organizations)
    )
    counts.services += _services(region, organizations, towns)
    professionals: list[Any] = []
    for start in range(0, n_professionals, BATCH):
        professionals += Professional.objects.bulk_create(
            Professional(
                region=region,
                organization=organizations[i % n_organizations],
                full_name=fake.name(),
                email=f"p{i}@{region.slug}.example",
            )
            for i in range(start, min(start + BATCH, n_professionals))
        )
    disciplines = list(Discipline.objects.ensure_all().values())
    through = Professional.disciplines.through
    through.objects.bulk_create(
        (
            through(professional_id=p.pk, discipline_id=disciplines[i % len(disciplines)].pk)
            for i, p in enumerate(professionals)
        ),
        batch_size=BATCH,
    )
    coordinator = person(region, Role.COORDINATOR, f"coordinator@{region.slug}.bench")
    managers = [
        person(region, Role.CASEMANAGER, f"casemanager{i}@{region.slug}.bench")
        for i in range(max(1, families // FAMILIES_PER_CASEMANAGER))
    ]
    counts.organizations += n_organizations
    counts.professionals += n_professionals
    for start in range(0, families, BATCH):
        size = min(BATCH, families - start)
        counts.audit_events += _families(
            region, start, size, organizations, professionals, coordinator, managers, rng, fake
        )
        counts.families += size


# Words the generated wegwijzer's descriptions are made of (a search for one finds a share).
SERVICE_WORDS = [
    "logeerhuis",
    "thuiszorg",
    "verpleging",
    "broertjes",
    "zusjes",
    "ouders",
    "rouw",
    "school",
    "vrijwilliger",
    "hulpmiddel",
    "weekend",
    "psycholoog",
]


def _services(region: Any, organizations: list[Any], towns: list[Any]) -> int:
    """The region's wegwijzer: its organisations' services, in the region's towns, of every kind.

    Its own random stream, so the families come out the same with or without it."""
    from nik.directory import search
    from nik.directory.models import Category, Place, Service, service_key

    rng = random.Random(f"services-{region.slug}")
    places = list(
        Place.objects.filter(city__in=[town.name for town in towns]).order_by("postcode")
    ) or list(Place.objects.order_by("postcode")[:100])  # (the migrations load the postcodes)
    kinds = list(Category.values)
    today = NOW.date()
    made = 0
    for start in range(0, SERVICES_PER_REGION, BATCH):
        batch = []
        for i in range(start, min(start + BATCH, SERVICES_PER_REGION)):
            place = places[i % len(places)]
            low = rng.randint(0, 12)
            service = Service(
                region=region,
                organization=organizations[i % len(organizations)],
                name=f"{rng.choice(SERVICE_WORDS).capitalize()} {place.city} {i}",
                description=f"Voor gezinnen: {' '.join(rng.sample(SERVICE_WORDS, 4))}.",
                category=kinds[i % len(kinds)],
                age_min=low,
                age_max=low + rng.randint(4, 11),
                postcode=place.postcode,
                city=place.city,
                latitude=place.latitude + rng.uniform(-0.02, 0.02),
                longitude=place.longitude + rng.uniform(-0.02, 0.02),
                last_confirmed=today - timedelta(days=rng.randint(5, 500)),
            )
            service.hsds_id = service_key(service)
            batch.append(service)
        search.index_many(Service.objects.bulk_create(batch))
        made += len(batch)
    return made


def _families(
    region: Any,
    start: int,
    size: int,
    organizations: list[Any],
    professionals: list[Any],
    coordinator: Any,
    managers: list[Any],
    rng: random.Random,
    fake: Any,
) -> int:
    """One batch of families with all they have; returns the number of audit events written."""
    from nik.careplans.content import PlanContent
    from nik.careplans.models import CarePlan, CarePlanVersion, VersionStatus
    from nik.families.factories import FamilyFactory
    from nik.families.models import (
        CareTeamMember,
        Child,
        Consent,
        ConsentScope,
        Family,
        Guardian,
        Inquiry,
        InquiryTopic,
        Referral,
        ReferralStatus,
        StageChange,
        TeamRole,
        add_working_days,
        consent_giver_for_age,
    )

    surnames = [fake.last_name() for _ in range(size)]
    built = [
        FamilyFactory.build(
            region=region,
            name=f"Gezin {surnames[i]}",
            stage="in_care",
            casemanager=managers[(start + i) % len(managers)],
        )
        for i in range(size)
    ]
    made = Family.objects.bulk_create(built)
    today = NOW.date()
    children, guardians, stages, referrals, consents, team, plans, inquiries = (
        [] for _ in range(8)
    )
    for i, family in enumerate(made):
        born = today - timedelta(days=rng.randint(60, 17 * 365))
        received = NOW - timedelta(days=rng.randint(30, 900), minutes=rng.randint(0, 600))
        children.append(
            Child(
                family=family,
                first_name=fake.first_name(),
                last_name=surnames[i],
                date_of_birth=born,
                condition_category=rng.choice(["1", "2", "3", "4", "serious"]),
                diagnosed_on=received.date() - timedelta(days=rng.randint(0, 60)),
            )
        )
        for role in ("moeder", "vader"):
            guardians.append(
                Guardian(
                    family=family,
                    name=f"{fake.first_name()} {surnames[i]}",
                    relation=role,
                    phone=f"06-{rng.randint(10000000, 99999999)}",
                )
            )
        stages.append(StageChange(family=family, stage="in_care", by=coordinator))
        referrals.append(
            Referral(
                region=region,
                family=family,
                source=rng.choice(["umc", "general_hospital", "gp", "parents"]),
                consent_to_share=True,
                status=ReferralStatus.ACCEPTED,
                received_at=received,
                contact_due_at=add_working_days(received, 2),
                first_contact_at=received + timedelta(hours=rng.randint(2, 60)),
                decided_at=received + timedelta(days=3),
                decided_by=coordinator,
            )
        )
        age = (today - born).days // 365
        for org in (organizations[0], organizations[1 + (start + i) % (len(organizations) - 1)]):
            for scope in (ConsentScope.BASIC, ConsentScope.CARE_PLAN):
                consents.append(
                    Consent(
                        family=family,
                        organization=org,
                        scope=scope,
                        given_by=consent_giver_for_age(age),
                        method="written",
                        given_at=received + timedelta(days=4),
                        recorded_by=coordinator,
                    )
                )
        for role, offset in ((TeamRole.CASEMANAGER, 0), (TeamRole.HOME_CARE, 1)):
            pro = professionals[(2 * (start + i) + offset) % len(professionals)]
            team.append(CareTeamMember(family=family, professional=pro, role=role))
        plans.append(CarePlan(family=family))
        if (start + i) % 5 == 0:
            inquiries.append(
                Inquiry(
                    region=region,
                    family=family,
                    topic=rng.choice(InquiryTopic.values),
                    question="Waar kunnen we terecht voor een logeerweekend?",
                    name=guardians[-1].name,
                    phone=guardians[-1].phone,
                    received_at=received - timedelta(days=7),
                )
            )
    Child.objects.bulk_create(children)
    Guardian.objects.bulk_create(guardians)
    StageChange.objects.bulk_create(stages)
    Referral.objects.bulk_create(referrals)
    Consent.objects.bulk_create(consents)
    CareTeamMember.objects.bulk_create(team)
    Inquiry.objects.bulk_create(inquiries)
    stored_plans = CarePlan.objects.bulk_create(plans)
    content = PlanContent(plan_date=today).model_dump(mode="json")
    CarePlanVersion.objects.bulk_create(
        CarePlanVersion(
            plan=plan,
            number=1,
            status=VersionStatus.PUBLISHED,
            content=content,
            created_by=coordinator,
            updated_by=coordinator,
            published_at=NOW - timedelta(days=10),
        )
        for plan in stored_plans
    )
    return _audit_history(region, made, referrals, coordinator)


def _audit_history(region: Any, families: list[Any], referrals: list[Any], user: Any) -> int:
    """What the pages would have logged for each family, chained like nik.core.audit chains."""
    from django.db import transaction

    from nik.core.audit import GENESIS_HASH, _lock_chain
    from nik.core.models import AuditEvent

    events = []
    with transaction.atomic():
        _lock_chain(region.pk)
        prev = (
            AuditEvent.objects.filter(chain=region.pk)
            .order_by("-id")
            .values_list("hash", flat=True)
            .first()
        )
        prev = prev or GENESIS_HASH
        for family, referral in zip(families, referrals, strict=True):
            for offset, name, action in (
                (0, "referral.received", "create"),
                (3, "referral.accepted", "update"),
                (20, "plan.published", "update"),
            ):
                event = AuditEvent(
                    created_at=referral.received_at + timedelta(days=offset),
                    user=user,
                    user_email=user.email,
                    role="coordinator",
                    region_id=region.pk,
                    action=action,
                    event=name,
                    object_type="families.family",
                    object_id=str(family.pk),
                    subject_family_id=family.pk,
                    purpose="bench",
                    outcome="allowed",
                    chain=region.pk,
                    prev_hash=prev,
                )
                event.hash = event.compute_hash()
                prev = event.hash
                events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(events)


def fingerprint() -> str:
    """A digest of the generated rows that matter, to show two runs give the same data.

    The rows are sorted here, not by the database: ties (two referrals in the same minute) come
    back in any order, and ids differ between runs."""
    from nik.directory.models import Service
    from nik.families.models import Child, Consent, Referral

    rows = sorted(
        repr(row)
        for row in Child.objects.values_list(
            "family__name", "first_name", "last_name", "date_of_birth", "condition_category"
        )
    )
    rows += sorted(repr(row) for row in Referral.objects.values_list("source", "received_at"))
    rows += sorted(
        repr(row) for row in Service.objects.values_list("name", "category", "postcode", "age_min")
    )
    rows.append(str(Consent.objects.count()))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--regions", type=int, default=1)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--migrate", action="store_true", help="Migrate the database first.")
    args = parser.parse_args()
    import django

    django.setup()
    if args.migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    counts = generate(args.families, regions=args.regions, seed=args.seed)
    print(
        f"{counts.families} families, {counts.professionals} professionals, "
        f"{counts.organizations} organisations, {counts.services} services, "
        f"{counts.audit_events} audit events in {counts.regions} region(s), {counts.seconds} s; "
        f"fingerprint {fingerprint()[:16]}"
    )


if __name__ == "__main__":
    main()
