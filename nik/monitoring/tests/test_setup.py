"""The region's own indicators (step 3) measured by a building block with the region's target or
typed in; the region's survey interval; and a family invited on its family page too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nik.careplans.models import CarePlan, CarePlanVersion
from nik.monitoring import surveys
from nik.monitoring.actions import do_recompute
from nik.monitoring.models import IndicatorValue, Invitation, Measure, Settings
from nik.monitoring.tests.test_surveys import evaluated_family
from nik.roadmap.models import Indicator
from tests.queries import panel_queries

pytestmark = pytest.mark.django_db

BASE = "https://nik.example/"


@pytest.fixture
def own(region):
    return Indicator.objects.create(
        region=region, name="Snel contact", definition="Binnen twee werkdagen gebeld.",
        unit="%", target="95%", source="NIK",
    )  # fmt: skip


def test_an_own_indicator_gets_a_building_blocks_figure_with_the_regions_target(
    login, region, coordinator, own
):
    client = login(coordinator)
    page = client.get(f"/regions/{region.slug}/monitoring/setup/")
    assert page.status_code == 200 and "Snel contact" in page.content.decode()
    response = client.post(
        f"/regions/{region.slug}/monitoring/own/{own.pk}/",
        {f"m{own.pk}-formula": "first_contact", f"m{own.pk}-target": "95"},
        follow=True,
    )
    assert "wordt vanaf nu zo gemeten" in response.content.decode()
    IndicatorValue.objects.create(
        region=region, key="first_contact", period_kind="quarter",
        period_start=timezone.localdate().replace(day=1, month=((timezone.localdate().month - 1) // 3) * 3 + 1),
        value=90.0, cases=20,
    )  # fmt: skip
    html = client.get(f"/regions/{region.slug}/monitoring/").content.decode()
    row = html.split(f'id="indicator-own-{own.pk}"')[1].split("</tr>")[0]
    # 90% against the region's own 95%: not on target (the national 90% would be).
    assert (
        "Snel contact" in row and "90%" in row and "≥ 95%" in row and "<strong>nee</strong>" in row
    )
    national = html.split('id="indicator-first_contact"')[1].split("</tr>")[0]
    assert "≥ 90%" in national and ">ja<" in national


def test_an_own_indicator_typed_in_keeps_its_source(login, region, coordinator, own):
    client = login(coordinator)
    client.post(
        f"/regions/{region.slug}/monitoring/own/{own.pk}/",
        {f"m{own.pk}-formula": "", f"m{own.pk}-target": "12", f"m{own.pk}-higher_is_better": "on"},
    )
    assert Measure.objects.get(indicator=own).formula == ""
    client.post(
        f"/regions/{region.slug}/monitoring/typed/",
        {"key": f"own-{own.pk}", "period_start": timezone.localdate().isoformat(),
         "value": "14", "source": "Telling van de regio, november"},
    )  # fmt: skip
    found = IndicatorValue.objects.get(region=region, key=f"own-{own.pk}")
    assert found.typed and found.value == 14
    do_recompute([region])  # the daily run leaves a typed value alone
    assert IndicatorValue.objects.get(pk=found.pk).value == 14
    html = client.get(f"/regions/{region.slug}/monitoring/").content.decode()
    row = html.split(f'id="indicator-own-{own.pk}"')[1].split("</tr>")[0]
    assert "14" in row and "Telling van de regio, november" in row and ">ja<" in row


def test_only_the_coordinator_sets_up_and_never_another_regions_indicator(
    login, region, coordinator, steering, other_region, other_coordinator, own
):
    assert login(steering).get(f"/regions/{region.slug}/monitoring/setup/").status_code == 403
    forged = {f"m{own.pk}-formula": "declined"}
    response = login(other_coordinator).post(
        f"/regions/{other_region.slug}/monitoring/own/{own.pk}/", forged
    )
    assert response.status_code == 404 and not Measure.objects.exists()
    response = login(coordinator).post(
        f"/regions/{region.slug}/monitoring/own/{own.pk}/", {f"m{own.pk}-formula": "nonsense"},
        follow=True,
    )  # fmt: skip
    assert not Measure.objects.exists() and "Kies hoe het cijfer" in response.content.decode()


def test_the_region_sets_how_often_a_family_may_be_asked(login, region, coordinator):
    family = evaluated_family(region)
    Invitation.objects.create(
        region=region, instrument="families", version=1, token_hash="x" * 64, family_id=family.pk,
        expires_at=timezone.now(), created_at=timezone.now() - timedelta(days=40),
    )  # fmt: skip
    # Asked 40 days ago: not again under the 90 days every region starts with …
    assert surveys.do_invite_families(region, base_url=BASE, acting_user=coordinator) == 0
    response = login(coordinator).post(
        f"/regions/{region.slug}/monitoring/settings/", {"family_interval_days": "30"}, follow=True
    )
    assert "opgeslagen" in response.content.decode()
    assert Settings.of(region).family_interval_days == 30
    # … but again once the region asks families at most every 30 days.
    assert surveys.do_invite_families(region, base_url=BASE, acting_user=coordinator) == 1
    response = login(coordinator).post(
        f"/regions/{region.slug}/monitoring/settings/", {"family_interval_days": "3"}, follow=True
    )
    assert Settings.of(region).family_interval_days == 30
    assert "30" in response.content.decode()  # the message names the lowest value allowed


def test_a_family_without_an_address_finds_the_survey_on_its_family_page(
    login, client, region, coordinator, family, parent, django_capture_on_commit_callbacks
):
    plan = CarePlan.objects.create(family=family)
    for number in (1, 2):
        CarePlanVersion.objects.create(
            plan=plan, number=number, status="published", content={},
            published_at=timezone.now() - timedelta(days=60 if number == 1 else 3),
        )  # fmt: skip
    other = evaluated_family(region, email="")  # no address, no family page: cannot be reached
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.do_invite_families(region, base_url=BASE, acting_user=coordinator) == 1
    assert mail.outbox == []  # no address: no e-mail, only the family page
    (invitation,) = Invitation.objects.all()
    assert invitation.family_id == family.pk != other.pk and invitation.email == ""
    start = login(parent).get("/").content.decode()
    assert "Hoe gaat het?" in start
    n, html = panel_queries("monitoring.survey_waiting", parent)
    assert n == 1 and "Vragen beantwoorden" in html
    link = start.split('href="/survey/')[1].split('"')[0]
    answered = client.post(f"/survey/{link}", {"overall": "8", "fit": "7", "heard": "4",
                                               "whom_to_call": "yes"})  # fmt: skip
    assert answered.status_code == 200
    assert "Hoe gaat het?" not in login(parent).get("/").content.decode()
    # The coordinator's start page has no such panel.
    assert "Hoe gaat het?" not in login(coordinator).get("/").content.decode()
