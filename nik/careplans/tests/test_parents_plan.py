"""The plan as parents read it, the hint about words that frighten them, what publishing asks,
the outcome of each goal at an evaluation, and the printed plan (issue 14, points 3, 9 and 10)."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from pypdf import PdfReader

from nik.careplans import actions
from nik.careplans.content import Action, Decision, Domain, Goal, PlanContent
from nik.careplans.models import CarePlan, CarePlanVersion, PlanClock, plan_clock
from nik.careplans.tests.helpers import answers
from nik.directory.factories import make_service
from nik.families.models import Child

pytestmark = pytest.mark.django_db


def url(family, rest: str = "") -> str:
    return f"/families/{family.pk}/plan/{rest}"


def main_of(response) -> str:
    return response.content.decode().split('id="main"')[1].split("</main>")[0]


@pytest.fixture
def child(family):
    return Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2017, 4, 12)
    )


@pytest.fixture
def published(family, child, coordinator, region):
    service = make_service(region, "Logeerhuis De Vlinder")
    today = timezone.localdate()
    content = PlanContent(
        plan_date=today,
        next_evaluation_on=today + timedelta(days=60),
        discussed_with_parents_on=today,
        acute_what_to_do="Bel de kinderarts via de spoedlijn.",
        wishes="Samen thuis zijn.",
        legal_representatives="",
        domains=[
            Domain(
                key="physical",
                situation="Veel pijn in de nacht.",
                goals=[Goal(text="Sam slaapt de nacht door", target="5 van de 7 nachten")],
                actions=[
                    Action(what="Pijnschema aanpassen", who="Kinderarts", status="in_progress"),
                    Action(what="Logeren proberen", who="Casemanager", service=str(service.pk)),
                    Action(what="Oude afspraak", who="Huisarts", status="cancelled"),
                ],
            )
        ],
        decisions=[
            Decision(
                topic="place_of_care",
                decision="Zo veel mogelijk thuis",
                decided_on=today,
                agreed_by="ouders en kinderarts",
            )
        ],
    )
    draft = actions.do_start_plan(family, content=content, acting_user=coordinator)
    return actions.do_publish(draft, acting_user=coordinator)


def test_parents_read_their_own_plan_in_plain_words(login, parent, family, published):
    main = main_of(login(parent).get(url(family)))
    assert "Wat we met jullie hebben afgesproken" in main
    assert "Het lichaam en de gezondheid van je kind" in main
    assert "Sam slaapt de nacht door" in main and "Het is gelukt als:" in main
    assert "Wie doet wat, en wanneer" in main
    assert "Pijnschema aanpassen" in main and "bezig" in main
    assert "Logeerhuis De Vlinder" in main  # the wegwijzer service by its name
    assert "Oude afspraak" not in main  # a cancelled action is not something anyone does
    assert "Als het ineens slechter gaat met je kind" in main
    assert "Bel de kinderarts via de spoedlijn." in main
    assert "Samen thuis zijn." in main
    assert "Zo veel mogelijk thuis" in main
    # Whom to call: nothing arranged yet, so what to do until then.
    assert "huisartsenpost" in main and "112" in main
    # Not the professional plan: no professional headings, no codes, no empty dashes.
    for word in ["Proactieve zorgplanning", "Wettelijk vertegenwoordigers", "in_progress", "—"]:
        assert word not in main, word
    assert "Veel pijn in de nacht." not in main  # the professionals' notes stay in their plan
    assert "palliati" not in main.lower()


def test_empty_parts_are_left_out_of_the_parents_view(login, parent, family, child, coordinator):
    draft = actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=coordinator
    )
    actions.do_publish(draft, acting_user=coordinator)
    main = main_of(login(parent).get(url(family)))
    assert "Wie bel je, dag en nacht" in main
    # The acute section stays: it holds whom to call, with the family page's numbers (issue 30).
    assert "Als het ineens slechter gaat" in main and 'href="tel:112"' in main
    for heading in [
        "Wat we met jullie hebben afgesproken",
        "Wie doet wat",
        "Jullie wensen",
        "—",
    ]:
        assert heading not in main, heading


def test_a_word_that_frightens_parents_gets_a_hint_not_a_block(
    client, login, coordinator, family, child
):
    client = login(coordinator)
    client.post(url(family, "start/"))
    draft = CarePlanVersion.objects.get()
    form = client.get(url(family, "edit/acute/")).content.decode()
    assert 'id="nik-gentle-words"' in form
    assert re.search(r'<textarea name="acute_what_to_do"[^>]*data-parents-read', form)
    response = client.post(
        url(family, "edit/acute/"),
        {"version": draft.version, "acute_what_to_do": "Palliatieve sedatie bespreken"},
        follow=True,
    )
    page = response.content.decode()
    assert "Opgeslagen in conceptversie 1" in page  # saved: a hint, never a block
    assert escape("Ouders lezen dit deel. Over ‘Palliatieve’:") in page
    assert CarePlanVersion.objects.get().data.acute_what_to_do == "Palliatieve sedatie bespreken"

    # A part parents do not read, or plain words: no hint.
    draft.refresh_from_db()
    response = client.post(
        url(family, "edit/general/"),
        {"version": draft.version, "situation": "Palliatieve fase sinds mei"},
        follow=True,
    )
    assert "Ouders lezen dit deel" not in response.content.decode()
    draft.refresh_from_db()
    response = client.post(
        url(family, "edit/wishes/"), {"version": draft.version, "wishes": "Thuis zijn"}, follow=True
    )
    assert "Ouders lezen dit deel" not in response.content.decode()


def test_publishing_asks_whether_it_was_discussed_and_when_the_next_evaluation_is(
    client, login, coordinator, family, child
):
    client = login(coordinator)
    client.post(url(family, "start/"))
    form = client.get(url(family)).content.decode()
    assert "Heb je deze versie met de ouders besproken?" in form
    assert 'name="next_evaluation_on"' in form

    today = timezone.localdate()
    refused = [
        {},  # nothing answered
        answers(discussed="yes", discussed_on=""),  # yes, but when?
        answers(discussed_on=(today + timedelta(days=1)).isoformat()),  # in the future
        answers(next_evaluation_on=today.isoformat()),  # the next evaluation is not today
    ]
    for data in refused:
        response = client.post(url(family, "publish/"), data, follow=True)
        assert CarePlanVersion.objects.get().status == "draft", data
        assert "utrecht-alert--error" in response.content.decode()

    response = client.post(url(family, "publish/"), answers(discussed="no"), follow=True)
    assert "Versie 1 is vastgesteld" in response.content.decode()
    version = CarePlanVersion.objects.get()
    assert version.data.discussed_with_parents_on is None
    assert version.data.next_evaluation_on == today + timedelta(days=90)
    assert plan_clock(family, version, None, today) == PlanClock.NOT_DISCUSSED
    assert "vastgesteld, nog niet besproken met de ouders" in response.content.decode()
    assert "op schema" not in response.content.decode()

    client.post(url(family, "evaluate/"))
    client.post(url(family, "publish/"), answers())
    version = CarePlan.objects.get().published()
    assert version.data.discussed_with_parents_on == today
    page = client.get(url(family)).content.decode()
    due = date_format(today + timedelta(days=90), "j F Y")
    assert f"op schema; volgende evaluatie op {due}" in page


def test_an_evaluation_records_per_goal_whether_it_was_reached(
    client, login, coordinator, parent, family, published
):
    client = login(coordinator)
    client.post(url(family, "evaluate/"))
    draft = CarePlan.objects.get().draft()
    form = client.get(url(family, "edit/domain-physical/")).content.decode()
    assert "Bereikt? (bij de evaluatie)" in form
    data = {
        "version": draft.version,
        "situation": "Minder pijn.",
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "1",
        "goals-0-text": "Sam slaapt de nacht door",
        "goals-0-target": "5 van de 7 nachten",
        "goals-0-outcome": "partly",
        "goals-0-outcome_note": "3 van de 7 nachten",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    assert client.post(url(family, "edit/domain-physical/"), data).status_code == 302
    client.post(url(family, "publish/"), answers())
    second = CarePlan.objects.get().published()
    goal = second.data.domain("physical").goals[0]
    assert (goal.outcome, goal.outcome_note) == ("partly", "3 van de 7 nachten")

    page = client.get(url(family)).content.decode()
    assert "deels bereikt" in page and "3 van de 7 nachten" in page
    compared = client.get(url(family, "compare/?a=1&b=2")).content.decode()
    assert "Bereikt? (bij de evaluatie)" in compared and "deels bereikt" in compared
    home = login(parent).get(url(family)).content.decode()
    assert "Toen we er de vorige keer naar keken: deels bereikt" in home

    # The next evaluation records it anew; the published version keeps what was recorded.
    client = login(coordinator)
    client.post(url(family, "evaluate/"))
    assert CarePlan.objects.get().draft().data.domain("physical").goals[0].outcome == ""
    assert CarePlan.objects.get().published().data.domain("physical").goals[0].outcome == "partly"


def test_the_printed_plan_reads_in_a_minute(client, login, coordinator, family, published):
    response = login(coordinator).get(url(family, "1.pdf"))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "(bezig)" in flat and "in_progress" not in flat and "(planned)" not in flat
    assert "Logeerhuis De Vlinder" in flat
    assert "Zo veel mogelijk thuis" in flat and "Plek waar het kind het liefst" in flat
    # Empty domains are named once, not printed as pages of dashes.
    assert "Nog niets geschreven over: Psychisch, Sociaal" in flat
    assert "Wettelijk vertegenwoordigers" not in flat  # an empty field is left out
    assert "Lichamelijk" in flat and "Veel pijn in de nacht." in flat
