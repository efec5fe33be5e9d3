"""A coordinator marks a step done with a reflection answer and sees an overdue milestone stand out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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
    page.wait_for_url("**/roadmap/steps/2/")
    assert axe_violations(page) == []
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Status opslaan").click()
    page.locator("#answer-0").fill("We kennen nu alle veertig organisaties bij naam.")
    page.locator("section").filter(has=page.locator("#answer-0")).get_by_role(
        "button", name="Antwoord opslaan"
    ).click()
    expect(page.get_by_text("We kennen nu alle veertig organisaties bij naam.")).to_be_visible()
    page.get_by_role("link", name="Alle tien stappen").first.click()
    expect(page.locator("#steps tr", has_text="Maak samen een foto")).to_contain_text("klaar")
    page.goto(f"/regions/{region.slug}/roadmap/milestones/")
    expect(page.get_by_text("1 mijlpaal is te laat")).to_be_visible()
    expect(page.locator("#milestones tr", has_text="Kick-off")).to_contain_text("te laat")
    assert axe_violations(page) == []
    # A milestone on schedule goes overdue when its date is moved into the past.
    page.get_by_role("link", name="Folder voor ouders").click()
    page.get_by_label("Klaar op").fill(str(timezone.localdate() - timedelta(days=1)))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("2 mijlpalen zijn te laat")).to_be_visible()
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
    expect(page.get_by_text("Versie 1 van het plan is goedgekeurd.")).to_be_visible()
    plan = PlanOfApproach.objects.get(region=region)
    assert (plan.status, plan.approved_by) == ("approved", steering)
    expect(page.get_by_role("button", name="Versie 1 goedkeuren")).to_have_count(0)


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
    expect(page.get_by_text("De overeenkomst moet binnen een week herzien worden.")).to_be_visible()
    page.get_by_role("link", name="Organisatie toevoegen").click()
    page.wait_for_url("**/agreement/parties/new/")
    assert axe_violations(page) == []
    page.get_by_label("Organisatie").select_option(label=org.name)
    page.get_by_label("Contactpersoon").select_option(label=f"{nurse.full_name} — {org.name}")
    page.get_by_label("Uren per maand").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#parties")).to_contain_text("Anna de Vries")
    page.get_by_label("Uitkomst").fill("Uren kloppen met de praktijk.")
    page.get_by_label("Gehouden op").fill(str(timezone.localdate()))
    page.get_by_role("button", name="Herziening opslaan").click()
    expect(page.get_by_text("De herziening is opgeslagen.")).to_be_visible()
    expect(page.locator("#reviews + ul")).to_contain_text("Uren kloppen met de praktijk.")
    page.goto(f"/regions/{region.slug}/roadmap/proposals/")
    assert axe_violations(page) == []
    page.get_by_label("Titel").fill("Vaste dag voor casusbespreking")
    page.get_by_label("Wat we leerden").fill("Overleg wordt vaak verzet.")
    page.get_by_label("Wat we voorstellen").fill("Elke tweede dinsdag van de maand.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Vaste dag voor casusbespreking")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"/regions/{region.slug}/roadmap/indicators/")
    assert axe_violations(page) == []
