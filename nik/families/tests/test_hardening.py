"""What an attacker inside the region tries: ids in a POST, existence oracles, audit gaps."""

from __future__ import annotations

import pytest

from nik.core.models import AuditEvent, AuditOutcome
from nik.families import actions
from nik.families.models import Family, Inquiry, Referral, ReferralStatus
from nik.families.tests.test_families import _referral

pytestmark = pytest.mark.django_db

CHILD = {
    "first_name": "Sam",
    "last_name": "Jansen",
    "date_of_birth": "2018-05-01",
    "guardian_name": "Eva Jansen",
    "source": "gp",
    "consent_to_share": "on",
}


@pytest.fixture
def question(region) -> Inquiry:
    return Inquiry.objects.create(
        region=region,
        topic="care_at_home",
        question="Mijn zoon slaapt slecht sinds de operatie",
        name="Eva Jansen",
        phone="06-1",
    )


def test_a_member_cannot_move_someone_elses_question_to_a_new_family(
    client, login, member, region, question
):
    response = login(member).post(
        f"/regions/{region.slug}/referrals/new/", {**CHILD, "inquiry": question.pk}
    )
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.referral is None and question.family is None
    assert not Family.objects.exists()
    denied = AuditEvent.objects.get(object_type="families.inquiry", outcome=AuditOutcome.DENIED)
    assert denied.user == member


@pytest.mark.parametrize("named", ["abc", "99999", "1 OR 1=1", "-1"])
def test_a_malformed_or_unknown_question_id_is_a_404_not_a_500(
    client, login, coordinator, region, named
):
    client = login(coordinator)
    assert (
        client.post(
            f"/regions/{region.slug}/referrals/new/", {**CHILD, "inquiry": named}
        ).status_code
        == 404
    )
    assert client.get(f"/regions/{region.slug}/referrals/new/?inquiry={named}").status_code == 404
    assert not Family.objects.exists()


def test_a_question_of_another_region_cannot_be_linked(
    client, login, coordinator, other_region, other_coordinator
):
    theirs = Inquiry.objects.create(
        region=other_region, topic="respite", question="Logeren?", name="Piet", phone="06-2"
    )
    response = login(coordinator).post(
        f"/regions/{coordinator.memberships.first().region.slug}/referrals/new/",
        {**CHILD, "inquiry": theirs.pk},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.referral is None


def test_a_question_becomes_a_referral_only_once(client, login, coordinator, region, question):
    client = login(coordinator)
    first = client.post(f"/regions/{region.slug}/referrals/new/", {**CHILD, "inquiry": question.pk})
    assert first.status_code == 302
    again = client.post(
        f"/regions/{region.slug}/referrals/new/",
        {**CHILD, "first_name": "Noor", "inquiry": question.pk},
    )
    assert again.status_code == 200
    assert "Deze vraag is al een aanmelding geworden." in again.text
    assert Referral.objects.count() == 1


def test_a_member_on_no_team_learns_nothing_from_referring_a_known_child(
    client, login, member, coordinator, region
):
    known = _referral(region, coordinator)
    page = login(member).post(f"/regions/{region.slug}/referrals/new/", CHILD, follow=True)
    text = page.content.decode()
    assert "eerder aangemeld" not in text
    assert "De aanmelding is ontvangen." in text
    # The coordinator sees the duplicate.
    second = Referral.objects.exclude(pk=known.pk).get()
    assert second.status == ReferralStatus.DUPLICATE and second.duplicate_of == known


def test_the_api_receipt_of_a_known_child_looks_like_any_other_for_an_outsider(
    client, member, coordinator, region
):
    from nik.core.models import ApiToken

    known = _referral(region, coordinator)
    token = ApiToken.issue(member, label="test")
    body = {
        "region": region.slug,
        "child": {"first_name": "Sam", "last_name": "Jansen", "date_of_birth": "2018-05-01"},
        "guardian_name": "Eva",
        "source": "gp",
        "consent_to_share": True,
    }
    headers = {"Authorization": f"Bearer {token}"}
    duplicate = client.post(
        "/api/v1/referrals", body, content_type="application/json", headers=headers
    )
    fresh = client.post(
        "/api/v1/referrals",
        {**body, "child": {**body["child"], "first_name": "Noor"}},
        content_type="application/json",
        headers=headers,
    )
    assert duplicate.status_code == fresh.status_code == 201
    for answer in (duplicate.json(), fresh.json()):
        assert answer["status"] == "received"
        assert answer["family_id"] is None and answer["duplicate_of"] is None

    coordinator_token = ApiToken.issue(coordinator, label="test")
    seen = client.post(
        "/api/v1/referrals",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {coordinator_token}"},
    ).json()
    assert seen["status"] == "duplicate" and seen["duplicate_of"] == known.pk


def test_the_emergency_page_answers_the_same_for_every_number(
    client, login, member, region, other_region, coordinator
):
    from nik.families.factories import FamilyFactory

    theirs = FamilyFactory(region=other_region)
    client = login(member)
    existing, missing = (
        client.get(f"/families/{theirs.pk}/emergency/"),
        client.get("/families/999999/emergency/"),
    )
    assert existing.status_code == missing.status_code == 200
    reason = {"reason": "Acute opname, ouders niet bereikbaar"}
    tried = [
        client.post(f"/families/{theirs.pk}/emergency/", reason),
        client.post("/families/999999/emergency/", reason),
    ]
    assert [t.status_code for t in tried] == [200, 200]
    for answer in tried:
        assert "Dit dossier kun jij niet openen in een noodgeval." in answer.content.decode()
        assert theirs.name not in answer.content.decode()
    assert (
        AuditEvent.objects.filter(purpose="emergency access", outcome=AuditOutcome.DENIED).count()
        == 2
    )


def test_a_second_answer_does_not_replace_the_first_silently(
    client, login, coordinator, region, question
):
    url = f"/regions/{region.slug}/inquiries/{question.pk}/"
    client = login(coordinator)
    opened = client.get(url).context["form"].initial["version"]
    # Meanwhile a colleague answers.
    actions.do_answer_inquiry(
        question, answer="Bel ons morgen", close=False, acting_user=coordinator
    )
    response = client.post(url, {"answer": "Wij bellen u", "way": "draft", "version": opened})
    assert response.status_code == 200
    assert "Iemand anders heeft deze vraag beantwoord" in response.text
    assert "Bel ons morgen" in response.text
    question.refresh_from_db()
    assert question.answer == "Bel ons morgen"
    # Saving again, having seen theirs, keeps the new text.
    shown = response.context["form"].data["version"]
    again = client.post(url, {"answer": "Wij bellen u", "way": "draft", "version": shown})
    assert again.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Wij bellen u"


def test_one_person_saving_twice_from_the_form_as_shown_has_no_conflict(
    client, login, coordinator, region, question
):
    url = f"/regions/{region.slug}/inquiries/{question.pk}/"
    client = login(coordinator)
    shown = client.get(url).context["form"].initial["version"]
    assert (
        client.post(
            url, {"answer": "Regel een\r\nRegel twee", "way": "draft", "version": shown}
        ).status_code
        == 302
    )
    shown = client.get(url).context["form"].initial["version"]
    again = client.post(
        url, {"answer": "Regel een\r\nRegel drie", "way": "draft", "version": shown}
    )
    assert again.status_code == 302
