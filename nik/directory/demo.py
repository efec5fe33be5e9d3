"""Real-looking wegwijzer entries: about 150 across the regions, some not confirmed for over a year.
The parametrised search test (tests/test_parent_words.py) searches one town's worth of them."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from nik.core.models import Organization, OrganizationKind, Region

from .actions import do_save_service
from .models import Category, Place, Service

# (name pattern, category, description, for whom, ages, financing, cost)
KINDS = [
    (
        "Logeerhuis {town}",
        Category.RESPITE,
        "Een logeerhuis waar je kind een weekend of een week kan logeren, met verpleegkundige zorg. Ouders krijgen even rust.",
        "Kinderen met een ernstige ziekte of beperking",
        (0, 18),
        "wlz,jeugdwet,pgb",
        "Via de Wlz of Jeugdwet; soms een eigen bijdrage",
    ),
    (
        "Kinderhospice {town}",
        Category.RESPITE,
        "Kinderhospice met respijtzorg en zorg in de laatste levensfase, in een huiselijke omgeving.",
        "Kinderen en jongeren tot 23 jaar en hun gezin",
        (0, 23),
        "wlz,zvw",
        "Vergoed vanuit de Wlz of Zvw",
    ),
    (
        "Kinderthuiszorg {town}",
        Category.HOME_NURSING,
        "Verpleging en verzorging van je kind thuis, ook 's nachts. Wij werken samen met het ziekenhuis.",
        "Kinderen die thuis verpleging nodig hebben",
        (0, 18),
        "zvw,pgb",
        "Vergoed door de zorgverzekering",
    ),
    (
        "Broertjes en Zusjes Club {town}",
        Category.SIBLINGS,
        "Een groep voor broertjes en zusjes van een ziek kind: samen spelen, praten en even niet thuis.",
        "Broers en zussen van 6 tot 16 jaar",
        (6, 16),
        "free",
        "Gratis",
    ),
    (
        "Oudercontactgroep {town}",
        Category.PARENTS,
        "Ouders van een ernstig ziek kind ontmoeten elkaar en delen ervaringen.",
        "Ouders",
        (0, 23),
        "free",
        "Gratis",
    ),
    (
        "Zorgadvies Geld & Regelzaken {town}",
        Category.FINANCING,
        "Hulp bij het aanvragen van een PGB, de Wlz of vergoedingen van de gemeente.",
        "Ouders",
        (0, 23),
        "wmo,free",
        "Gratis",
    ),
    (
        "Kind & Jeugd Psychologie {town}",
        Category.PSYCHOSOCIAL,
        "Gesprekken voor kinderen en ouders die het moeilijk hebben door de ziekte.",
        "Kinderen en ouders",
        (4, 18),
        "jeugdwet",
        "Vergoed via de gemeente (Jeugdwet)",
    ),
    (
        "Geestelijke verzorging thuis {town}",
        Category.SPIRITUAL,
        "Een geestelijk verzorger komt bij jullie thuis voor gesprekken over zingeving en levensvragen.",
        "Kinderen en hun gezin",
        (0, 23),
        "free,wmo",
        "Gratis",
    ),
    (
        "Onderwijsondersteuning zieke leerlingen {town}",
        Category.SCHOOL,
        "Een consulent helpt school en ouders zodat je kind zo veel mogelijk kan blijven leren.",
        "Leerlingen in het basis- en voortgezet onderwijs",
        (4, 20),
        "free",
        "Gratis voor ouders en school",
    ),
    (
        "Rouwgroep voor kinderen {town}",
        Category.GRIEF,
        "Een groep voor kinderen die een broer of zus verloren hebben.",
        "Kinderen van 6 tot 18 jaar",
        (6, 18),
        "free",
        "Gratis",
    ),
    (
        "Hulpmiddelenpunt {town}",
        Category.AIDS,
        "Advies en uitleen van hulpmiddelen: aangepaste buggy's, tilliften en bedden.",
        "Gezinnen met een ziek kind",
        (0, 23),
        "wmo,zvw",
        "Vergoed via Wmo of zorgverzekering",
    ),
    (
        "Vrijwillige thuishulp {town}",
        Category.VOLUNTEERS,
        "Een vrijwilliger komt bij jullie thuis om op te passen of met broers en zussen iets leuks te doen.",
        "Gezinnen met een ziek kind",
        (0, 18),
        "free",
        "Gratis",
    ),
    (
        "Aangepast vervoer {town}",
        Category.FINANCING,
        "Vervoer naar school of het ziekenhuis met een rolstoeltaxi of de regiotaxi. Wij helpen bij de aanvraag bij de gemeente of de zorgverzekeraar.",
        "Kinderen die niet zelf kunnen reizen",
        (0, 23),
        "wmo,zvw",
        "Vergoed via de Wmo of de zorgverzekering; soms een eigen bijdrage",
    ),
    (
        "Nachtzorg {town}",
        Category.HOME_NURSING,
        "Een verpleegkundige waakt 's nachts bij je kind thuis, zodat jullie kunnen slapen.",
        "Kinderen die 's nachts veel zorg nodig hebben",
        (0, 18),
        "wlz,pgb",
        "Via de Wlz of een PGB",
    ),
    (
        "Kinderfysiotherapie en voedingsadvies {town}",
        Category.HOME_NURSING,
        "Fysiotherapie, ergotherapie en advies van een diëtist over voeding en sondevoeding, bij jullie thuis.",
        "Kinderen met een ernstige ziekte",
        (0, 18),
        "zvw",
        "Vergoed door de zorgverzekering",
    ),
    (
        "Maatschappelijk werk {town}",
        Category.PSYCHOSOCIAL,
        "Een maatschappelijk werker helpt als zorgen over werk, geld of het gezin te veel worden.",
        "Ouders en gezinnen",
        (0, 23),
        "wmo,free",
        "Gratis",
    ),
    (
        "Kinderdagcentrum {town}",
        Category.RESPITE,
        "Dagbesteding in een medisch kinderdagverblijf: je kind speelt en leert overdag, met verpleegkundige zorg.",
        "Kinderen die overdag veel zorg nodig hebben",
        (0, 18),
        "wlz,jeugdwet",
        "Via de Wlz of de Jeugdwet",
    ),
    (
        "Afscheid en uitvaart {town}",
        Category.GRIEF,
        "Hulp bij het afscheid van je kind: de begrafenis of crematie samen voorbereiden, en daarna een gesprek over het verdriet.",
        "Het gezin",
        (0, 23),
        "free",
        "Gratis",
    ),
]
NATIONAL = [
    (
        "Landelijke ouderlijn ernstig zieke kinderen",
        Category.PARENTS,
        "Telefonisch praten met een ervaren ouder, elke werkdag.",
        "Ouders",
        (0, 23),
        "free",
        "Gratis",
    ),
    (
        "Wensstichting voor zieke kinderen",
        Category.VOLUNTEERS,
        "Wij vervullen een wens van een ernstig ziek kind, samen met het gezin.",
        "Kinderen van 3 tot 18 jaar",
        (3, 18),
        "free",
        "Gratis",
    ),
    (
        "Vakantiehuis voor gezinnen met een ziek kind",
        Category.RESPITE,
        "Een week vakantie met het hele gezin in een aangepast vakantiehuis, met zorg voor je kind in de buurt.",
        "Gezinnen met een ernstig ziek kind",
        (0, 23),
        "free",
        "Een kleine eigen bijdrage",
    ),
]


def populate(rng: random.Random) -> int:
    today = timezone.localdate()
    made = 0
    for region in Region.objects.order_by("slug"):
        towns = list(region.municipalities.order_by("name").values_list("name", flat=True))
        owners = list(
            Organization.objects.filter(region=region).exclude(kind=OrganizationKind.UMC)[:20]
        ) or list(Organization.objects.filter(region=region))
        per_region = 40 if region.slug == "holland-rijnland" else 19
        for i in range(per_region):
            pattern, category, description, for_whom, (low, high), financing, cost = KINDS[
                i % len(KINDS)
            ]
            if (
                region.slug == "holland-rijnland"
                and category == Category.RESPITE
                and i >= len(KINDS)
            ):
                town = "Leiden"
            else:
                town = towns[(i * 7) % len(towns)]
            place = Place.objects.filter(city__iexact=town).first()
            stale = i % 9 == 4
            service = Service(
                region=region,
                organization=rng.choice(owners),
                name=pattern.format(town=town),
                description=description,
                for_whom=for_whom,
                category=category,
                age_min=low,
                age_max=high,
                financing=financing,
                cost=cost,
                languages="nl,en" if i % 4 == 0 else "nl",
                address=f"Dorpsstraat {rng.randint(1, 120)}",
                postcode=place.postcode if place else "",
                city=town,
                phone=f"0{rng.randint(10, 79)}-{rng.randint(1000000, 9999999)}",
                email=f"info@{pattern.split()[0].lower()}{i}.example",
                contact_name="Coördinator zorgaanbod",
                contact_email=f"aanbod{i}@{region.slug}.example",
                last_confirmed=today - timedelta(days=400 + i)
                if stale
                else today - timedelta(days=rng.randint(5, 300)),
            )
            if Service.objects.filter(region=region, name=service.name).exists():
                house = ["De Zeester", "Het Anker", "De Vlinder", "Zonnestraal", "De Linde"][i % 5]
                service.name = f"{house} — {service.name}"
            do_save_service(service, acting_user=None)
            if stale:
                Service.objects.filter(pk=service.pk).update(
                    last_confirmed=today - timedelta(days=400 + i)
                )
            made += 1
    owner = (
        Organization.objects.filter(kind=OrganizationKind.PARENT_ORGANIZATION).first()
        or Organization.objects.first()
    )
    for name, category, description, for_whom, (low, high), financing, cost in NATIONAL:
        do_save_service(
            Service(
                region=None,
                organization=owner,
                name=name,
                description=description,
                for_whom=for_whom,
                category=category,
                age_min=low,
                age_max=high,
                financing=financing,
                cost=cost,
                phone="0800-0123456",
                last_confirmed=today - timedelta(days=30),
            ),
            acting_user=None,
        )
        made += 1
    return made
