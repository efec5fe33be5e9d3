"""A user's roles per region are read once for a request's doors, and never kept past a change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nik.core import access
from nik.core.models import Membership, Role, User

pytestmark = pytest.mark.django_db


def test_the_doors_of_one_request_ask_for_the_roles_once(region, coordinator):
    user = User.objects.get(pk=coordinator.pk)  # as a request's user: a fresh object
    with CaptureQueriesContext(connection) as queries:
        assert access.is_coordinator(user, region)
        assert access.can_edit_region(user, region)
        assert not access.is_steering(user, region)
        assert access.region_role(user, region.pk) == Role.COORDINATOR
        assert user.needs_second_factor()
    assert len(queries) == 1


def test_a_role_given_or_taken_counts_at_once_for_the_same_user_object(
    region, other_region, coordinator
):
    user = User.objects.get(pk=coordinator.pk)
    assert not access.is_coordinator(user, other_region)
    given = Membership.objects.create(user=user, region=other_region, role=Role.COORDINATOR)
    assert access.is_coordinator(user, other_region)
    given.delete()
    assert not access.is_coordinator(user, other_region)
    Membership.objects.filter(user=user, region=region).delete()
    assert not access.is_coordinator(user, region)
    assert not access.can_open_region_record(user, region.pk)


def test_a_role_taken_in_another_process_counts_from_the_next_request(login, region, coordinator):
    """The memo lives on one request's user; the next request reads the roles again."""
    client = login(coordinator)
    assert client.get(f"/regions/{region.slug}/referrals/").status_code == 200
    # As another process would: no signal reaches this one.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_membership WHERE user_id = %s", [coordinator.pk])
    assert client.get(f"/regions/{region.slug}/referrals/").status_code in (302, 403, 404)
