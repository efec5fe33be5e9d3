"""The case manager evaluates the plan, the parent approves the wishes in the portal, the new version shows it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from nik.careplans import actions
from nik.careplans.content import PlanContent
from nik.families.models import Child

pytestmark = pytest.mark.browser


def test_evaluate_approve_wishes_publish(
    people, transactional_db, login_via_browser, casemanager, parent, family, axe_violations
):
    family.casemanager = casemanager
    family.save()
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2017, 4, 12)
    )
    first = actions.do_start_plan(
        family,
        content=PlanContent(
            plan_date=timezone.localdate(), wishes="Thuis zijn.", acute_what_to_do="Bel 112."
        ),
        acting_user=casemanager,
    )
    actions.do_publish(first, acting_user=casemanager)

    staff = people()
    login_via_browser(staff, casemanager)
    staff.goto(f"/families/{family.pk}/plan/")
    assert axe_violations(staff) == []
    staff.get_by_role("button", name="Plan evalueren (nieuwe versie)").click()
    expect(staff.get_by_text("Conceptversie 2 staat klaar")).to_be_visible()

    home = people()
    login_via_browser(home, parent)
    home.goto(f"/families/{family.pk}/plan/")
    assert axe_violations(home) == []
    assert "palliatie" not in home.locator("main").inner_text().lower()
    home.get_by_label("Jullie wensen en wat belangrijk voor jullie is").fill(
        "Met Kerst thuis zijn, met opa en oma."
    )
    home.get_by_role("button", name="Mijn wensen opslaan en goedkeuren").click()
    expect(home.get_by_text("Jullie wensen staan in het plan")).to_be_visible()

    staff.reload()
    staff.get_by_label("Wat is er veranderd").fill("Wensen van het gezin bijgewerkt")
    # Publishing asks whether it was discussed with the parents and when the next evaluation is.
    staff.get_by_label("Ja").check()
    staff.get_by_label("Besproken met de ouders op").fill(timezone.localdate().isoformat())
    later = timezone.localdate() + timedelta(days=90)
    staff.get_by_label("Volgende evaluatie op").fill(later.isoformat())
    staff.get_by_role("button", name="Versie 2 vaststellen").click()
    expect(staff.get_by_text("Versie 2 is vastgesteld")).to_be_visible()
    staff.get_by_role("link", name="Versies vergelijken").click()
    table = staff.locator("#compare").inner_text()
    assert "Thuis zijn." in table and "Met Kerst thuis zijn, met opa en oma." in table
    assert axe_violations(staff) == []

    home.reload()
    expect(home.get_by_text("Met Kerst thuis zijn, met opa en oma.")).to_be_visible()
    expect(home.get_by_text("Dit plan is gemaakt op")).to_be_visible()
    # The parent reads Dutch: the month is named in Dutch whatever this thread last activated.
    with translation.override("nl"):
        next_time = date_format(later, "j F Y")
    expect(home.get_by_text(f"Op {next_time} kijken we er samen weer naar.")).to_be_visible()


@pytest.mark.parametrize("path", ["plan/edit/domain-physical/", "plan/edit/acp/", "assessments/"])
def test_plan_edit_pages_have_no_serious_accessibility_violations(
    page, login_via_browser, coordinator, family, axe_violations, path
):
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2017, 4, 12)
    )
    actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=coordinator
    )
    login_via_browser(page, coordinator)
    assert page.goto(f"/families/{family.pk}/{path}").status == 200
    assert axe_violations(page) == []


def test_a_word_that_frightens_parents_gets_a_hint_while_typing(
    page, login_via_browser, casemanager, family, axe_violations
):
    family.casemanager = casemanager
    family.save()
    actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=casemanager
    )
    login_via_browser(page, casemanager)
    page.goto(f"/families/{family.pk}/plan/edit/acute/")
    field = page.get_by_label("Wat te doen")
    hint = page.locator(".nik-hint").first
    expect(hint).to_be_hidden()
    field.fill("We bespreken palliatieve zorg met de ouders.")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Ouders lezen dit deel. Over ‘palliatieve’")
    assert axe_violations(page) == []
    field.fill("Bel eerst de kinderarts.")
    expect(hint).to_be_hidden()
    # A hint never blocks: with the word back in, saving still works.
    field.fill("Palliatieve sedatie is besproken.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen in conceptversie 1")).to_be_visible()
