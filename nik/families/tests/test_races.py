"""Every decision under two people at once: exactly one wins, the other is told (PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from nik.core.factories import OrganizationFactory, person
from nik.core.models import AuditEvent, Role, User
from nik.families import actions
from nik.families.models import (
    Consent,
    EmergencyAccess,
    Family,
    Inquiry,
    Invitation,
    Referral,
    ReferralStatus,
    Stage,
)
from nik.families.tests.test_families import _referral
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _decisions(referral: Referral) -> int:
    return AuditEvent.objects.filter(
        object_type="families.referral", object_id=str(referral.pk), details__has_key="decision"
    ).count()


def _one_won(first, second) -> None:
    outcomes = [first, second]
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1, outcomes


def test_accept_and_decline_at_once_one_decision_stands(region, coordinator):
    second_coordinator = person(region, Role.COORDINATOR, "tweede@nik.test")
    cm = person(region, Role.CASEMANAGER, "cm@nik.test")
    referral = _referral(region, coordinator)
    mine, theirs = Referral.objects.get(pk=referral.pk), Referral.objects.get(pk=referral.pk)

    first, second = race(
        lambda: actions.do_accept_referral(mine, acting_user=coordinator, casemanager=cm),
        lambda: actions.do_decline_referral(
            theirs, acting_user=second_coordinator, reason="outside_target_group", note="Te oud"
        ),
    )
    _one_won(first, second)
    assert "Over deze aanmelding is al besloten." in str(second)
    referral.refresh_from_db()
    family = Family.objects.get(pk=referral.family_id)
    assert referral.status == ReferralStatus.ACCEPTED
    assert family.stage == Stage.IN_CARE and family.casemanager == cm
    assert _decisions(referral) == 1


def test_two_accepts_with_different_case_managers_keep_the_first(region, coordinator):
    second_coordinator = person(region, Role.COORDINATOR, "tweede@nik.test")
    cm1 = person(region, Role.CASEMANAGER, "cm1@nik.test")
    cm2 = person(region, Role.CASEMANAGER, "cm2@nik.test")
    referral = _referral(region, coordinator)
    mine, theirs = Referral.objects.get(pk=referral.pk), Referral.objects.get(pk=referral.pk)

    first, second = race(
        lambda: actions.do_accept_referral(mine, acting_user=coordinator, casemanager=cm1),
        lambda: actions.do_accept_referral(theirs, acting_user=second_coordinator, casemanager=cm2),
    )
    _one_won(first, second)
    assert Family.objects.get(pk=referral.family_id).casemanager == cm1
    assert _decisions(referral) == 1


def test_one_question_becomes_one_referral(region, coordinator):
    inquiry = Inquiry.objects.create(
        region=region, topic="care_at_home", question="Wie helpt thuis?", name="Eva", email="e@x.nl"
    )
    mine, theirs = Inquiry.objects.get(pk=inquiry.pk), Inquiry.objects.get(pk=inquiry.pk)

    def refer(question: Inquiry, last_name: str):
        return lambda: actions.do_create_referral(
            region,
            child=actions.ChildDetails(
                first_name="Sam", last_name=last_name, date_of_birth=date(2018, 5, 1)
            ),
            guardians=[],
            source="parents",
            referrer_name="Eva",
            referrer_contact="",
            question="Hulp",
            consent_to_share=True,
            acting_user=coordinator,
            inquiry=question,
        )

    first, second = race(refer(mine, "Jansen"), refer(theirs, "Pietersen"))
    _one_won(first, second)
    assert Referral.objects.count() == 1
    assert Inquiry.objects.get(pk=inquiry.pk).referral == first


def test_two_reviews_of_one_emergency_access_keep_the_first(region, coordinator, family):
    second_coordinator = person(region, Role.COORDINATOR, "tweede@nik.test")
    nurse = person(region, Role.MEMBER, "nurse@nik.test")
    opened = actions.do_open_emergency(
        family, user=nurse, reason="Acute opname, ouders onbereikbaar"
    )
    mine, theirs = (EmergencyAccess.objects.get(pk=opened.pk) for _ in range(2))

    first, second = race(
        lambda: actions.do_review_emergency(mine, acting_user=coordinator, note="Terecht"),
        lambda: actions.do_review_emergency(
            theirs, acting_user=second_coordinator, note="Onterecht"
        ),
    )
    _one_won(first, second)
    stored = EmergencyAccess.objects.get(pk=opened.pk)
    assert (stored.reviewed_by, stored.review_note) == (coordinator, "Terecht")


def test_one_invitation_link_used_twice_at_once_makes_one_account(region, coordinator, family):
    key = actions.do_invite(
        family,
        email="ouder@voorbeeld.example",
        name="Eva",
        acting_user=coordinator,
        base_url="http://t",
    )
    first, second = race(
        lambda: actions.do_accept_invitation(key, password="een lang wachtwoord 1"),
        lambda: actions.do_accept_invitation(key, password="een ander wachtwoord 2"),
    )
    assert isinstance(first, User)
    assert isinstance(second, actions.InvitationError)
    assert User.objects.filter(email="ouder@voorbeeld.example").count() == 1
    assert Invitation.objects.get().used_at is not None


def test_consent_withdrawn_twice_at_once_is_withdrawn_once(region, coordinator, family):
    org = OrganizationFactory(region=region)
    consent = Consent.objects.create(
        family=family, organization=org, scope="basic", given_by="parents", method="verbal"
    )
    mine, theirs = (Consent.objects.get(pk=consent.pk) for _ in range(2))
    first, second = race(
        lambda: actions.do_withdraw_consent(mine, acting_user=coordinator),
        lambda: actions.do_withdraw_consent(theirs, acting_user=coordinator),
    )
    _one_won(first, second)
    assert (
        AuditEvent.objects.filter(object_type="families.consent", details__withdrawn=True).count()
        == 1
    )


def test_the_race_helper_runs_the_second_while_the_first_holds_its_lock():
    # Guards the helper itself: a race whose second side never ran would pass every test above.
    order: list[str] = []
    race(lambda: order.append("first"), lambda: order.append("second"))
    assert order == ["first", "second"]


def test_two_declines_at_once_are_both_in_the_referral_figures(region, coordinator):
    """Each saved referral counts its day again under the region's lock: the second count waits
    for the first decision and includes it (without the lock it would write over it)."""
    from nik.families.figures import referral_figures

    first_referral = _referral(region, coordinator)
    other = _referral(region, coordinator, first_name="Noor", date_of_birth=date(2016, 2, 2))
    first, second = race(
        lambda: actions.do_decline_referral(
            first_referral, acting_user=coordinator, reason="region", note=""
        ),
        lambda: actions.do_decline_referral(
            other, acting_user=coordinator, reason="family", note=""
        ),
    )
    assert isinstance(first, Referral) and isinstance(second, Referral)
    reasons = dict(referral_figures(region)["decline_reason"])
    assert sum(reasons.values()) == 2, reasons
