"""A coordinator marks a step done with a reflection answer and sees an overdue milestone stand out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nik.roadmap.models import Milestone

pytestmark = pytest.mark.browser


def test_step_done_with_a_reflection_and_an_overdue_milestone(
    page, login_via_browser, coordinator, region, axe_violations
):
    Milestone.objects.create(
        region=region,
        title="Kick-off",
        result="Gevierd",
        owner="Projectgroep",
        due=timezone.localdate() - timedelta(days=2),
    )
    login_via_browser(page, coordinator)
    page.goto(f"/regions/{region.slug}/roadmap/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="2. Maak samen een foto").click()
    assert axe_violations(page) == []
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Status opslaan").click()
    page.locator("#answer-0").fill("We kennen nu alle veertig organisaties bij naam.")
    page.locator("section").filter(has=page.locator("#answer-0")).get_by_role(
        "button", name="Antwoord opslaan"
    ).click()
    assert page.get_by_text("We kennen nu alle veertig organisaties bij naam.").is_visible()
    page.get_by_role("link", name="Alle tien stappen").first.click()
    assert "klaar" in page.locator("#steps tr", has_text="Maak samen een foto").inner_text()
    page.goto(f"/regions/{region.slug}/roadmap/milestones/")
    assert page.get_by_text("1 mijlpaal is te laat").is_visible()
    assert "te laat" in page.locator("#milestones tr", has_text="Kick-off").inner_text()
    assert axe_violations(page) == []
