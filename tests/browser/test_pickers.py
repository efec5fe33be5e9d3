"""Choosing wegwijzer services by typing and the keyboard, not by Ctrl-click in a long list
(issue 14, point 14): the answer to a question and an action of the plan."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nik.careplans import actions
from nik.careplans.content import PlanContent
from nik.careplans.models import CarePlan
from nik.directory.factories import make_service
from nik.families.models import Child, Inquiry

pytestmark = pytest.mark.browser


def test_services_are_picked_by_search_and_keyboard_in_an_answer(
    page, login_via_browser, coordinator, region, axe_violations
):
    zeester = make_service(region, "Logeerhuis De Zeester")
    thuiszorg = make_service(region, "Kinderthuiszorg Leiden", category="home_nursing")
    for n in range(30):
        make_service(region, f"Dienst {n:02d}", category="volunteers")
    asked = Inquiry.objects.create(
        region=region,
        topic="respite",
        question="Waar kan mijn zoon logeren?",
        name="Sanne",
        phone="06-12345678",
    )
    login_via_browser(page, coordinator)
    page.goto(f"/regions/{region.slug}/inquiries/{asked.pk}/")
    search = page.get_by_label("Hulp uit de wegwijzer")
    search.press_sequentially("zeester")
    box = page.get_by_role("checkbox", name="Logeerhuis De Zeester")
    expect(box).to_be_visible()
    expect(page.get_by_role("checkbox", name="Dienst 00")).to_have_count(0)
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    # A second search: the first choice stays, ticked.
    search.fill("")
    search.press_sequentially("thuiszorg")
    expect(page.get_by_role("checkbox", name="Kinderthuiszorg Leiden")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Logeerhuis De Zeester")).to_be_checked()
    page.get_by_role("checkbox", name="Kinderthuiszorg Leiden").check()
    assert axe_violations(page) == []
    page.get_by_label(re.compile(r"^Antwoord:?$")).fill("Twee plekken die kunnen helpen.")
    page.get_by_label("Ik heb het telefonisch verteld", exact=False).check()
    page.get_by_role("button", name="Antwoord opslaan").click()
    expect(page.get_by_text("Twee plekken die kunnen helpen.").first).to_be_visible()
    asked.refresh_from_db()
    assert set(asked.services.values_list("pk", flat=True)) == {zeester.pk, thuiszorg.pk}


def test_an_action_names_its_service_by_search(
    page, login_via_browser, coordinator, family, region
):
    vlinder = make_service(region, "Logeerhuis De Vlinder")
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2017, 4, 12)
    )
    actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=coordinator
    )
    login_via_browser(page, coordinator)
    page.goto(f"/families/{family.pk}/plan/edit/domain-physical/")
    page.get_by_label(re.compile(r"^Actie:?$")).fill("Logeren proberen")
    page.get_by_label(re.compile(r"^Wie:?$")).fill("Casemanager")
    page.get_by_label("Hulp uit de wegwijzer").press_sequentially("vlinder")
    page.get_by_role("radio", name="Logeerhuis De Vlinder").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Logeerhuis De Vlinder")).to_be_visible()
    action = CarePlan.objects.get().draft().data.domain("physical").actions[0]
    assert action.service == str(vlinder.pk)
