"""The one door: who may and may not see a family, and that every attempt is logged."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from nik.core.models import AuditEvent, AuditOutcome
from nik.families import access as family_access
from nik.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_families_of_their_region(coordinator, family, other_region):
    FamilyFactory(region=other_region)
    assert list(family_access.visible_families(coordinator)) == [family]


def test_coordinator_of_another_region_sees_none(other_coordinator, family):
    assert not family_access.visible_families(other_coordinator).exists()


def test_parent_sees_only_their_own_family(parent, family, region):
    FamilyFactory(region=region, name="Gezin Anders")
    assert list(family_access.visible_families(parent)) == [family]


def test_portal_link_without_a_parent_role_gives_nothing(member, family):
    family.portal_users.add(member)
    assert not family_access.visible_families(member).exists()


@pytest.mark.parametrize("persona", ["steering", "national", "admin_user", "member", "casemanager"])
def test_roles_without_a_rule_see_no_family(persona, request, family):
    # Care-team members get access with the care team and consent (families issue).
    user = request.getfixturevalue(persona)
    assert not family_access.visible_families(user).exists()


def test_a_family_reached_by_every_rule_at_once_is_listed_once(region, coordinator, family):
    """The rule needs no DISTINCT: each way in is a condition on the family row, not a join."""
    from django.utils import timezone

    from nik.core.factories import OrganizationFactory, ProfessionalFactory, person
    from nik.core.models import Membership, Role
    from nik.families.models import CareTeamMember, Consent, EmergencyAccess

    Membership.objects.create(user=coordinator, region=region, role=Role.PARENT)
    family.portal_users.add(coordinator, person(region, Role.PARENT, "tweede-ouder@nik.test"))
    family.casemanager = coordinator
    family.save()
    org = OrganizationFactory(region=region)
    pro = ProfessionalFactory(region=region, organization=org, user=coordinator)
    for role in ("casemanager", "gp"):
        CareTeamMember.objects.create(family=family, professional=pro, role=role)
    Consent.objects.create(
        family=family, organization=org, scope="basic", given_by="parents", method="written"
    )
    now = timezone.now()
    EmergencyAccess.objects.create(
        family=family,
        user=coordinator,
        reason="x" * 20,
        opened_at=now,
        expires_at=now + timezone.timedelta(hours=1),
    )
    FamilyFactory.create_batch(3, region=region)
    listed = list(family_access.visible_families(coordinator).values_list("pk", flat=True))
    assert len(listed) == len(set(listed)) == 4
    assert family_access.visible_families(coordinator).count() == 4


def test_anonymous_and_inactive_users_see_nothing(coordinator, family):
    assert not family_access.visible_families(AnonymousUser()).exists()
    coordinator.is_active = False
    coordinator.save()
    assert not family_access.visible_families(coordinator).exists()


def test_open_record_logs_an_allowed_view(coordinator, family):
    family_access.open_record(coordinator, family, "view", "intake")
    event = AuditEvent.objects.get()
    assert (event.user, event.role, event.region, event.action) == (
        coordinator,
        "coordinator",
        family.region,
        "view",
    )
    assert event.subject_family_id == family.pk
    assert event.outcome == AuditOutcome.ALLOWED
    assert event.purpose == "intake"


def test_open_record_refuses_and_logs_an_outsider(other_coordinator, family):
    with pytest.raises(Http404):
        family_access.open_record(other_coordinator, family, "view", "curiosity")
    event = AuditEvent.objects.get()
    assert event.outcome == AuditOutcome.DENIED
    assert event.user == other_coordinator
    assert event.subject_family_id == family.pk


def test_family_page_for_the_parent(client, login, parent, family):
    login(parent)
    response = client.get(f"/families/{family.pk}/")
    assert response.status_code == 200
    assert "Gezin Jansen" in response.text
    assert AuditEvent.objects.filter(subject_family_id=family.pk, outcome="allowed").exists()


def test_family_page_is_not_found_for_an_outsider(client, login, other_coordinator, family):
    login(other_coordinator)
    response = client.get(f"/families/{family.pk}/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
    assert AuditEvent.objects.filter(subject_family_id=family.pk, outcome="denied").exists()


def test_unknown_family_is_not_found_and_logged(client, login, coordinator):
    login(coordinator)
    assert client.get("/families/999999/").status_code == 404
    event = AuditEvent.objects.get(outcome="denied")
    assert event.details == {"reason": "not_found"}


def test_family_page_refuses_post(client, login, parent, family):
    login(parent)
    assert client.post(f"/families/{family.pk}/").status_code == 405


def test_region_overview_for_its_own_people_and_national(
    client, login, coordinator, national, region
):
    for user in (coordinator, national):
        login(user)
        assert client.get(f"/regions/{region.slug}/").status_code == 200


def test_region_overview_hidden_from_another_region_and_parents(
    client, login, other_coordinator, parent, region
):
    for user in (other_coordinator, parent):
        login(user)
        assert client.get(f"/regions/{region.slug}/").status_code == 404


def test_unknown_region_gets_a_dutch_page_and_an_audit_event(client, login, coordinator):
    login(coordinator)
    response = client.get("/regions/atlantis/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
    event = AuditEvent.objects.get(object_type="core.region")
    assert event.details == {"reason": "unknown_region"}
    assert event.outcome == "denied"


PERSONAS = ["coordinator", "other_coordinator", "parent", "member", "casemanager", "steering"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_count_of_visible_families_is_the_number_listed(
    persona, request, region, other_region, family
):
    """`count_visible` reads a coordinator's regions from their tallies: it must still give the
    number the door lists, for every role, with families reached across regions by other rules."""
    from django.utils import timezone

    from nik.core.factories import OrganizationFactory, ProfessionalFactory
    from nik.core.models import Membership, Role
    from nik.families.models import CareTeamMember, Consent, EmergencyAccess

    user = request.getfixturevalue(persona)
    FamilyFactory.create_batch(3, region=region)
    elsewhere = FamilyFactory.create_batch(4, region=other_region)
    # The user also works in the other region: case manager of one family there, on the team
    # (with consent) of a second, an open emergency access to a third, parent of a fourth.
    for role in (Role.CASEMANAGER, Role.PARENT):
        Membership.objects.get_or_create(user=user, region=other_region, role=role)
    elsewhere[0].casemanager = user
    elsewhere[0].save()
    org = OrganizationFactory(region=other_region)
    pro = ProfessionalFactory(region=other_region, organization=org, user=user)
    CareTeamMember.objects.create(family=elsewhere[1], professional=pro, role="gp")
    Consent.objects.create(
        family=elsewhere[1], organization=org, scope="basic", given_by="parents", method="written"
    )
    now = timezone.now()
    EmergencyAccess.objects.create(
        family=elsewhere[2],
        user=user,
        reason="x" * 20,
        opened_at=now,
        expires_at=now + timezone.timedelta(hours=1),
    )
    elsewhere[3].portal_users.add(user)

    listed = family_access.visible_families(user).count()
    assert family_access.count_visible(user) == listed
    assert listed >= 4  # the four ways in across regions, whatever the role at home


def test_the_count_follows_families_made_and_removed(coordinator, region, family):
    from nik.families.figures import family_count, recount_families
    from nik.families.models import RegionTally

    assert family_access.count_visible(coordinator) == family_count(region) == 1
    made = FamilyFactory.create_batch(2, region=region)
    assert family_access.count_visible(coordinator) == family_count(region) == 3
    made[0].delete()
    assert family_access.count_visible(coordinator) == family_count(region) == 2
    # Writes around the ORM's signals are counted again by recount_families.
    RegionTally.objects.filter(region=region).update(families=0)
    recount_families([region.pk])
    assert family_count(region) == 2
    assert family_access.count_visible(AnonymousUser()) == 0
