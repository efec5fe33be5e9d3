"""Deterministic, real-looking demo data for `nik demo`: every app's demo.py, in a fixed order.

The seven regions and their academic hospitals are public facts (PRODUCT.md). Organisations
other than the hospitals, and every person, are made up; names come from Faker's Dutch
locale, seeded, so every run gives the same data (the order of the calls is part of the seed).
"""

from __future__ import annotations

import random

from django.db import transaction
from faker import Faker

from nik.careplans import demo as careplans_demo
from nik.casework import demo as casework_demo
from nik.core import demo as core_demo
from nik.core.demo import DEMO_PASSWORD, SEED, DemoAccount
from nik.core.models import Discipline, Role
from nik.directory import demo as directory_demo
from nik.families import demo as families_demo
from nik.learning import demo as learning_demo
from nik.monitoring import demo as monitoring_demo
from nik.network import demo as network_demo
from nik.roadmap import demo as roadmap_demo
from nik.signals import demo as signals_demo

__all__ = ["DEMO_PASSWORD", "load"]


@transaction.atomic
def load(seed: int = SEED) -> list[DemoAccount]:
    """Build the demo data. Same seed, same data."""
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    disciplines = Discipline.objects.ensure_all()
    accounts: list[DemoAccount] = []
    regions = []
    for spec in core_demo.REGIONS:
        region, organizations = core_demo.build_region(spec, rng, fake, disciplines)
        big = region.slug == core_demo.BIG_REGION
        regions.append(region)
        network_demo.photo(region, organizations, rng, fake, full=big)
        users, region_accounts = core_demo.region_accounts(region, fake)
        accounts += region_accounts
        families_demo.populate(region, users, rng, fake, full=big)
        careplans_demo.populate(region, rng)
        if big:
            big_coordinator = users[Role.COORDINATOR]
            roadmap_demo.populate(region, users[Role.COORDINATOR], users[Role.STEERING])
            casework_demo.populate(region, users[Role.COORDINATOR], users[Role.MEMBER])
    directory_demo.populate(rng)
    learning_demo.populate(regions, seed + 7)  # its own numbers: the others' data stays the same
    casework_demo.populate_together(regions, seed + 8)
    monitoring_demo.populate(regions, big_coordinator)
    accounts += core_demo.national_accounts(fake)
    signals_demo.populate(regions, seed + 9)
    return accounts
