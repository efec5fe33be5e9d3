"""Every value of a choice that a page or start-page panel orders, colours or counts, drawn on the
pages that show it: a state no test reaches is where the next server error hides (the plan clock
"not yet discussed" once made a case manager's start page a 500 for good). One test per value,
taken from the enum itself, so a value added later is drawn too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from nik.families.factories import FamilyFactory
from nik.families.models import Inquiry, InquiryStatus, Referral, ReferralStatus, Stage, StageChange
from nik.roadmap.models import Milestone, MilestoneStatus, RoadmapStep, StepStatus
from nik.signals.models import Signal, Status

pytestmark = pytest.mark.django_db


def dutch(choice) -> str:
    with translation.override("nl"):
        return str(choice.label)


def drawn(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_of_a_family_is_drawn(stage, client, login, region, casemanager, coordinator):
    family = FamilyFactory(region=region, casemanager=casemanager, name="Gezin Visser", stage=stage)
    StageChange.objects.create(family=family, stage=stage)
    for user in (casemanager, coordinator):
        client.logout()
        client = login(user)
        for url in ("/", "/families/", f"/families/{family.pk}/"):
            html = drawn(client, url)
            if url != "/" or user == casemanager:
                assert "Gezin Visser" in html, url
        assert dutch(stage) in drawn(client, f"/families/{family.pk}/")


@pytest.mark.parametrize("status", list(ReferralStatus))
def test_every_referral_status_is_drawn(status, client, login, region, coordinator):
    family = FamilyFactory(region=region, name="Gezin Smit")
    decided = None if status == ReferralStatus.OPEN else timezone.now()
    referral = Referral.objects.create(
        region=region,
        family=family,
        source="gp",
        consent_to_share=True,
        status=status,
        decided_at=decided,
        received_at=timezone.now() - timedelta(days=3),
    )
    client = login(coordinator)
    drawn(client, "/")
    assert "Gezin Smit" in drawn(client, f"/regions/{region.slug}/referrals/")
    assert dutch(status) in drawn(client, f"/regions/{region.slug}/referrals/{referral.pk}/")


@pytest.mark.parametrize("status", list(StepStatus))
def test_every_step_status_is_drawn(status, client, login, region, coordinator):
    RoadmapStep.objects.update_or_create(region=region, number=4, defaults={"status": status})
    client = login(coordinator)
    assert dutch(status) in drawn(client, "/")
    assert dutch(status) in drawn(client, f"/regions/{region.slug}/roadmap/")
    drawn(client, f"/regions/{region.slug}/roadmap/steps/4/")


@pytest.mark.parametrize("status", list(MilestoneStatus))
def test_every_milestone_status_is_drawn(status, client, login, region, coordinator):
    Milestone.objects.create(
        region=region,
        title="Folder voor ouders",
        result="Een folder",
        owner="Coördinator",
        owner_user=coordinator,
        due=timezone.localdate() + timedelta(days=3),
        status=status,
    )
    client = login(coordinator)
    drawn(client, "/")
    html = drawn(client, f"/regions/{region.slug}/roadmap/milestones/")
    assert "Folder voor ouders" in html
    assert dutch(status) in html


@pytest.mark.parametrize("status", list(Status))
def test_every_signal_status_is_drawn(status, client, login, region, coordinator, parent):
    text = "Kinderen met een sonde mogen niet mee op schoolreis."
    raised = {"region": region, "theme": "school", "text": text, "status": status}
    signal = Signal.objects.create(**raised, source="coordinator", raised_by=coordinator)
    Signal.objects.create(**raised, source="parent", raised_by=parent)
    client = login(coordinator)
    drawn(client, "/")
    assert "schoolreis" in drawn(client, f"/regions/{region.slug}/signals/")
    drawn(client, f"/regions/{region.slug}/signals/{signal.pk}/")
    client.logout()
    client = login(parent)
    drawn(client, "/")
    assert "schoolreis" in drawn(client, "/signals/mine/")


@pytest.mark.parametrize("channel", list(Inquiry.Channel))
@pytest.mark.parametrize("status", list(InquiryStatus))
def test_every_question_channel_and_status_is_drawn(
    status, channel, client, login, region, coordinator
):
    inquiry = Inquiry.objects.create(
        region=region,
        topic="respite",
        question="Waar kan ons kind een weekend logeren?",
        name="Eva de Boer",
        channel=channel,
        status=status,
    )
    client = login(coordinator)
    drawn(client, "/")
    html = drawn(client, f"/regions/{region.slug}/inquiries/")
    if status == InquiryStatus.OPEN:
        assert "Eva de Boer" in html and dutch(channel) in html
    assert dutch(channel) in drawn(client, f"/regions/{region.slug}/inquiries/{inquiry.pk}/")
