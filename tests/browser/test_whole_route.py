"""The whole route as people meet it (issue 14, done when): a parent finds the network on the public
front, asks a question, gets the answer by e-mail; the coordinator makes the question a referral
and accepts it; the plan is made and published; the parent reads it in the portal in plain words.
In Dutch and in English, at 1280 and at 390 px, every page without serious accessibility problems
and without sideways scrolling.

Texts are looked up in the catalog in the language of the run, so the test reads the page as its
reader does and fails on a text left in the other language."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from nik.core.factories import (
    PASSWORD,
    MunicipalityFactory,
    OrganizationFactory,
    ProfessionalFactory,
)
from nik.directory.factories import make_service
from tests.browser.codes import totp_code

pytestmark = pytest.mark.browser

PARENT_PASSWORD = "Een-heel-lang-wachtwoord-2026"
RUNS = [("nl", 1280), ("nl", 390), ("en", 1280), ("en", 390)]


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


@pytest.mark.parametrize(("language", "width"), RUNS)
def test_from_the_front_door_to_the_plan_in_the_portal(
    people,
    transactional_db,
    region,
    coordinator,
    casemanager,
    with_second_factor,
    axe_violations,
    language,
    width,
):
    def t(text: str, **values) -> str:
        with translation.override(language):
            return translation.gettext(text) % values if values else translation.gettext(text)

    def clean(page) -> None:
        assert axe_violations(page) == [], page.url
        fits(page)

    region.phone, region.email, region.postcodes = "071-000 00 10", "hr@nik.example", "2160-2899"
    region.save()
    MunicipalityFactory(region=region, name="Leiden")
    respite = make_service(region, "Logeerhuis De Vlinder")
    ProfessionalFactory(
        organization=OrganizationFactory(region=region, name="LUMC", kind="umc"),
        user=casemanager,
        full_name=casemanager.full_name,
        phone="06-55556666",
    )

    # 1. The public front: find the network, ask a question.
    visitor = people(language, width)
    visitor.goto("/")
    clean(visitor)
    visitor.locator("#id_place").fill("2311 AB")
    visitor.get_by_role("button", name=t("Find my network")).click()
    status = visitor.locator(".nik-finder [role=status]")
    expect(status).to_contain_text(region.name)
    visitor.locator("main").get_by_role("link", name=region.name).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(region.name)
    clean(visitor)
    visitor.locator("main").get_by_role("link", name=t("Ask your question"), exact=True).click()
    visitor.locator("#id_topic").select_option("respite")
    visitor.locator("#id_question").fill("Waar kan onze zoon Sam (6) logeren?")
    visitor.locator("#id_name").fill("Eva Jansen")
    visitor.locator("#id_email").fill("eva@voorbeeld.example")
    clean(visitor)
    visitor.get_by_role("button", name=t("Send my question")).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(t("Thank you for your question"))
    clean(visitor)

    # 2. The coordinator answers by e-mail, with a service found by typing.
    staff = people(language, width)
    secret = with_second_factor(coordinator)
    staff.goto("/accounts/login/")
    staff.locator("input[name=login]").fill(coordinator.email)
    staff.locator("input[name=password]").fill(PASSWORD)
    staff.locator("main form button[type=submit]").first.click()
    staff.wait_for_url("**/accounts/2fa/authenticate/")
    staff.locator("input[name=code]").fill(totp_code(secret))
    staff.locator("main form button[type=submit]").first.click()
    staff.wait_for_url(lambda url: "/accounts/" not in url)
    staff.goto(f"/regions/{region.slug}/inquiries/")
    clean(staff)
    staff.locator("table a").first.click()
    staff.locator("#id_answer").fill("Logeerhuis De Vlinder in Leiden heeft plek.")
    staff.locator("#id_services").press_sequentially("vlinder")
    staff.get_by_role("checkbox", name="Logeerhuis De Vlinder").check()
    staff.locator("input[name=way][value=email]").check()
    clean(staff)
    staff.get_by_role("button", name=t("Save the answer")).click()
    expect(staff.locator(".nik-messages")).to_contain_text(
        t("The answer is sent to %(email)s.", email="eva@voorbeeld.example")
    )
    # Eva has two e-mails now: the receipt of her question (it repeats nothing she wrote) and
    # the answer.
    receipt, answer = [m for m in mail.outbox if m.to == ["eva@voorbeeld.example"]]
    assert "Logeerhuis" not in receipt.body
    assert "Logeerhuis De Vlinder in Leiden heeft plek." in answer.body
    assert f"/wegwijzer/services/{respite.pk}/" in answer.body

    # 3. The question becomes a referral, accepted with a case manager.
    staff.get_by_role("link", name=t("Turn this question into a referral")).click()
    staff.locator("#id_first_name").fill("Sam")
    staff.locator("#id_last_name").fill("Jansen")
    staff.locator("#id_date_of_birth").fill("2020-04-12")
    staff.locator("#id_consent_to_share").check()
    clean(staff)
    staff.get_by_role("button", name=t("Refer"), exact=True).click()
    staff.wait_for_url(re.compile(r"/referrals/\d+/$"))
    staff.get_by_label(t("Accept"), exact=True).check()
    # Found by typing the name in the picker, then ticked (the chosen row stays as rows change).
    staff.locator("#id_casemanager").fill(casemanager.full_name)
    staff.locator("#id_casemanager-rows").get_by_label(str(casemanager), exact=True).check()
    clean(staff)
    staff.get_by_role("button", name=t("Save the decision")).click()
    expect(staff.locator(".nik-messages")).to_contain_text(t("The decision is saved."))
    staff.get_by_role("link", name=t("Open the family record")).click()
    staff.wait_for_url(re.compile(r"/families/\d+/$"))
    family_url = staff.url
    clean(staff)

    # 4. The plan: started, what to do in an emergency, a goal and an action, published.
    plan_url = family_url + "plan/"
    staff.goto(plan_url)
    staff.get_by_role("button", name=t("Start the plan")).click()
    staff.goto(plan_url + "edit/acute/")
    staff.locator("#id_acute_what_to_do").fill("Bel de dienstdoende kinderarts.")
    clean(staff)
    staff.get_by_role("button", name=t("Save"), exact=True).click()
    staff.goto(plan_url + "edit/domain-physical/")
    staff.locator("#id_goals-0-text").fill("Sam slaapt de nacht door")
    staff.locator("#id_goals-0-target").fill("5 van de 7 nachten")
    staff.locator("#id_actions-0-what").fill("Een logeerweekend proberen")
    staff.locator("#id_actions-0-who").fill("Casemanager")
    staff.locator("#id_actions-0-service").press_sequentially("vlinder")
    staff.get_by_role("radio", name="Logeerhuis De Vlinder").check()
    clean(staff)
    staff.get_by_role("button", name=t("Save"), exact=True).click()
    staff.locator("input[name=discussed][value=yes]").check()
    today = timezone.localdate()
    staff.locator("#id_discussed_on").fill(today.isoformat())
    staff.locator("#id_next_evaluation_on").fill((today + timedelta(days=90)).isoformat())
    clean(staff)
    staff.locator("form[action$='/plan/publish/'] button[type=submit]").click()
    expect(staff.locator(".nik-messages")).to_contain_text(t("Version %(n)s is published.", n=1))

    # 5. The parent is invited, makes an account and reads the plan in the portal.
    staff.goto(family_url)
    staff.locator("#id_name").fill("Eva Jansen")
    staff.locator("#id_email").fill("eva@voorbeeld.example")
    staff.get_by_role("button", name=t("Send invitation")).click()
    invitation = [m for m in mail.outbox if m.to == ["eva@voorbeeld.example"]][-1]
    link = re.search(r"https?://\S+/invitation/\S+/", invitation.body).group(0)
    visitor.goto(link)
    clean(visitor)
    visitor.locator("#id_password1").fill(PARENT_PASSWORD)
    visitor.locator("#id_password2").fill(PARENT_PASSWORD)
    visitor.get_by_role("button", name=t("Make my account")).click()
    visitor.wait_for_url("**/accounts/login/**")
    visitor.locator("input[name=login]").fill("eva@voorbeeld.example")
    visitor.locator("input[name=password]").fill(PARENT_PASSWORD)
    visitor.locator("main form button[type=submit]").first.click()
    visitor.wait_for_url("**/accounts/reauthenticate/**")
    visitor.locator("input[name=password]").fill(PARENT_PASSWORD)
    visitor.locator("main form button[type=submit]").first.click()
    visitor.wait_for_url("**/accounts/2fa/totp/activate/")
    own = visitor.locator("#authenticator_secret").input_value()
    visitor.locator("input[name=code]").fill(totp_code(own))
    visitor.locator("main form button[type=submit]").first.click()
    visitor.wait_for_url(lambda url: "/totp/activate" not in url)
    visitor.goto(plan_url)
    main = visitor.locator("main")
    expect(main.get_by_role("heading", name=t("What we agreed with you"))).to_be_visible()
    expect(main).to_contain_text("Sam slaapt de nacht door")
    expect(main.get_by_role("link", name="Logeerhuis De Vlinder")).to_be_visible()
    expect(main).to_contain_text("Bel de dienstdoende kinderarts.")
    expect(main).to_contain_text("06-55556666")  # whom to call: the case manager arranges it
    text = main.inner_text()
    assert "palliati" not in text.lower() and "—" not in text
    clean(visitor)
