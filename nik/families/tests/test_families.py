"""Consent by age, the intake's bad input, invitations, break-glass and the public contact page."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from nik.core import audit
from nik.core.factories import OrganizationFactory, ProfessionalFactory, person
from nik.core.models import AuditEvent, Role
from nik.families import access as family_access
from nik.families import actions
from nik.families.models import (
    CareTeamMember,
    Child,
    Consent,
    ConsentGiver,
    EmergencyAccess,
    Family,
    Inquiry,
    Referral,
    ReferralStatus,
    Stage,
    TeamRole,
    add_working_days,
    consent_giver_for_age,
)
from nik.network.models import TargetGroup

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("age", "giver"),
    [
        (11, ConsentGiver.PARENTS),
        (12, ConsentGiver.CHILD_AND_PARENTS),
        (15, ConsentGiver.CHILD_AND_PARENTS),
        (16, ConsentGiver.YOUNG_PERSON),
    ],
)
def test_who_gives_consent_follows_the_law_by_age(age, giver):
    assert consent_giver_for_age(age) == giver


def _referral(region, coordinator, source="gp", **child):
    details = {
        "first_name": "Sam",
        "last_name": "Jansen",
        "date_of_birth": date(2018, 5, 1),
        **child,
    }
    return actions.do_create_referral(
        region,
        child=actions.ChildDetails(**details),
        guardians=[{"name": "Eva Jansen", "phone": "06-1", "email": "eva@voorbeeld.example"}],
        source=source,
        referrer_name="Dr. Huisarts",
        referrer_contact="071-1",
        question="Hulp thuis",
        consent_to_share=True,
        acting_user=coordinator,
    )


@pytest.fixture
def team_setup(region, coordinator):
    home = OrganizationFactory(region=region, name="Thuiszorg")
    member = person(region, Role.MEMBER, "verpleegkundige@nik.test")
    ProfessionalFactory(organization=home, user=member)
    referral = _referral(region, coordinator)
    return referral.family, home, member


def test_consent_must_come_from_the_right_person(team_setup, coordinator):
    family, home, _ = team_setup
    Child.objects.filter(family=family).update(
        date_of_birth=timezone.localdate() - timedelta(days=13 * 365 + 10)
    )
    with pytest.raises(ValidationError, match="13"):
        actions.do_give_consent(
            family,
            organization=home,
            scope="basic",
            given_by=ConsentGiver.PARENTS,
            given_by_names="",
            method="written",
            ends_on=None,
            acting_user=coordinator,
        )
    consent = actions.do_give_consent(
        family,
        organization=home,
        scope="basic",
        given_by=ConsentGiver.CHILD_AND_PARENTS,
        given_by_names="Sam en Eva",
        method="written",
        ends_on=None,
        acting_user=coordinator,
    )
    assert consent.is_active()


def test_a_team_member_needs_consent_and_loses_access_when_it_is_withdrawn(team_setup, coordinator):
    family, home, member = team_setup
    actions.do_add_team_member(
        family,
        professional=member.professional_profiles.get(),
        role=TeamRole.HOME_CARE,
        acting_user=coordinator,
    )
    assert not family_access.visible_families(member).exists()  # on the team, no consent yet
    consent = actions.do_give_consent(
        family,
        organization=home,
        scope="basic",
        given_by=ConsentGiver.PARENTS,
        given_by_names="Eva",
        method="written",
        ends_on=None,
        acting_user=coordinator,
    )
    assert list(family_access.visible_families(member)) == [family]
    assert not family_access.visible_families(member, scope="care_plan").exists()
    actions.do_withdraw_consent(consent, acting_user=coordinator)
    assert not family_access.visible_families(member).exists()


def test_consent_that_ended_gives_no_access(team_setup, coordinator):
    family, home, member = team_setup
    actions.do_add_team_member(
        family,
        professional=member.professional_profiles.get(),
        role=TeamRole.HOME_CARE,
        acting_user=coordinator,
    )
    actions.do_give_consent(
        family,
        organization=home,
        scope="basic",
        given_by=ConsentGiver.PARENTS,
        given_by_names="",
        method="written",
        ends_on=timezone.localdate() - timedelta(days=1),
        acting_user=coordinator,
    )
    assert not family_access.visible_families(member).exists()


def test_two_working_days_skip_the_weekend():
    friday = datetime(2026, 11, 20, 10, 0, tzinfo=AMS)
    assert add_working_days(friday, 2) == datetime(2026, 11, 24, 10, 0, tzinfo=AMS)


def test_a_referral_not_contacted_in_time_is_late(region, coordinator):
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=AMS), tick=False):
        referral = _referral(region, coordinator)
    with time_machine.travel(datetime(2026, 11, 24, 9, 0, tzinfo=AMS), tick=False):
        assert not referral.is_late()
    with time_machine.travel(datetime(2026, 11, 24, 11, 0, tzinfo=AMS), tick=False):
        assert referral.is_late()
        actions.do_record_first_contact(referral, acting_user=coordinator)
        assert referral.is_late()  # contact came too late, and stays counted so
    assert referral.family.stage == Stage.INTAKE


def test_the_same_child_twice_is_a_duplicate_not_a_second_family(region, coordinator):
    first = _referral(region, coordinator)
    second = _referral(region, coordinator, first_name="sam")
    assert second.status == ReferralStatus.DUPLICATE
    assert second.duplicate_of == first
    assert Family.objects.count() == 1


def test_refused_referrals_save_nothing(region, coordinator):
    with pytest.raises(ValidationError):
        _referral(region, coordinator, date_of_birth=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError):
        actions.do_create_referral(
            region,
            child=actions.ChildDetails("Sam", "Jansen", date(2018, 5, 1)),
            guardians=[],
            source="gp",
            referrer_name="",
            referrer_contact="",
            question="",
            consent_to_share=False,
            acting_user=coordinator,
        )
    assert not Family.objects.exists() and not Referral.objects.exists()


def test_referral_form_refuses_bad_input_in_dutch(client, login, coordinator, region):
    TargetGroup.objects.create(region=region, version=1, age_min=0, age_max=18, categories=["1"])
    client = login(coordinator)
    base = {"first_name": "Sam", "last_name": "Jansen", "guardian_name": "Eva", "source": "gp"}
    future = client.post(
        f"/regions/{region.slug}/referrals/new/",
        {**base, "date_of_birth": "2999-01-01", "consent_to_share": "on"},
    )
    assert "toekomst" in future.text
    old = client.post(
        f"/regions/{region.slug}/referrals/new/",
        {**base, "date_of_birth": "2000-01-01", "consent_to_share": "on"},
    )
    assert "tot 18" in old.text
    no_consent = client.post(
        f"/regions/{region.slug}/referrals/new/", {**base, "date_of_birth": "2018-01-01"}
    )
    assert "Vraag het gezin eerst" in no_consent.text
    assert not Family.objects.exists()
    ok = client.post(
        f"/regions/{region.slug}/referrals/new/",
        {
            **base,
            "date_of_birth": "2000-01-01",
            "consent_to_share": "on",
            "exception_reason": "Overgang naar volwassenenzorg loopt nog",
        },
    )
    assert ok.status_code == 302
    assert Family.objects.count() == 1


def test_accepting_assigns_the_casemanager_and_moves_the_family(region, coordinator, casemanager):
    referral = _referral(region, coordinator)
    actions.do_accept_referral(referral, acting_user=coordinator, casemanager=casemanager)
    family = Family.objects.get()
    assert (family.stage, family.casemanager) == (Stage.IN_CARE, casemanager)
    assert [s.stage for s in family.stage_changes.all()] == ["registered", "in_care"]
    assert list(family_access.visible_families(casemanager)) == [family]
    with pytest.raises(ValidationError):
        actions.do_accept_referral(referral, acting_user=coordinator, casemanager=casemanager)


def test_declining_keeps_the_reason(client, login, coordinator, region):
    referral = _referral(region, coordinator)
    client = login(coordinator)
    # The figures are kept in the shared cache; the decision makes them count again.
    assert "woont buiten de regio" not in client.get(f"/regions/{region.slug}/referrals/").text
    response = client.post(
        f"/regions/{region.slug}/referrals/{referral.pk}/",
        {"decision": "decline", "reason": "region", "note": "Woont in Limburg"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "region")
    assert referral.family.stage == Stage.CLOSED
    page = client.get(f"/regions/{region.slug}/referrals/")
    assert "woont buiten de regio: 1" in page.text


def test_invitation_makes_a_parent_account_once(client, region, coordinator):
    family = _referral(region, coordinator).family
    key = actions.do_invite(
        family,
        email="Eva@Voorbeeld.example",
        name="Eva Jansen",
        acting_user=coordinator,
        base_url="http://testserver/",
    )
    assert len(mail.outbox) == 0 or key  # sent after commit
    response = client.post(
        f"/invitation/{key}/",
        {"password1": "een-lang-wachtwoord-9", "password2": "een-lang-wachtwoord-9"},
    )
    assert response.status_code == 302
    parent = family.portal_users.get()
    assert parent.email == "eva@voorbeeld.example"
    assert parent.memberships.get().role == Role.PARENT
    again = client.get(f"/invitation/{key}/")
    assert again.status_code == 410
    assert "al gebruikt" in again.text


def test_an_expired_invitation_says_so(client, region, coordinator):
    family = _referral(region, coordinator).family
    key = actions.do_invite(
        family,
        email="eva@voorbeeld.example",
        name="Eva",
        acting_user=coordinator,
        base_url="http://testserver/",
    )
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(f"/invitation/{key}/")
    assert response.status_code == 410
    assert "verlopen" in response.text
    assert not family.portal_users.exists()


def test_invitation_email_is_sent(region, coordinator, django_capture_on_commit_callbacks):
    family = _referral(region, coordinator).family
    with django_capture_on_commit_callbacks(execute=True):
        key = actions.do_invite(
            family,
            email="eva@voorbeeld.example",
            name="Eva",
            acting_user=coordinator,
            base_url="http://testserver/",
        )
    assert mail.outbox[0].to == ["eva@voorbeeld.example"]
    assert f"/invitation/{key}/" in mail.outbox[0].body
    assert "palliatie" not in mail.outbox[0].body.lower()


def test_break_glass_is_logged_and_reviewed(client, login, region, coordinator, member):
    family = _referral(region, coordinator).family
    client = login(member)
    assert client.get(f"/families/{family.pk}/").status_code == 404
    short = client.post(f"/families/{family.pk}/emergency/", {"reason": "nood"})
    assert short.status_code == 200
    response = client.post(
        f"/families/{family.pk}/emergency/", {"reason": "Kind op de SEH, ouders vragen om het plan"}
    )
    assert response.status_code == 302
    page = client.get(f"/families/{family.pk}/")
    assert page.status_code == 200
    assert "geopend in een noodsituatie" in page.text
    event = AuditEvent.objects.filter(
        user=member, subject_family_id=family.pk, outcome="allowed"
    ).last()
    assert event.details.get("break_glass") is True
    client.logout()
    own = login(coordinator).get(f"/families/{family.pk}/")
    assert "geopend in een noodsituatie" not in own.text
    review = client.get(f"/regions/{region.slug}/emergency-access/")
    assert "Kind op de SEH" in review.text
    access_item = EmergencyAccess.objects.get()
    client.post(
        f"/regions/{region.slug}/emergency-access/", {"access": access_item.pk, "note": "Terecht"}
    )
    access_item.refresh_from_db()
    assert access_item.reviewed_by == coordinator
    with time_machine.travel(timezone.now() + timedelta(hours=5)):
        assert not family_access.visible_families(member).exists()


def test_public_question_is_kept_and_thanked_in_dutch(client, region):
    response = client.post(
        f"/regions/{region.slug}/contact/",
        {
            "asker": "parent",
            "topic": "respite",
            "question": "Waar is een logeerhuis?",
            "name": "Eva",
            "email": "eva@voorbeeld.example",
        },
    )
    assert response.status_code == 200
    assert "binnen twee werkdagen" in response.text
    inquiry = Inquiry.objects.get()
    assert (inquiry.channel, inquiry.status) == ("web", "open")
    assert inquiry.source_hash and "127.0.0.1" not in inquiry.source_hash


def test_the_confirmation_says_what_happens_next_and_by_which_day(
    client, region, django_capture_on_commit_callbacks
):
    """Issue 30: a parent got no clear confirmation after the contact form."""
    region.phone = "071-000 00 10"
    region.save()
    # Thursday 3 December 2026: two working days later is Monday 7 December.
    with (
        time_machine.travel(
            datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            f"/regions/{region.slug}/contact/",
            {
                "asker": "parent",
                "topic": "respite",
                "question": "Waar is een logeerhuis?",
                "name": "Eva",
                "email": "eva@voorbeeld.example",
            },
        )
    page = " ".join(response.text.split())
    assert "Dank je wel voor je vraag" in page and "Wat gebeurt er nu?" in page
    assert "We nemen uiterlijk maandag 7 december contact met je op" in page
    assert "Je krijgt ook een e-mail dat we je vraag hebben ontvangen." in page
    assert 'href="tel:112"' in page
    [sent] = mail.outbox
    assert sent.to == ["eva@voorbeeld.example"]
    assert "We hebben je vraag ontvangen" in sent.subject
    body = " ".join(sent.body.split())
    assert "uiterlijk maandag 7 december" in body and "071-000 00 10" in body
    # The mail does not repeat what was typed: the form cannot send others a text of one's own.
    assert "logeerhuis" not in body.lower() and "Eva" not in body


def test_without_an_e_mail_address_the_confirmation_promises_no_mail(
    client, region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/regions/{region.slug}/contact/",
            {
                "asker": "parent",
                "topic": "school",
                "question": "School?",
                "name": "Eva",
                "phone": "06-12345678",
            },
        )
    assert "uiterlijk" in response.text and "Je krijgt ook een e-mail" not in response.text
    assert mail.outbox == []


def test_the_hidden_field_catches_bots(client, region):
    client.post(
        f"/regions/{region.slug}/contact/",
        {
            "asker": "parent",
            "topic": "respite",
            "question": "Koop nu!",
            "name": "Bot",
            "email": "bot@spam.example",
            "website": "http://spam.example",
        },
    )
    assert not Inquiry.objects.exists()


def test_too_many_questions_from_one_address_are_refused(client, region):
    data = {
        "asker": "parent",
        "topic": "other",
        "question": "Vraag",
        "name": "Eva",
        "phone": "06-1",
    }
    for _ in range(actions.INQUIRIES_PER_HOUR):
        assert client.post(f"/regions/{region.slug}/contact/", data).status_code == 200
    response = client.post(f"/regions/{region.slug}/contact/", data)
    assert response.status_code == 429
    assert Inquiry.objects.count() == actions.INQUIRIES_PER_HOUR


def test_public_contact_page_needs_a_way_to_reach_you(client, region):
    response = client.post(
        f"/regions/{region.slug}/contact/",
        {"asker": "parent", "topic": "other", "question": "Vraag", "name": "Eva"},
    )
    assert "zodat we je kunnen bereiken" in response.text
    assert not Inquiry.objects.exists()


def test_an_unknown_region_has_no_contact_page(client, db):
    assert client.get("/regions/atlantis/contact/").status_code == 404


def test_answering_by_phone_keeps_the_time_to_first_answer(client, login, coordinator, region):
    inquiry = Inquiry.objects.create(
        region=region, topic="school", question="School?", name="Eva", phone="06-1"
    )
    login(coordinator).post(
        f"/regions/{region.slug}/inquiries/{inquiry.pk}/",
        {"answer": "Bel de consulent.", "way": "phone", "close": ""},
    )
    inquiry.refresh_from_db()
    assert inquiry.status == "answered" and inquiry.time_to_first_answer() is not None
    assert inquiry.answered_by == "phone"
    client.post(
        f"/regions/{region.slug}/inquiries/{inquiry.pk}/",
        {"answer": "Bel de consulent.", "way": "phone", "close": "on"},
    )
    inquiry.refresh_from_db()
    assert inquiry.status == "closed"


def test_a_question_becomes_a_referral_without_retyping(client, login, coordinator, region):
    inquiry = Inquiry.objects.create(
        region=region,
        topic="care_at_home",
        question="Hulp thuis nodig",
        name="Eva Jansen",
        phone="06-1",
    )
    client = login(coordinator)
    form = client.get(f"/regions/{region.slug}/referrals/new/?inquiry={inquiry.pk}")
    assert form.context["form"].initial["guardian_name"] == "Eva Jansen"
    assert form.context["form"].initial["question"] == "Hulp thuis nodig"
    client.post(
        f"/regions/{region.slug}/referrals/new/?inquiry={inquiry.pk}",
        {
            "inquiry": inquiry.pk,
            "first_name": "Sam",
            "last_name": "Jansen",
            "date_of_birth": "2018-01-01",
            "guardian_name": "Eva Jansen",
            "source": "parents",
            "consent_to_share": "on",
            "question": "Hulp thuis nodig",
        },
    )
    inquiry.refresh_from_db()
    assert inquiry.referral is not None and inquiry.family is not None


def test_parent_portal_shows_team_numbers_and_no_scary_words(
    client, login, region, coordinator, casemanager, parent, family
):
    prof = ProfessionalFactory(
        region=region,
        user=casemanager,
        phone="06-22223333",
        organization=OrganizationFactory(region=region),
    )
    CareTeamMember.objects.create(family=family, professional=prof, role=TeamRole.CASEMANAGER)
    family.availability.create(period="night", who="Kinderthuiszorg", phone="088-1234567")
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2018, 1, 1)
    )
    page = login(parent).get(f"/families/{family.pk}/")
    assert "06-22223333" in page.text and "088-1234567" in page.text
    assert "palliatie" not in page.text.lower()
    assert (
        "Wie heeft jullie gegevens bekeken" in page.text
        or "Wie heeft je gegevens bekeken" in page.text
    )


def test_the_parent_sees_who_opened_the_record(client, login, region, coordinator, parent, family):
    login(coordinator).get(f"/families/{family.pk}/")
    client.logout()
    log = login(parent).get(f"/families/{family.pk}/access-log/")
    # As the page writes it (a name like "Sven van 't Wel" is escaped in HTML).
    assert escape(coordinator.get_full_name()) in log.text


def test_the_families_list_is_one_event_naming_each_family_shown(
    client, login, coordinator, region
):
    first = _referral(region, coordinator).family
    second = _referral(
        region, coordinator, first_name="Noor", date_of_birth=date(2019, 2, 2)
    ).family
    client = login(coordinator)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.get("/families/?q=gezin")
    event = AuditEvent.objects.get(id__gt=before, event="access.listed")
    assert (event.user, event.region_id, event.details) == (coordinator, region.pk, {"listed": 2})
    for family in (first, second):
        assert list(audit.about_family(family.pk).filter(event="access.listed")) == [event]
    assert audit.verify_chain() == (AuditEvent.objects.count(), [])
    assert Consent.objects.count() == 0


def test_coordinator_records_language_and_interpreter(client, login, coordinator, family):
    response = login(coordinator).post(
        f"/families/{family.pk}/edit/family/",
        {"name": "Gezin Jansen", "language": "Arabisch", "interpreter_needed": "on"},
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert (family.language, family.interpreter_needed) == ("Arabisch", True)
    assert AuditEvent.objects.filter(
        action="update", subject_family_id=family.pk, object_type="families.family"
    ).exists()


def test_the_intake_follows_the_route_of_the_agreement(client, login, coordinator, region, family):
    from nik.roadmap.models import Agreement

    Agreement.objects.create(region=region, routing="Bel het gezin\nToets de doelgroep")
    referral = Referral.objects.create(
        region=region, family=family, source="umc", consent_to_share=True
    )
    page = login(coordinator).get(f"/regions/{region.slug}/referrals/{referral.pk}/")
    assert page.status_code == 200
    assert '<li class="utrecht-ordered-list__item">Bel het gezin</li>' in page.text
    assert page.text.index("Bel het gezin") < page.text.index("Toets de doelgroep")


def test_one_list_of_condition_categories_for_the_target_group_and_the_child():
    from nik.families.models import Child
    from nik.network.forms import TargetGroupForm
    from nik.network.models import ConditionCategory

    field = Child._meta.get_field("condition_category")
    assert [value for value, _label in field.choices] == ConditionCategory.values
    # The target group ticks the four categories; the broadened group is its own switch.
    ticks = [value for value, _label in TargetGroupForm.base_fields["categories"].choices]
    assert ticks == ["1", "2", "3", "4"] and "broadened" in TargetGroupForm.base_fields


def test_changes_are_logged_by_name_with_old_and_new_states_but_no_copied_text(
    region, coordinator, family
):
    from datetime import date

    from nik.core.models import AuditEvent
    from nik.families import actions
    from nik.families.models import Child

    child = actions.do_save_record_part(
        Child(family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2018, 1, 1)),
        family=family,
        acting_user=coordinator,
    )
    added = AuditEvent.objects.filter(subject_family_id=family.pk).latest("id")
    assert added.event == "record.added" and added.details["changes"] == {}
    child.first_name, child.condition_category = "Samuel", "3"
    actions.do_save_record_part(child, family=family, acting_user=coordinator)
    changed = AuditEvent.objects.filter(subject_family_id=family.pk).latest("id")
    assert changed.event == "record.changed"
    assert changed.details["changes"] == {"first_name": "changed", "condition_category": ["", "3"]}
    assert "Samuel" not in str(changed.details)
    actions.do_move_stage(family, stage="in_care", acting_user=coordinator)
    moved = AuditEvent.objects.filter(subject_family_id=family.pk).latest("id")
    assert moved.event == "family.stage_moved"
    assert moved.details["changes"]["stage"][1] == "in_care"
