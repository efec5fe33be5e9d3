"""Vrije tekst van de routekaart die anderen lezen (voorstellen van stap 10, bijeenkomsten,
mijlpalen, het plan van aanpak) wordt gecontroleerd op namen van de gezinnen in de regio: met de
ene controle van `families`, die via `nik.core.textcheck` ook hier werkt."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.html import escape

from nik.core import textcheck
from nik.roadmap import actions
from nik.roadmap.forms import ProposalForm
from nik.roadmap.models import ActionItem, Event, Proposal, ProposalStatus

pytestmark = pytest.mark.django_db

REFUSED = "Hierin staat iemand uit een gezin van deze regio: "


def url(region, rest=""):
    return f"/regions/{region.slug}/roadmap/{rest}"


@pytest.fixture
def noor(region):
    """Een kind uit de regio (via het register van apps: de routekaart kent geen gezinnen)."""
    family = apps.get_model("families", "Family").objects.create(region=region, name="Gezin Bakker")
    return apps.get_model("families", "Child").objects.create(
        family=family, first_name="Noor", last_name="Bakker", date_of_birth="2017-03-12"
    )


def test_een_voorstel_met_de_naam_van_een_kind_wordt_geweigerd_en_niet_bewaard(
    login, region, coordinator, noor
):
    client = login(coordinator)
    page = client.post(
        url(region, "proposals/"),
        {
            "title": "Overdracht naar school",
            "lesson": "Noor Bakker kon twee weken niet naar school: niemand wist wie belde.",
            "proposal": "Een vaste contactpersoon per school.",
        },
    )
    assert page.status_code == 200
    assert escape(REFUSED + "Bakker, Noor.") in page.text
    assert not Proposal.objects.exists()

    page = client.post(
        url(region, "proposals/"),
        {
            "title": "Overdracht naar school",
            "lesson": "Een kind kon twee weken niet naar school: niemand wist wie belde.",
            "proposal": "Een vaste contactpersoon per school.",
        },
    )
    assert page.status_code == 302
    assert Proposal.objects.get().lesson.startswith("Een kind kon")


def test_een_besluit_van_de_stuurgroep_met_een_naam_wordt_geweigerd(
    login, region, coordinator, steering, noor
):
    """Het besluitformulier kent de regio niet: de actie controleert (ook een vervalste POST)."""
    proposal = Proposal.objects.create(
        region=region, title="Vaste dag", lesson="Overleg wordt verzet.", proposal="Dinsdag."
    )
    page = login(steering).post(
        url(region, f"proposals/{proposal.pk}/"),
        {"discussed_on": "2026-01-05", "outcome": "adopted", "decision": "Ja, zoals bij Noor."},
    )
    assert page.status_code == 200
    assert escape(REFUSED + "Noor.") in page.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and proposal.decision == ""


def test_de_actie_weigert_een_voorstel_met_een_naam_ook_buiten_het_formulier_om(
    region, coordinator, noor
):
    proposal = Proposal(region=region, title="Voor Noor Bakker", lesson="-", proposal="-")
    with pytest.raises(textcheck.NotAnonymous, match="Bakker, Noor"):
        actions.do_save_proposal(proposal, acting_user=coordinator)
    assert not Proposal.objects.exists()


def test_de_uitkomsten_van_een_bijeenkomst_met_een_naam_worden_geweigerd(
    login, region, coordinator, noor
):
    client = login(coordinator)
    event = {
        "kind": "kick_off",
        "title": "Kick-off NIK",
        "starts_at": "2026-12-10T15:00",
        "ends_at": "2026-12-10T18:00",
        "location": "LUMC, Leiden",
        "description": "Samen beginnen",
    }
    page = client.post(url(region, "events/"), event | {"outcomes": "We bespraken Noor."})
    assert page.status_code == 200 and escape(REFUSED + "Noor.") in page.text
    assert not Event.objects.exists()
    page = client.post(url(region, "events/"), event | {"outcomes": "We bespraken de route."})
    assert page.status_code == 302 and Event.objects.get().outcomes == "We bespraken de route."

    saved = Event.objects.get()
    with pytest.raises(textcheck.NotAnonymous):
        actions.do_add_action_item(
            saved,
            what="Bakker bellen",
            owner=coordinator,
            due=saved.starts_at.date(),
            acting_user=coordinator,
        )
    assert not ActionItem.objects.exists()


def test_zonder_geregistreerde_controle_wordt_niets_doorgelaten(region):
    """Standaard weigeren: zonder controle faalt het formulier hard, het laat de tekst niet door."""
    form = ProposalForm(
        {"title": "Vaste dag", "lesson": "Les", "proposal": "Voorstel"}, region=region
    )
    was = textcheck.unregister()
    try:
        with pytest.raises(ImproperlyConfigured):
            form.is_valid()
        with pytest.raises(ImproperlyConfigured):
            textcheck.check(region, ["Vaste dag"])
    finally:
        textcheck.register(was[0], redact=was[1])  # type: ignore[arg-type]
    assert ProposalForm(
        {"title": "Vaste dag", "lesson": "Les", "proposal": "Voorstel"}, region=region
    ).is_valid()


def test_a_reflection_answer_naming_a_child_is_refused_on_the_page_not_with_a_server_error(
    login, region, coordinator, noor
):
    from nik.roadmap.models import RoadmapStep

    client = login(coordinator)
    step = url(region, "steps/3/")
    page = client.post(
        step, {"question": 0, "answer": "Met Noor Bakker zagen we wat er ontbrak."}, follow=True
    )
    assert page.status_code == 200
    assert escape(REFUSED + "Bakker, Noor.") in page.text
    assert not RoadmapStep.objects.get(region=region, number=3).answers.exists()
    page = client.post(step, {"question": 0, "answer": "Met een gezin zagen we wat ontbrak."})
    assert page.status_code == 302
    assert RoadmapStep.objects.get(region=region, number=3).answers.count() == 1
