"""The core part of the demo data: regions, organisations, professionals and accounts.

`nik demo` (nik/home/demo.py) asks every app's demo.py for its part, in a fixed order.

The seven regions and their academic hospitals are public facts (PRODUCT.md). Organisations
other than the hospitals, and every person, are made up; names come from Faker's Dutch
locale, seeded, so every run gives the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from .models import (
    Discipline,
    DisciplineCode,
    Membership,
    Municipality,
    Organization,
    OrganizationKind,
    Professional,
    Region,
    Role,
    User,
)

# People write, phone and decide during working hours; a demo loaded at night must not show a
# referral received at 01:52 (issue 30).
WORK_STARTS, WORK_ENDS = time(8, 30), time(17, 0)


def _working_day(day: date) -> date:
    """``day``, or the Friday before it when it falls in a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def working_time(day: date, rng: random.Random) -> datetime:
    """A moment within working hours on ``day`` (a weekend's on the Friday), never in the future.

    Pass an rng of its own (not the one that draws names), so the rest of the demo stays as it was.
    """
    day = _working_day(day)
    minutes = rng.randrange(WORK_STARTS.hour * 60 + WORK_STARTS.minute, WORK_ENDS.hour * 60)
    at = timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))
    if at <= timezone.now():
        return at
    # Later today than now: the last working day before it.
    return working_time(day - timedelta(days=1), rng)


def during_work(at: datetime) -> datetime:
    """``at``, or the first working moment after it: what is done at night is done next morning."""
    local = timezone.localtime(at)
    day = local.date()
    if local.time() >= WORK_ENDS or day.weekday() > 4:
        day += timedelta(days=1)
        while day.weekday() > 4:
            day += timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, WORK_STARTS))
    if local.time() < WORK_STARTS:
        return timezone.make_aware(datetime.combine(day, WORK_STARTS))
    return at


DEMO_PASSWORD = "nik-demo-2026"
SEED = 2014  # the year the first network started in Holland Rijnland
BIG_REGION = "holland-rijnland"  # the full demo; the other six regions are smaller

REGIONS: list[dict[str, object]] = [
    {
        "slug": "holland-rijnland",
        "postcodes": "2160-2899",
        "phone": "071-000 00 10",
        "name": "NIK Holland Rijnland",
        "hospital": "Leids Universitair Medisch Centrum (LUMC)",
        "children_hospital": "Willem-Alexander Kinderziekenhuis",
        "description": "Het eerste netwerk (2014): Zuid-Holland Noord, Midden-Holland, Haaglanden en Delft-Westland-Oostland.",
        "municipalities": [
            "Leiden",
            "Leiderdorp",
            "Oegstgeest",
            "Katwijk",
            "Noordwijk",
            "Teylingen",
            "Hillegom",
            "Lisse",
            "Kaag en Braassem",
            "Alphen aan den Rijn",
            "Zoeterwoude",
            "Voorschoten",
            "Gouda",
            "Waddinxveen",
            "Bodegraven-Reeuwijk",
            "Den Haag",
            "Zoetermeer",
            "Rijswijk",
            "Delft",
            "Westland",
            "Pijnacker-Nootdorp",
        ],
    },
    {
        "slug": "noord-nederland",
        "postcodes": "7740-7999, 8400-9999",
        "phone": "050-000 00 11",
        "name": "NIK Noord-Nederland",
        "hospital": "Universitair Medisch Centrum Groningen (UMCG)",
        "children_hospital": "Beatrix Kinderziekenhuis",
        "municipalities": ["Groningen", "Assen", "Leeuwarden", "Emmen", "Heerenveen", "Drachten"],
    },
    {
        "slug": "oost-nederland",
        "postcodes": "5300-5499, 6500-7739, 8000-8199",
        "phone": "024-000 00 12",
        "name": "NIK Oost-Nederland",
        "hospital": "Radboudumc",
        "children_hospital": "Amalia Kinderziekenhuis",
        "municipalities": ["Nijmegen", "Arnhem", "Apeldoorn", "Enschede", "Zwolle", "Ede"],
    },
    {
        "slug": "midden-nederland",
        "postcodes": "1200-1299, 3400-3999, 4000-4199",
        "phone": "030-000 00 13",
        "name": "NIK Midden-Nederland",
        "hospital": "UMC Utrecht",
        "children_hospital": "Wilhelmina Kinderziekenhuis",
        "municipalities": ["Utrecht", "Amersfoort", "Nieuwegein", "Zeist", "Veenendaal", "Houten"],
    },
    {
        "slug": "noord-holland-flevoland",
        "postcodes": "1000-1199, 1300-2159, 8200-8399",
        "phone": "020-000 00 14",
        "name": "NIK Noord-Holland en Flevoland",
        "hospital": "Amsterdam UMC",
        "children_hospital": "Emma Kinderziekenhuis",
        "municipalities": ["Amsterdam", "Haarlem", "Alkmaar", "Almere", "Lelystad", "Hoorn"],
    },
    {
        "slug": "zuidwest-nederland",
        "postcodes": "2900-3399, 4200-5299",
        "phone": "010-000 00 15",
        "name": "NIK Zuidwest-Nederland",
        "hospital": "Erasmus MC",
        "children_hospital": "Sophia Kinderziekenhuis",
        "municipalities": [
            "Rotterdam",
            "Dordrecht",
            "Schiedam",
            "Breda",
            "Middelburg",
            "Spijkenisse",
        ],
    },
    {
        "slug": "limburg",
        "postcodes": "5500-6499",
        "phone": "043-000 00 16",
        "name": "NIK Limburg",
        "hospital": "Maastricht UMC+",
        "children_hospital": "",
        "municipalities": ["Maastricht", "Heerlen", "Sittard-Geleen", "Venlo", "Roermond", "Weert"],
    },
]

# What a network offers, in the words of a region's public page (made up for the demo).
DEMO_OFFER = """Eén vast aanspreekpunt voor het hele gezin
Samen met jullie één plan voor de zorg thuis, in het ziekenhuis en op school
Hulp bij het vinden van logeeropvang, thuiszorg en steun voor broers en zussen
Advies over geldzaken, aanvragen en regelingen
Een zorgteam dat elkaar kent en samenwerkt"""

HOLLAND_RIJNLAND_HOSPITALS = [
    ("LUMC Willem-Alexander Kinderziekenhuis", OrganizationKind.UMC, "Leiden", True),
    ("Alrijne Ziekenhuis", OrganizationKind.GENERAL_HOSPITAL, "Leiderdorp", False),
    ("Groene Hart Ziekenhuis", OrganizationKind.GENERAL_HOSPITAL, "Gouda", False),
    (
        "Juliana Kinderziekenhuis (HagaZiekenhuis)",
        OrganizationKind.GENERAL_HOSPITAL,
        "Den Haag",
        False,
    ),
    ("Reinier de Graaf", OrganizationKind.GENERAL_HOSPITAL, "Delft", False),
]

HOLLAND_RIJNLAND_LACKS = {OrganizationKind.HOSPICE, OrganizationKind.SCHOOL_SUPPORT}

# Made-up organisation names per kind, each with a place-holder for the town.
NAME_PATTERNS: dict[str, list[str]] = {
    OrganizationKind.HOME_CARE: [
        "Kinderthuiszorg {town}",
        "Thuiszorg De Linde {town}",
        "Kindzorg Aan Huis {town}",
    ],
    OrganizationKind.GP_PRACTICE: ["Huisartsenpraktijk {name}", "Gezondheidscentrum {town}-Noord"],
    OrganizationKind.PHARMACY: ["Apotheek {town} Centrum", "Service Apotheek {name}"],
    OrganizationKind.YOUTH_HEALTH_CARE: ["Jeugdgezondheidszorg {town} e.o."],
    OrganizationKind.HOSPICE: [
        "Kinderhospice De Vlinder",
        "Logeerhuis Het Zonnehuis",
        "Respijthuis De Oever",
    ],
    OrganizationKind.THERAPY_PRACTICE: [
        "Kinderfysiotherapie {town}",
        "Praktijk voor Logopedie {name}",
        "Ergotherapie Kind & Zo",
        "Diëtistenpraktijk {town}",
    ],
    OrganizationKind.MENTAL_HEALTH: ["Kind & Jeugd GGZ {town}", "Psychologenpraktijk {name}"],
    OrganizationKind.SPIRITUAL_CARE: ["Centrum voor Levensvragen {town}"],
    OrganizationKind.SCHOOL_SUPPORT: ["Educatieve voorzieningen zieke leerlingen {town}"],
    OrganizationKind.MUNICIPALITY: ["Gemeente {town}"],
    OrganizationKind.PARENT_ORGANIZATION: [
        "Oudervereniging Samen Sterk",
        "Stichting Broertjes en Zusjes",
    ],
    OrganizationKind.KNOWLEDGE_CENTRE: ["Kenniscentrum (regionaal steunpunt)"],
    OrganizationKind.OTHER: ["Vrijwilligerscentrale {town}", "Stichting Wensdromen"],
}

# Which disciplines fit which kind of organisation.
KIND_DISCIPLINES: dict[str, list[str]] = {
    OrganizationKind.UMC: [
        DisciplineCode.DOCTOR,
        DisciplineCode.NURSE,
        DisciplineCode.PSYCHOLOGIST,
        DisciplineCode.SOCIAL_WORKER,
        DisciplineCode.SPIRITUAL_CARER,
        DisciplineCode.PEDAGOGUE,
        DisciplineCode.DIETITIAN,
    ],
    OrganizationKind.GENERAL_HOSPITAL: [
        DisciplineCode.DOCTOR,
        DisciplineCode.NURSE,
        DisciplineCode.PEDAGOGUE,
        DisciplineCode.SOCIAL_WORKER,
    ],
    OrganizationKind.HOME_CARE: [DisciplineCode.NURSE],
    OrganizationKind.GP_PRACTICE: [DisciplineCode.DOCTOR],
    OrganizationKind.PHARMACY: [DisciplineCode.PHARMACIST],
    OrganizationKind.YOUTH_HEALTH_CARE: [DisciplineCode.DOCTOR, DisciplineCode.NURSE],
    OrganizationKind.HOSPICE: [DisciplineCode.NURSE, DisciplineCode.PEDAGOGUE],
    OrganizationKind.THERAPY_PRACTICE: [
        DisciplineCode.PHYSIOTHERAPIST,
        DisciplineCode.OCCUPATIONAL_THERAPIST,
        DisciplineCode.SPEECH_THERAPIST,
        DisciplineCode.DIETITIAN,
    ],
    OrganizationKind.MENTAL_HEALTH: [DisciplineCode.PSYCHOLOGIST, DisciplineCode.GRIEF_THERAPIST],
    OrganizationKind.SPIRITUAL_CARE: [
        DisciplineCode.SPIRITUAL_CARER,
        DisciplineCode.GRIEF_THERAPIST,
    ],
    OrganizationKind.SCHOOL_SUPPORT: [DisciplineCode.SCHOOL_SUPPORT_CONSULTANT],
    OrganizationKind.MUNICIPALITY: [DisciplineCode.SOCIAL_WORKER],
    OrganizationKind.PARENT_ORGANIZATION: [],
    OrganizationKind.KNOWLEDGE_CENTRE: [DisciplineCode.NURSE],
    OrganizationKind.OTHER: [DisciplineCode.SOCIAL_WORKER],
}

JOB_TITLES: dict[str, str] = {
    DisciplineCode.DOCTOR: "Kinderarts",
    DisciplineCode.NURSE: "Kinderverpleegkundige",
    DisciplineCode.PHARMACIST: "Apotheker",
    DisciplineCode.PHYSIOTHERAPIST: "Kinderfysiotherapeut",
    DisciplineCode.OCCUPATIONAL_THERAPIST: "Ergotherapeut",
    DisciplineCode.SPEECH_THERAPIST: "Logopedist",
    DisciplineCode.DIETITIAN: "Diëtist",
    DisciplineCode.GRIEF_THERAPIST: "Rouw- en verliestherapeut",
    DisciplineCode.PSYCHOLOGIST: "Kinderpsycholoog",
    DisciplineCode.SOCIAL_WORKER: "Maatschappelijk werker",
    DisciplineCode.SPIRITUAL_CARER: "Geestelijk verzorger",
    DisciplineCode.PEDAGOGUE: "Pedagogisch medewerker",
    DisciplineCode.SCHOOL_SUPPORT_CONSULTANT: "Consulent onderwijsondersteuning",
}

# The accounts `nik demo` prints; the professionals' own demo accounts are not listed.
ACCOUNT_PATTERN = r"^(coordinator|casemanager|member|outsider|steering|parent|national|admin)@"
# A member of the first network on no care team: to see what such a member may not see.
OUTSIDER = "outsider"

DEMO_ROLES_PER_REGION = [
    Role.COORDINATOR,
    Role.CASEMANAGER,
    Role.MEMBER,
    Role.STEERING,
    Role.PARENT,
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    region: str


def demo_email(role: str, region_slug: str) -> str:
    return f"{role}@{region_slug}.example"


def demo_present() -> bool:
    return User.objects.filter(is_demo=True).exists()


def build_region(
    spec: dict[str, object], rng: random.Random, fake: Faker, disciplines: dict[str, Discipline]
) -> tuple[Region, list[Organization]]:
    """One region of REGIONS with its municipalities, organisations and professionals."""
    region = Region.objects.create(
        slug=str(spec["slug"]),
        name=str(spec["name"]),
        hospital=str(spec["hospital"]),
        children_hospital=str(spec["children_hospital"]),
        description=str(spec.get("description", "")),
        phone=str(spec["phone"]),
        email=f"contact@{spec['slug']}.example",
        hours="Maandag tot en met vrijdag, 9.00 tot 17.00 uur",
        offer=DEMO_OFFER,
        postcodes=str(spec["postcodes"]),
    )
    towns = {
        name: Municipality.objects.create(region=region, name=name)
        for name in spec["municipalities"]  # type: ignore[attr-defined]
    }
    big = region.slug == BIG_REGION
    organizations = _organizations(region, towns, rng, fake, count=40 if big else 10)
    _professionals(region, organizations, disciplines, rng, fake, count=120 if big else 25)
    return region, organizations


def region_accounts(region: Region, fake: Faker) -> tuple[dict[str, User], list[DemoAccount]]:
    """The region's demo accounts, one per role (and an outsider in the first network)."""
    users: dict[str, User] = {}
    accounts: list[DemoAccount] = []
    roles = DEMO_ROLES_PER_REGION + ([OUTSIDER] if region.slug == BIG_REGION else [])
    for role in roles:
        email = demo_email(role, region.slug)
        users[role] = _demo_user(email, fake.name())
        Membership.objects.create(
            user=users[role], region=region, role=Role.MEMBER if role == OUTSIDER else role
        )
        accounts.append(DemoAccount(email, role, region.slug))
    return users, accounts


def national_accounts(fake: Faker) -> list[DemoAccount]:
    """The knowledge centre's analyst (every region) and the administrator."""
    national = _demo_user("national@nik.example", fake.name())
    for region in Region.objects.all():
        Membership.objects.create(user=national, region=region, role=Role.NATIONAL)
    admin = _demo_user("admin@nik.example", "Beheerder NIK", is_staff=True, is_superuser=True)
    return [
        DemoAccount(national.email, Role.NATIONAL, "*"),
        DemoAccount(admin.email, Role.ADMIN, "*"),
    ]


def remove() -> int:
    """Delete the demo accounts (their memberships go with them)."""
    count, _ = User.objects.filter(is_demo=True).delete()
    return count


def _demo_user(email: str, full_name: str, **extra: bool) -> User:
    user = User(email=email, full_name=full_name, is_demo=True, **extra)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _organizations(
    region: Region,
    towns: dict[str, Municipality],
    rng: random.Random,
    fake: Faker,
    *,
    count: int,
) -> list[Organization]:
    made: list[Organization] = []
    names: set[str] = set()
    town_names = sorted(towns)

    def add(name: str, kind: str, town: str, kct: bool = False) -> None:
        if name in names:
            return
        names.add(name)
        made.append(
            Organization.objects.create(
                region=region,
                name=name,
                kind=kind,
                municipality=towns[town],
                has_comfort_team=kct,
                phone=f"0{rng.randint(10, 79)}-{rng.randint(1000000, 9999999)}",
                email=f"info@{_slug(name)}.example",
                address=f"{fake.street_name()} {rng.randint(1, 200)}, {town}",
            )
        )

    if region.slug == "holland-rijnland":
        for name, hospital_kind, town, kct in HOLLAND_RIJNLAND_HOSPITALS:
            add(name, hospital_kind, town, kct)
    else:
        add(str(region.hospital), OrganizationKind.UMC, town_names[0], True)
    # The first network lacks a children's hospice and school support: two white spots to find.
    kinds: list[str] = [
        k
        for k in NAME_PATTERNS
        if not (region.slug == "holland-rijnland" and k in HOLLAND_RIJNLAND_LACKS)
    ]
    attempts = 0
    while len(made) < count and attempts < count * 20:
        attempts += 1
        kind = kinds[(len(made) + attempts) % len(kinds)]
        town = rng.choice(town_names)
        pattern = rng.choice(NAME_PATTERNS[kind])
        add(pattern.format(town=town, name=fake.last_name()), kind, town)
    return made


def _professionals(
    region: Region,
    organizations: list[Organization],
    disciplines: dict[str, Discipline],
    rng: random.Random,
    fake: Faker,
    *,
    count: int,
) -> None:
    staffed = [o for o in organizations if KIND_DISCIPLINES[o.kind]]
    # Every discipline once first, so the big region covers them all; then at random.
    plan: list[tuple[Organization, str]] = []
    for code in DisciplineCode.values:
        fitting = [o for o in staffed if code in KIND_DISCIPLINES[o.kind]]
        if fitting and (region.slug == "holland-rijnland" or rng.random() < 0.7):
            plan.append((rng.choice(fitting), code))
    while len(plan) < count:
        org = rng.choice(staffed)
        plan.append((org, rng.choice(KIND_DISCIPLINES[org.kind])))
    for org, code in plan[:count]:
        name = fake.name()
        person = Professional.objects.create(
            region=region,
            organization=org,
            full_name=name,
            job_title=JOB_TITLES[code],
            email=f"{_slug(name)}@{_slug(org.name)}.example",
            phone=f"06-{rng.randint(10000000, 99999999)}",
        )
        person.disciplines.add(disciplines[code])


def _slug(text: str) -> str:
    return slugify(text).replace("-", "")[:40] or "org"
