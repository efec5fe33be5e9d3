"""factory-boy factories for family data, shared by the tests and the benchmark."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from nik.core.factories import RegionFactory

from .models import Family


class FamilyFactory(DjangoModelFactory):
    class Meta:
        model = Family

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gezin {n}")
