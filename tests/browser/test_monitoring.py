"""Results in the browser (issue 16, first part): the coordinator types in a survey figure, the
steering member then sees it among the quarter's figures (small numbers hidden) and scores the
self-assessment on a phone; every page axe-clean, no sideways scroll at 390 px."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nik.monitoring.actions import do_open_round, do_recompute

pytestmark = pytest.mark.browser


def test_a_typed_figure_reaches_the_steering_group_and_steering_scores_the_network(
    people, region, coordinator, steering, login_via_browser, axe_violations
):
    do_recompute([region])
    desk = people("nl", 1280)
    login_via_browser(desk, coordinator)
    desk.goto(f"/regions/{region.slug}/monitoring/")
    expect(desk.locator(".nik-area [aria-current=page]")).to_have_text("Resultaten")
    assert axe_violations(desk) == []
    desk.get_by_label("Indicator:").select_option("family_rating")
    desk.get_by_label("Een dag in het kwartaal").fill(timezone.localdate().isoformat())
    desk.get_by_label("Waarde").fill("7.8")
    desk.get_by_label("Bron en datum van het cijfer").fill("Enquête onder 31 gezinnen")
    desk.get_by_role("button", name="Cijfer opslaan").click()
    expect(desk.locator("#indicator-family_rating")).to_contain_text("7,8")
    expect(desk.locator("#indicator-family_rating")).to_contain_text("Enquête onder 31 gezinnen")
    round_ = do_open_round(region, acting_user=coordinator)

    phone = people("nl", 390)
    login_via_browser(phone, steering)
    phone.goto(f"/regions/{region.slug}/monitoring/")
    expect(phone.locator("#indicator-family_rating")).to_contain_text("7,8")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_role("link", name="Zelfevaluatie van het netwerk").click()
    phone.get_by_role("link", name="Geef je scores").click()
    phone.wait_for_url(f"**/monitoring/omk/{round_.pk}/")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_label("Aanwezig: Er is een vast multidisciplinair overleg.").check()
    phone.get_by_role("button", name="Mijn scores opslaan").click()
    expect(phone.get_by_text("Dank je: je antwoorden zijn opgeslagen.")).to_be_visible()
    expect(phone.get_by_text("1 persoon heeft geantwoord")).to_be_visible()
    assert axe_violations(phone) == []


def test_a_parent_answers_from_the_e_mail_link_on_a_phone_and_steering_sees_the_figure(
    people, region, coordinator, steering, login_via_browser, axe_violations,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    import re
    from datetime import timedelta

    from django.core import mail

    from nik.careplans.models import CarePlan, CarePlanVersion
    from nik.families.factories import FamilyFactory
    from nik.families.models import Guardian
    from nik.monitoring import surveys
    from nik.monitoring.models import Response

    family = FamilyFactory(region=region)
    Guardian.objects.create(family=family, name="Ouder", email="ouder@voorbeeld.example")
    plan = CarePlan.objects.create(family=family)
    for number in (1, 2):
        CarePlanVersion.objects.create(
            plan=plan, number=number, status="published", content={},
            published_at=timezone.now() - timedelta(days=40 if number == 1 else 2),
        )  # fmt: skip
    for mark in (7, 8, 8, 9):  # four families answered before
        Response.objects.create(region=region, instrument="families", version=1,
                                answers={"overall": mark, "fit": mark, "heard": 4})  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        surveys.do_invite_families(region, base_url="http://x/", acting_user=coordinator)
    path = re.search(r"http://x(/survey/\S+/)", mail.outbox[-1].body).group(1)

    phone = people("nl", 390)
    phone.goto(path)  # no account, no login
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    expect(phone.locator("#q-whom_missing")).to_be_hidden()
    phone.locator("#q-overall").get_by_label("8", exact=True).check()
    phone.locator("#q-fit").get_by_label("8", exact=True).check()
    phone.locator("#q-heard").get_by_label("mee eens", exact=True).check()
    phone.locator("#q-whom_to_call").get_by_label("nee", exact=True).check()
    expect(phone.locator("#q-whom_missing")).to_be_visible()  # asked only after "nee"
    phone.locator("#a-whom_missing").fill("Een kaartje met het nummer")
    phone.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(phone.get_by_role("heading", name="Dank je wel")).to_be_visible()
    assert axe_violations(phone) == []

    do_recompute([region])
    desk = people("nl", 1280)
    login_via_browser(desk, steering)
    desk.goto(f"/regions/{region.slug}/monitoring/")
    expect(desk.locator("#indicator-family_rating")).to_contain_text("8,0")
    expect(desk.locator("#survey-families")).to_contain_text("geantwoord: 5")


def test_a_coordinator_writes_a_survey_links_an_own_indicator_and_a_parent_answers_on_the_portal(
    people, region, coordinator, family, parent, login_via_browser, axe_violations
):
    from datetime import timedelta

    from nik.careplans.models import CarePlan, CarePlanVersion
    from nik.monitoring.models import Measure, Response, Survey
    from nik.roadmap.models import Indicator

    own = Indicator.objects.create(region=region, name="Snel contact", definition="Gebeld.",
                                   unit="%", target="95%", source="NIK")  # fmt: skip
    desk = people("nl", 1280)
    login_via_browser(desk, coordinator)
    desk.goto(f"/regions/{region.slug}/monitoring/")
    desk.get_by_role("link", name="Resultaten instellen").click()
    assert axe_violations(desk) == []
    card = desk.locator(f"#measure-{own.pk}")
    card.get_by_label("Berekend als").select_option("first_contact")
    card.get_by_label("Onze streefwaarde").fill("95")
    card.get_by_role("button", name="Bewaar hoe ‘Snel contact’ gemeten wordt").click()
    expect(
        desk.get_by_text("Opgeslagen: ‘Snel contact’ wordt vanaf nu zo gemeten.")
    ).to_be_visible()
    assert Measure.objects.get(indicator=own).target == 95

    desk.goto(f"/regions/{region.slug}/monitoring/surveys/")
    assert axe_violations(desk) == []
    desk.get_by_role("link", name="Een nieuwe vragenlijst schrijven").click()
    desk.get_by_label("Titel (Nederlands):").fill("Logeeropvang")
    first = desk.locator("#question-1")
    first.get_by_label("Soort antwoord").select_option("single")
    first.get_by_label("Vraag (Nederlands)").fill(
        "Heeft u gebruikgemaakt van de palliatieve logeervoorziening?"
    )
    first.get_by_label("Antwoorden om uit te kiezen").fill("ja | yes\nnee | no")
    second = desk.locator("#question-2")
    second.get_by_label("Soort antwoord").select_option("scale10")
    second.get_by_label("Vraag (Nederlands)").fill("Welk cijfer geef je het logeren?")
    desk.get_by_role("button", name="Concept opslaan").click()
    expect(desk.get_by_text("Het concept is opgeslagen.")).to_be_visible()
    # The hint names the word parents never read from us.
    expect(desk.locator("section[aria-labelledby=readability]")).to_contain_text("palliatieve")
    assert axe_violations(desk) == []
    # Saved again from the page as it came back: the two questions stay, the word is changed.
    desk.locator("#question-1").get_by_label("Vraag (Nederlands)").fill("Heb je gelogeerd?")
    desk.get_by_role("button", name="Concept opslaan").click()
    expect(desk.get_by_text("Het concept is opgeslagen.")).to_be_visible()
    survey = Survey.objects.get()
    assert [i["nl"] for i in survey.items] == [
        "Heb je gelogeerd?",
        "Welk cijfer geef je het logeren?",
    ]
    desk.get_by_role("button", name="Versie 1 publiceren").click()
    expect(
        desk.get_by_text("Gepubliceerd: uitnodigingen gebruiken vanaf nu deze versie.")
    ).to_be_visible()
    desk.get_by_role("link", name="Versie 1").click()
    expect(desk.get_by_role("heading", name="Logeeropvang, versie 1")).to_be_visible()
    assert axe_violations(desk) == []
    desk.get_by_role("link", name="Alle vragenlijsten").click()
    desk.wait_for_url("**/monitoring/surveys/")

    plan = CarePlan.objects.create(family=family)
    for number in (1, 2):
        CarePlanVersion.objects.create(
            plan=plan, number=number, status="published", content={},
            published_at=timezone.now() - timedelta(days=40 if number == 1 else 2),
        )  # fmt: skip
    desk.locator(f"#survey-{survey.key}").get_by_role("button", name="Nu uitnodigen").click()
    expect(desk.get_by_text("Uitnodigingen verstuurd: 1.")).to_be_visible()

    phone = people("nl", 390)
    login_via_browser(phone, parent)
    phone.goto("/")
    phone.get_by_role("link", name="Vragen beantwoorden").click()
    expect(phone.get_by_role("heading", name="Logeeropvang")).to_be_visible()
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_label("ja", exact=True).check()
    phone.get_by_label("9", exact=True).check()
    phone.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(phone.get_by_role("heading", name="Dank je wel")).to_be_visible()
    assert Response.objects.get(instrument=survey.key).answers == {"q1": "ja", "q2": 9}
