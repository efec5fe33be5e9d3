"""List pages and API lists of family data: the number of queries does not grow with the rows."""

from __future__ import annotations

from datetime import date

import pytest

from nik.core.models import ApiToken
from nik.families import actions
from nik.families.models import EmergencyAccess, Inquiry
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def _families(region, coordinator, start: int, count: int) -> None:
    for i in range(start, start + count):
        referral = actions.do_create_referral(
            region,
            child=actions.ChildDetails(
                first_name=f"Kind{i}", last_name=f"Achternaam{i}", date_of_birth=date(2018, 1, 1)
            ),
            guardians=[{"name": f"Ouder {i}"}],
            source="gp",
            referrer_name="",
            referrer_contact="",
            question="",
            consent_to_share=True,
            acting_user=coordinator,
        )
        Inquiry.objects.create(
            region=region,
            family=referral.family,
            topic="respite",
            question="Logeren?",
            name=f"Ouder {i}",
            phone="06-1",
        )
        EmergencyAccess.objects.create(
            family=referral.family,
            user=coordinator,
            reason="Acute opname",
            opened_at=referral.received_at,
            expires_at=referral.received_at,
        )


@pytest.mark.parametrize(
    "path",
    [
        "/families/",
        "/regions/{slug}/referrals/",
        "/regions/{slug}/inquiries/?status=",
        "/regions/{slug}/emergency-access/",
        "/",
    ],
)
def test_a_list_page_makes_as_many_queries_for_twelve_families_as_for_three(
    client, login, coordinator, region, path
):
    client = login(coordinator)
    url = path.format(slug=region.slug)
    _families(region, coordinator, 0, 3)
    few = queries_of(lambda: client.get(url))
    _families(region, coordinator, 3, 9)
    many = queries_of(lambda: client.get(url))
    assert many <= few, f"{url}: {few} queries for 3 families, {many} for 12"


def test_the_api_family_list_makes_as_many_queries_for_twelve_families_as_for_three(
    client, coordinator, region
):
    headers = {"Authorization": f"Bearer {ApiToken.issue(coordinator)}"}
    _families(region, coordinator, 0, 3)
    few = queries_of(lambda: client.get("/api/v1/families", headers=headers))
    _families(region, coordinator, 3, 9)
    many = queries_of(lambda: client.get("/api/v1/families", headers=headers))
    assert many <= few
