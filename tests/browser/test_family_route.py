"""The whole route: a parent's question becomes a referral, is accepted, the parent joins the portal
and sees the team, the 24-hour numbers and that the case manager opened the record."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from tests.browser.codes import totp_code

pytestmark = pytest.mark.browser

PARENT_PASSWORD = "Een-heel-lang-wachtwoord-2026"


def fresh_code(secret: str, used: set[str]) -> str:
    code = totp_code(secret)
    while code in used:
        time.sleep(1)
        code = totp_code(secret)
    used.add(code)
    return code


def test_question_to_referral_to_portal(
    people,
    transactional_db,
    region,
    coordinator,
    casemanager,
    login_via_browser,
    axe_violations,
):
    umc = OrganizationFactory(region=region, name="LUMC", kind="umc")
    ProfessionalFactory(
        organization=OrganizationFactory(region=region, name="Huisartsenpraktijk Oegstgeest"),
        full_name="Karin Smit",
        job_title="huisarts",
    )
    ProfessionalFactory(
        organization=umc, user=casemanager, full_name=casemanager.full_name, phone="06-55556666"
    )

    # 1. A parent asks a question on the public contact page, without an account.
    visitor = people()
    visitor.goto(f"/regions/{region.slug}/contact/")
    assert axe_violations(visitor) == []
    visitor.get_by_label("Onderwerp").select_option("care_at_home")
    visitor.get_by_label("Vraag").fill(
        "Onze zoon Sam is ernstig ziek. Wie helpt ons met de zorg thuis?"
    )
    visitor.get_by_label("Naam").fill("Eva Jansen")
    visitor.get_by_label("E-mailadres").fill("eva@voorbeeld.example")
    visitor.get_by_role("button", name="Vraag versturen").click()
    expect(visitor.get_by_text("binnen twee werkdagen").first).to_be_visible()
    expect(visitor.get_by_role("heading", name="Wat gebeurt er nu?")).to_be_visible()
    assert axe_violations(visitor) == []

    # 2. The coordinator turns the question into a referral and accepts it.
    staff = people()
    login_via_browser(staff, coordinator)
    staff.goto(f"/regions/{region.slug}/inquiries/")
    staff.locator("table a").first.click()
    staff.get_by_role("link", name="Van deze vraag een aanmelding maken").click()
    assert staff.get_by_label("Naam van een ouder").input_value() == "Eva Jansen"
    staff.get_by_label("Voornaam van het kind").fill("Sam")
    staff.get_by_label("Achternaam van het kind").fill("Jansen")
    staff.get_by_label("Geboortedatum").fill("2017-04-12")
    staff.get_by_label("Het gezin stemt in met de aanmelding bij het netwerk").check()
    staff.get_by_role("button", name="Aanmelden").click()
    staff.wait_for_url(re.compile(r"/referrals/\d+/$"))
    staff.get_by_label("Aannemen", exact=True).check()
    # The case manager is found by typing (a region has hundreds), then chosen.
    staff.get_by_label("Casemanager").fill(casemanager.full_name)
    expect(staff.locator("#id_casemanager-rows label")).to_have_count(2)  # "none" and the match
    staff.get_by_label(str(casemanager), exact=True).check()
    staff.get_by_role("button", name="Besluit opslaan").click()
    expect(staff.get_by_text("Het besluit is opgeslagen")).to_be_visible()

    # The 24-hour arrangement and the invitation for the parent.
    staff.get_by_role("link", name="Het gezinsdossier openen").click()
    family_url = staff.url
    staff.get_by_role("link", name="Regel toevoegen").click()
    staff.get_by_label("Wanneer").select_option("night")
    staff.get_by_label("Wie").fill("Kinderthuiszorg, dienstdoende verpleegkundige")
    staff.get_by_label("Telefoon").fill("088-1234567")
    staff.get_by_role("button", name="Opslaan").click()

    # The GP joins the care team: found by a search, not picked from every professional.
    staff.get_by_label("Zoek een professional (naam, functie of organisatie)").fill("huisarts")
    staff.locator("form[role=search]", has_text="Zoek een professional").get_by_role(
        "button"
    ).click()
    gp = staff.get_by_label("Karin Smit — huisarts — Huisartsenpraktijk Oegstgeest")
    expect(gp).to_be_visible()
    assert axe_violations(staff) == []
    gp.check()
    staff.get_by_label("Rol").select_option(label="huisarts")
    staff.get_by_role("button", name="Toevoegen aan het team").click()
    expect(staff.get_by_text("Toegevoegd aan het zorgteam.")).to_be_visible()
    expect(staff.locator("main")).to_contain_text("Karin Smit")

    staff.locator("#id_name").fill("Eva Jansen")
    staff.locator("#id_email").fill("eva@voorbeeld.example")
    staff.get_by_role("button", name="Uitnodiging versturen").click()
    expect(staff.get_by_text("per e-mail verstuurd")).to_be_visible()
    to_eva = [m for m in mail.outbox if m.to == ["eva@voorbeeld.example"]]
    # First the receipt of the question, then the invitation.
    assert "We hebben je vraag ontvangen" in to_eva[0].subject
    [invitation] = [m for m in to_eva if "/invitation/" in m.body]
    link = re.search(r"https?://\S+/invitation/\S+/", invitation.body).group(0)

    # 3. The case manager opens the record.
    manager = people()
    login_via_browser(manager, casemanager)
    manager.goto(family_url)
    expect(manager.get_by_role("heading", name="Gezin Jansen")).to_be_visible()

    # 4. The parent accepts the invitation, sets up the second step and sees the portal.
    visitor.goto(link)
    visitor.get_by_label("Kies een wachtwoord").fill(PARENT_PASSWORD)
    visitor.get_by_label("Hetzelfde wachtwoord nog een keer").fill(PARENT_PASSWORD)
    visitor.get_by_role("button", name="Mijn account maken").click()
    visitor.wait_for_url("**/accounts/login/**")
    visitor.get_by_label("E-mailadres").fill("eva@voorbeeld.example")
    visitor.get_by_label("Wachtwoord").fill(PARENT_PASSWORD)
    visitor.locator("main").get_by_role("button", name="Inloggen", exact=True).click()
    visitor.wait_for_url("**/accounts/reauthenticate/**")
    visitor.get_by_label("Wachtwoord").fill(PARENT_PASSWORD)
    visitor.locator("main").get_by_role("button", name="Bevestigen").click()
    visitor.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = visitor.locator("#authenticator_secret").input_value()
    visitor.get_by_label("Authenticator code").fill(fresh_code(secret, set()))
    visitor.locator("main").get_by_role("button", name="Activeer").click()
    visitor.goto("/")
    visitor.get_by_role("link", name="Gezin Jansen").click()
    expect(visitor.locator("main")).to_contain_text("06-55556666")
    body = visitor.locator("main").inner_text()
    assert "06-55556666" in body and "088-1234567" in body
    assert "palliatie" not in body.lower()
    assert axe_violations(visitor) == []
    visitor.get_by_role("link", name="Bekijk wie je gegevens heeft bekeken, en wanneer").click()
    log = visitor.locator("#access-log").inner_text()
    assert casemanager.get_full_name() in log
    assert axe_violations(visitor) == []


def test_staff_family_pages_have_no_serious_accessibility_violations(
    page, login_via_browser, region, coordinator, family, axe_violations
):
    login_via_browser(page, coordinator)
    for path in (
        f"/families/{family.pk}/",
        f"/regions/{region.slug}/referrals/",
        f"/regions/{region.slug}/referrals/new/",
        f"/regions/{region.slug}/inquiries/",
        "/families/",
    ):
        assert page.goto(path).status == 200
        assert axe_violations(page) == [], path


def test_a_parent_asks_the_team_and_reads_the_answer_in_the_portal(
    people, transactional_db, region, family, parent, coordinator, login_via_browser, axe_violations
):
    """Issue 30, point 4: the question from the family page, and its answer, in Dutch, axe-clean."""
    region.phone = "071-000 00 10"
    region.save()
    home = people(width=390)
    login_via_browser(home, parent)
    home.goto(f"/families/{family.pk}/")
    # Whom to call: a tappable number even with nothing arranged, and 112.
    expect(home.locator('#call ~ * a[href="tel:0710000010"]').first).to_be_visible()
    expect(home.locator('a[href="tel:112"]').first).to_be_visible()
    home.get_by_role("link", name="Een nieuwe vraag stellen").click()
    expect(home.get_by_role("heading", name="Een vraag stellen")).to_be_visible()
    assert axe_violations(home) == []
    home.get_by_label("Waar gaat je vraag over?").select_option("respite")
    home.get_by_role("textbox", name="Je vraag").fill("Kan Sam in de zomer ergens logeren?")
    home.get_by_role("button", name="Vraag versturen").click()
    expect(home.get_by_text("Je vraag is verstuurd.")).to_be_visible()
    questions = home.locator("section[aria-labelledby=questions]")
    expect(questions).to_contain_text("Kan Sam in de zomer ergens logeren?")
    expect(questions).to_contain_text("we zijn ermee bezig")
    assert axe_violations(home) == []

    staff = people()
    login_via_browser(staff, coordinator)
    staff.goto(f"/regions/{region.slug}/inquiries/")
    expect(staff.locator("table")).to_contain_text(family.name)
    staff.locator("table a").first.click()
    staff.get_by_role("textbox", name="Antwoord").fill("Logeerhuis De Zeester heeft in juli plek.")
    staff.get_by_label("Stuur het per e-mail naar ouder@nik.test").check()
    staff.get_by_role("button", name="Antwoord opslaan").click()
    expect(staff.get_by_text("Het antwoord is verstuurd naar ouder@nik.test")).to_be_visible()

    home.reload()
    home.get_by_role("link", name="Kan Sam in de zomer ergens logeren?").click()
    expect(home.locator("main")).to_contain_text("Logeerhuis De Zeester heeft in juli plek.")
    assert "palliatie" not in home.locator("main").inner_text().lower()
    assert axe_violations(home) == []
    home.goto(f"/families/{family.pk}/plan/")
    assert axe_violations(home) == []
