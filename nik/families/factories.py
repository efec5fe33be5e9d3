"""factory-boy factories for family data, shared by the tests and the benchmark."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from nik.core.factories import RegionFactory
from nik.core.sorting import sort_key

from .models import Family


class FamilyFactory(DjangoModelFactory):
    class Meta:
        model = Family

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gezin {n}")
    # save() keeps it; set here too for build() + bulk_create (the benchmark), which skip save().
    sort_name = factory.LazyAttribute(lambda family: sort_key(family.name))
