"""Choosing a case manager when a referral is accepted: a searchable picker, not a list of every
case manager of the region (hundreds in a large one), and only the region's case managers count."""

from __future__ import annotations

import re

import pytest

from nik.core.factories import MembershipFactory, UserFactory, person
from nik.core.models import Role
from nik.families.models import Referral, ReferralStatus
from nik.families.tests.test_families import _referral

pytestmark = pytest.mark.django_db

RADIO = re.compile(r'<input type="radio" name="casemanager" value="(\d*)"( checked)?')


def _staff(region, n: int, start: int = 0) -> list:
    users = []
    for i in range(start, start + n):
        user = person(region, Role.CASEMANAGER, f"cm{i:03}@nik.test")
        user.full_name = f"Casemanager {i:03}"
        user.save(update_fields=["full_name"])
        users.append(user)
    return users


def _decision(region, referral) -> str:
    return f"/regions/{region.slug}/referrals/{referral.pk}/"


def _pick(region) -> str:
    return f"/regions/{region.slug}/referrals/casemanagers/"


def test_the_decision_draws_a_few_and_accepts_any_of_the_region(client, login, region, coordinator):
    staff = _staff(region, 30)
    # Coordinators may be case managers too: this one's name comes after the staff's.
    coordinator.full_name = "Zoë Coördinator"
    coordinator.save(update_fields=["full_name"])
    referral = _referral(region, coordinator)
    client = login(coordinator)
    page = client.get(_decision(region, referral)).text
    drawn = [value for value, _checked in RADIO.findall(page)]
    # "none" and the first twelve by name; the search field finds the rest.
    assert drawn == ["", *(str(u.pk) for u in staff[:12])]
    assert 'type="search"' in page and _pick(region) in page
    last = staff[-1]
    assert str(last.pk) not in drawn
    answer = client.post(
        _decision(region, referral), {"decision": "accept", "casemanager": last.pk}
    )
    assert answer.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.family.casemanager) == (ReferralStatus.ACCEPTED, last)


@pytest.mark.parametrize("who", ["other region", "member", "inactive"])
def test_only_an_active_case_manager_of_the_region_can_be_chosen(
    client, login, region, other_region, coordinator, who
):
    if who == "other region":
        [stranger] = _staff(other_region, 1)
    elif who == "member":
        stranger = person(region, Role.MEMBER, "lid@nik.test")
    else:
        [stranger] = _staff(region, 1)
        stranger.is_active = False
        stranger.save(update_fields=["is_active"])
    referral = _referral(region, coordinator)
    answer = login(coordinator).post(
        _decision(region, referral), {"decision": "accept", "casemanager": stranger.pk}
    )
    assert answer.status_code == 200
    assert "Selecteer een geldige keuze" in answer.text
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.OPEN


def test_a_refused_decision_keeps_the_chosen_case_manager_shown(client, login, region, coordinator):
    staff = _staff(region, 20)
    referral = _referral(region, coordinator)
    chosen = staff[-1]
    # No decision chosen: the form comes back, with the case manager still chosen.
    page = login(coordinator).post(
        _decision(region, referral), {"decision": "", "casemanager": chosen.pk}
    )
    assert page.status_code == 200
    assert (str(chosen.pk), " checked") in RADIO.findall(page.text)


def test_the_picker_finds_by_name_and_keeps_the_choice_first(client, login, region, coordinator):
    staff = _staff(region, 20)
    wanted = UserFactory(email="a.zeeman@nik.test", full_name="Anna Zeeman")
    MembershipFactory(user=wanted, region=region, role=Role.CASEMANAGER)
    client = login(coordinator)
    rows = client.get(_pick(region), {"casemanager__search": "zeeman"}).text
    assert "Anna Zeeman" in rows and "Casemanager 0" not in rows
    rows = client.get(
        _pick(region), {"casemanager__search": "casemanager 01", "casemanager": wanted.pk}
    ).text
    found = RADIO.findall(rows)
    assert found[1] == (str(wanted.pk), " checked")
    # Every word must match: "01" is in 001 and in 010-019.
    assert [v for v, _c in found[2:]] == [str(u.pk) for u in [staff[1], *staff[10:20]]]
    # Junk in the choice is no choice; a search for nothing says so.
    rows = client.get(_pick(region), {"casemanager": "1 OR 1=1", "casemanager__search": "qqq"})
    assert rows.status_code == 200 and "Niets gevonden" in rows.text


@pytest.mark.parametrize("who", ["other_coordinator", "casemanager", "steering"])
def test_only_the_regions_coordinators_may_ask_the_picker(
    client, login, region, coordinator, request, who
):
    _staff(region, 3)
    answer = login(request.getfixturevalue(who)).get(_pick(region), {"casemanager__search": "c"})
    assert answer.status_code in (403, 404)
    assert "Casemanager 00" not in answer.text
    client.logout()
    assert client.get(_pick(region)).status_code == 302  # to the login page


def test_the_decision_page_does_not_grow_with_the_case_managers(
    client, login, region, coordinator, django_assert_max_num_queries
):
    _staff(region, 3)
    referral = _referral(region, coordinator)
    client = login(coordinator)
    client.get(_decision(region, referral))
    with django_assert_max_num_queries(40) as few:
        client.get(_decision(region, referral))
    _staff(region, 40, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(_decision(region, referral)).text
    assert len(RADIO.findall(page)) == 13
