"""A coordinator marks a step done with a reflection answer and sees an overdue milestone stand out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.roadmap.models import Milestone, PlanOfApproach

pytestmark = pytest.mark.browser


def test_step_done_with_a_reflection_and_an_overdue_milestone(
    page, login_via_browser, coordinator, region, axe_violations
):
    folder = Milestone.objects.create(
        region=region,
        title="Folder voor ouders",
        result="Getest met twee ouders",
        owner="Coördinator",
        due=timezone.localdate() + timedelta(days=20),
    )
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
    # A milestone on schedule goes overdue when its date is moved into the past.
    page.get_by_role("link", name="Folder voor ouders").click()
    page.get_by_label("Klaar op").fill(str(timezone.localdate() - timedelta(days=1)))
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("2 mijlpalen zijn te laat").is_visible()
    row = page.locator(f"#timeline [data-milestone='{folder.pk}']")
    assert "nik-gantt__row--late" in (row.get_attribute("class") or "")
    bar = row.locator(".nik-gantt__bar").bounding_box()
    today = row.locator(".nik-gantt__today").bounding_box()
    assert bar["x"] + bar["width"] <= today["x"] + 1  # the late bar ends left of today's line


def test_steering_member_approves_the_discussed_plan(
    page, login_via_browser, steering, region, axe_violations
):
    PlanOfApproach.objects.create(
        region=region, number=1, status="discussed", goal="Samen zorgen voor elk ziek kind."
    )
    login_via_browser(page, steering)
    page.goto(f"/regions/{region.slug}/roadmap/plan/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Versie 1 goedkeuren").click()
    assert page.get_by_text("Versie 1 van het plan is goedgekeurd.").is_visible()
    plan = PlanOfApproach.objects.get(region=region)
    assert (plan.status, plan.approved_by) == ("approved", steering)
    assert page.get_by_role("button", name="Versie 1 goedkeuren").count() == 0


def test_coordinator_builds_the_agreement_and_records_a_review(
    page, login_via_browser, coordinator, region, axe_violations
):
    org = OrganizationFactory(region=region, name="Kinderthuiszorg Rijnland")
    nurse = ProfessionalFactory(region=region, organization=org, full_name="Anna de Vries")
    login_via_browser(page, coordinator)
    page.goto(f"/regions/{region.slug}/roadmap/agreement/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Overeenkomst bewerken").click()
    page.get_by_label("Route voor gezinnen (werkproces)").fill("Bel het gezin\nToets de doelgroep")
    page.get_by_label("Volgende herziening").fill(str(timezone.localdate() + timedelta(days=3)))
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("De overeenkomst moet binnen een week herzien worden.").is_visible()
    page.get_by_role("link", name="Organisatie toevoegen").click()
    assert axe_violations(page) == []
    page.get_by_label("Organisatie").select_option(label=org.name)
    page.get_by_label("Contactpersoon").select_option(label=f"{nurse.full_name} — {org.name}")
    page.get_by_label("Uren per maand").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    assert "Anna de Vries" in page.locator("#parties").inner_text()
    page.get_by_label("Uitkomst").fill("Uren kloppen met de praktijk.")
    page.get_by_label("Gehouden op").fill(str(timezone.localdate()))
    page.get_by_role("button", name="Herziening opslaan").click()
    assert page.get_by_text("De herziening is opgeslagen.").is_visible()
    assert "Uren kloppen met de praktijk." in page.locator("#reviews + ul").inner_text()
    page.goto(f"/regions/{region.slug}/roadmap/proposals/")
    assert axe_violations(page) == []
    page.get_by_label("Titel").fill("Vaste dag voor casusbespreking")
    page.get_by_label("Wat we leerden").fill("Overleg wordt vaak verzet.")
    page.get_by_label("Wat we voorstellen").fill("Elke tweede dinsdag van de maand.")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("heading", name="Vaste dag voor casusbespreking").is_visible()
    assert axe_violations(page) == []
    page.goto(f"/regions/{region.slug}/roadmap/indicators/")
    assert axe_violations(page) == []
