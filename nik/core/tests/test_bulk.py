"""Writing an import's rows in one go (COPY on PostgreSQL, bulk_create elsewhere), and the cycle
collector held back while an import runs."""

from __future__ import annotations

import gc
from contextlib import ExitStack
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from nik.core.bulk import fewer_collections, insert_all
from nik.core.factories import MunicipalityFactory
from nik.core.models import Organization, OrganizationKind

pytestmark = pytest.mark.django_db


def test_rows_are_written_as_a_save_would_write_them(region):
    municipality = MunicipalityFactory()
    before = timezone.now()
    insert_all(
        [
            Organization(
                region=region,
                name="Kinderthuiszorg Noord",
                kind=OrganizationKind.HOME_CARE,
                municipality=municipality,
                has_comfort_team=True,
                expertise="sondevoeding; “pijn” en\ttabs\nop twee regels",
            ),
            Organization(region_id=region.pk, name="Apotheek ’t Hoen", kind="pharmacy"),
        ]
    )
    home, pharmacy = Organization.objects.filter(region=region).order_by("name").reverse()
    assert (home.name, home.kind, home.municipality, home.has_comfort_team) == (
        "Kinderthuiszorg Noord",
        "home_care",
        municipality,
        True,
    )
    assert home.expertise == "sondevoeding; “pijn” en\ttabs\nop twee regels"
    assert (pharmacy.name, pharmacy.municipality, pharmacy.has_comfort_team) == (
        "Apotheek ’t Hoen",
        None,
        False,
    )
    # Defaults and auto_now as on a save: version 1, both times set now.
    assert pharmacy.version == 1
    for org in (home, pharmacy):
        assert before <= org.created_at <= timezone.now()
        assert abs(org.updated_at - org.created_at) < timedelta(seconds=5)


def test_one_wrong_row_writes_nothing(region):
    rows = [Organization(region=region, name=f"Praktijk {n}", kind="other") for n in range(3)]
    rows.append(Organization(region=region, name="Praktijk 1", kind="other"))  # twice
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_all(rows)
    assert not Organization.objects.filter(region=region).exists()


def test_nothing_to_write_is_no_error():
    insert_all([])


def test_the_collector_is_held_back_while_imports_run_and_put_back_after_the_last():
    usual = gc.get_threshold()
    with ExitStack() as first:
        first.enter_context(fewer_collections())
        assert gc.get_threshold()[0] >= 50_000
        second = ExitStack()
        second.enter_context(fewer_collections())
        first.close()  # the first import ends while the second still runs
        assert gc.get_threshold()[0] >= 50_000
        second.close()
    assert gc.get_threshold() == usual
