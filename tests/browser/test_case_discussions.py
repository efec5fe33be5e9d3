"""Learning together in the browser (issue 15): the coordinator agrees a monthly MDO and schedules
it, records a case (warned about a child's name first), gives a follow-up action that lands on
the case manager's start page, and sends a lesson to the steering group, whose start page shows
it. Every page axe-clean, and no sideways scroll at 390 px."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nik.casework.models import CaseDiscussion, LearningForm
from nik.families.models import Child
from nik.roadmap.models import Proposal

pytestmark = pytest.mark.browser


def test_from_an_agreed_mdo_to_a_follow_up_and_a_proposal(
    people, region, family, coordinator, casemanager, steering, login_via_browser, axe_violations
):
    Child.objects.create(
        family=family, first_name="Noortje", last_name="Jansen", date_of_birth=date(2018, 5, 1)
    )
    desk = people("nl", 1280)
    login_via_browser(desk, coordinator)
    desk.goto(f"/regions/{region.slug}/together/")
    expect(desk.locator(".nik-area [aria-current=page]")).to_have_text("Samen leren")
    assert axe_violations(desk) == []
    desk.get_by_role("link", name="Vorm van samen leren toevoegen").click()
    desk.wait_for_url("**/together/forms/new/")
    assert axe_violations(desk) == []
    desk.get_by_label("Vorm:", exact=True).select_option("mdo")
    desk.get_by_label("Naam:", exact=True).fill("MDO complexe kindzorg")
    desk.get_by_label("Hoe vaak").select_option("monthly")
    desk.get_by_label("Plaats of online link").fill("LUMC, zaal 4")
    desk.get_by_role("button", name="Opslaan").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("MDO complexe kindzorg")
    assert axe_violations(desk) == []
    first = timezone.localdate() + timedelta(days=1)
    desk.get_by_label("Eerste bijeenkomst").fill(first.isoformat())
    desk.get_by_label("Aantal bijeenkomsten").fill("3")
    desk.get_by_role("button", name="Plannen").click()
    expect(desk.get_by_text("Bijeenkomsten gepland: 3.")).to_be_visible()
    expect(desk.locator("#meeting-list li")).to_have_count(3)
    assert LearningForm.objects.get().meetings.count() == 3

    # A case at the first meeting: the child's name is caught before anything is saved.
    desk.goto(f"/regions/{region.slug}/together/cases/new/")
    assert axe_violations(desk) == []
    desk.get_by_label("Bijeenkomst").select_option(index=1)
    desk.get_by_label("Leeftijd").select_option("4-12")
    question = desk.get_by_label("De vraag van de inbrenger")
    question.fill("Hoe houden de ouders van Noortje de nachten vol?")
    desk.get_by_label("Advies").fill("Logeeropvang één weekend per maand.")
    desk.get_by_label("Verpleegkundige").fill("3")
    desk.get_by_role("button", name="Opslaan").click()
    expect(desk.locator("#not-anonymous")).to_contain_text("Noortje")
    assert axe_violations(desk) == []
    assert not CaseDiscussion.objects.exists()
    desk.get_by_label("De vraag van de inbrenger").fill("Hoe houden de ouders de nachten vol?")
    desk.get_by_role("button", name="Opslaan").click()
    expect(desk.get_by_text("De casusbespreking is vastgelegd.")).to_be_visible()
    expect(desk.locator("#attendance")).to_contain_text("verpleegkundige: 3")
    assert axe_violations(desk) == []

    # A follow-up for the case manager, due this week; a lesson for the steering group.
    desk.get_by_label("Vervolgactie:", exact=True).fill("Logeerhuis bellen voor vrije plekken")
    desk.get_by_label("Eigenaar").select_option(label=casemanager.get_full_name())
    desk.get_by_label("Wanneer klaar").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    desk.get_by_role("button", name="Actie toevoegen").click()
    expect(desk.locator("#follow-up-list")).to_contain_text("Logeerhuis bellen voor vrije plekken")
    desk.get_by_label("Les voor het netwerk:", exact=True).fill(
        "Respijt bespreken in elk eerste plan"
    )
    desk.get_by_role("button", name="Les toevoegen").click()
    desk.get_by_role("button", name="Voorstellen aan de stuurgroep").click()
    expect(desk.get_by_text("De les is als voorstel naar de stuurgroep gegaan.")).to_be_visible()
    expect(desk.locator("#lesson-list")).to_contain_text("voorstel aan de stuurgroep")
    desk.goto(f"/regions/{region.slug}/together/cases/")
    expect(desk.locator("#discussion-table")).to_contain_text("4 tot 12 jaar")
    assert axe_violations(desk) == []

    # The case manager finds the action on the start page, on a phone.
    phone = people("nl", 390)
    login_via_browser(phone, casemanager)
    phone.goto("/")
    expect(phone.locator("#my-actions")).to_be_visible()
    expect(phone.get_by_text("Logeerhuis bellen voor vrije plekken")).to_be_visible()
    assert axe_violations(phone) == []
    phone.goto(f"/regions/{region.slug}/together/cases/{CaseDiscussion.objects.get().pk}/")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # The steering group sees the proposal waiting on its start page.
    board = people("nl", 1280)
    login_via_browser(board, steering)
    board.goto("/")
    expect(board.get_by_role("link", name="1 voorstel om over te besluiten")).to_be_visible()
    board.get_by_role("link", name="1 voorstel om over te besluiten").click()
    expect(board.get_by_text(Proposal.objects.get().title)).to_be_visible()
    assert axe_violations(board) == []
