"""Comparing plan versions reads like the plan (issue 14, point 8): sections and fields as the
forms label them, dates as dates, statuses in words, wegwijzer services by name."""

from __future__ import annotations

import re
from datetime import date

import pytest

from nik.careplans import actions
from nik.careplans.content import Action, Goal, PlanContent
from nik.careplans.models import CarePlanVersion
from nik.directory.tests.test_formats import two_services

pytestmark = pytest.mark.django_db


def test_the_comparison_speaks_the_forms_language(client, login, coordinator, family, region):
    service = two_services(region)[0]
    content = PlanContent(plan_date=date(2026, 3, 1))
    domain = content.domain("physical")
    domain.goals.append(Goal(text="Beter slapen", target="Vijf nachten per week door"))
    domain.actions.append(Action(what="Slaapadvies", who="KCT", status="planned"))
    draft = actions.do_start_plan(family, content=content, acting_user=coordinator)
    actions.do_publish(draft, acting_user=coordinator)
    second = actions.do_start_evaluation(
        CarePlanVersion.objects.get().plan, acting_user=coordinator
    )
    changed = second.data
    changed.next_evaluation_on = date(2026, 6, 1)
    changed.domain("physical").actions[0].status = "in_progress"
    changed.domain("physical").actions[0].service = str(service.pk)
    actions.do_save_draft(
        second, content=changed, seen_version=second.version, acting_user=coordinator
    )
    page = login(coordinator).get(f"/families/{family.pk}/plan/compare/?a=1&b=2").text
    table = page.split('id="compare"')[1]
    assert "Lichamelijk — actie 1" in table
    assert "gepland" in table and "bezig" in table  # the statuses in words
    assert "1 juni 2026" in table  # the next evaluation as a date
    assert service.name in table
    for raw in (
        "domains[",
        "].status",
        "in_progress",
        "planned",
        "next_evaluation_on",
        "2026-06-01",
    ):
        assert raw not in table, raw
    # Unchanged parts are left out unless asked for.
    assert "Beter slapen" not in table
    everything = login(coordinator).get(f"/families/{family.pk}/plan/compare/?a=1&b=2&all=1").text
    assert "Beter slapen" in everything.split('id="compare"')[1]
    assert re.search(r"Lichamelijk — doel 1", everything)
