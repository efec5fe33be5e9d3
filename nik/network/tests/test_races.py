"""Two people saving the same register entry at once: one save stands, the other is told (PostgreSQL)."""

from __future__ import annotations

import pytest

from nik.core.concurrency import EditConflict
from nik.core.factories import OrganizationFactory
from nik.core.models import Organization
from nik.network import actions
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_saves_from_the_same_version_keep_the_first(region, coordinator):
    org = OrganizationFactory(region=region, name="LUMC", phone="071-0000000")
    mine, theirs = (Organization.objects.get(pk=org.pk) for _ in range(2))
    mine.phone, theirs.phone = "071-1111111", "071-2222222"

    first, second = race(
        lambda: actions.do_save_organization(
            mine, acting_user=coordinator, seen_version=1, fields=["phone"]
        ),
        lambda: actions.do_save_organization(
            theirs, acting_user=coordinator, seen_version=1, fields=["phone"]
        ),
    )
    assert isinstance(first, Organization)
    assert isinstance(second, EditConflict)
    assert second.changed == {"phone": "071-1111111"}
    stored = Organization.objects.get(pk=org.pk)
    assert (stored.phone, stored.version) == ("071-1111111", 2)
