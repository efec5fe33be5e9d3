"""The plan of approach's comparison: each approved version with its own target group (issue 30)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from nik.network.models import TargetGroup
from nik.roadmap import demo
from nik.roadmap.models import PlanOfApproach, PlanStatus

pytestmark = pytest.mark.django_db


def _groups(region):
    first = TargetGroup.objects.create(
        region=region, version=1, age_min=0, age_max=18, categories=["1", "2"]
    )
    second = TargetGroup.objects.create(
        region=region,
        version=2,
        age_min=0,
        age_max=18,
        categories=["1", "2", "3", "4"],
        broadened=True,
        exceptions="Jongeren tot 23 jaar als de overgang nog loopt.",
    )
    return first, second


def _target_group_row(page: str) -> tuple[str, str]:
    """The two cells of row "2. Doelgroep": this version, the approved one before it."""
    row = re.search(r"<tr[^>]*>\s*<th[^>]*>2\. Doelgroep</th>(.*?)</tr>", page, re.S)
    assert row, "no target group row"
    now, before = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    return " ".join(strip_tags(now).split()), " ".join(strip_tags(before).split())


def _headers(page: str) -> list[str]:
    table = page.split('id="plan"', 1)[1].split("</thead>", 1)[0]
    return [strip_tags(h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]


def test_each_approved_version_shows_its_own_target_group(client, login, steering, region):
    first, second = _groups(region)
    common = {"region": region, "goal": "Samenhangende zorg.", "approved_by": steering}
    PlanOfApproach.objects.create(
        number=1,
        status=PlanStatus.SUPERSEDED,
        target_group=first,
        approved_at=timezone.now() - timedelta(days=400),
        **common,
    )
    PlanOfApproach.objects.create(
        number=2,
        status=PlanStatus.APPROVED,
        target_group=second,
        approved_at=timezone.now() - timedelta(days=30),
        **common,
    )

    page = login(steering).get(f"/regions/{region.slug}/roadmap/plan/").text

    assert _headers(page) == ["Onderdeel", "Versie 2", "Goedgekeurde versie 1"]
    now, before = _target_group_row(page)
    assert now.startswith("Doelgroep versie 2: 0 tot en met 18 jaar")
    assert "ook ernstig of chronisch zieke kinderen" in now
    assert "Jongeren tot 23 jaar" in now
    assert before.startswith("Doelgroep versie 1: 0 tot en met 18 jaar")
    assert "versie 2" not in before
    assert "chronisch zieke kinderen" not in before
    assert "Jongeren tot 23 jaar" not in before


def test_the_demo_approved_each_plan_version_with_the_target_group_of_its_time(
    client, login, coordinator, steering, region
):
    first, second = _groups(region)
    TargetGroup.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=540))
    TargetGroup.objects.filter(pk=second.pk).update(created_at=timezone.now() - timedelta(days=90))

    demo.populate(region, coordinator, steering)

    for plan in PlanOfApproach.objects.filter(region=region, approved_at__isnull=False):
        assert plan.target_group.created_at < plan.approved_at
    page = login(steering).get(f"/regions/{region.slug}/roadmap/plan/").text
    now, before = _target_group_row(page)
    assert (now.split(":")[0], before.split(":")[0]) == ("Doelgroep versie 2", "Doelgroep versie 1")
