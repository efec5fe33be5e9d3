"""Mirror conversations with parents (issue 15): no parent named, each idea followed to an outcome
(an action on its owner's start page, a step-10 proposal, a national signal), parents invited to
the next one from the portal."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nik.casework import actions
from nik.casework.models import Idea, MirrorConversation, MirrorInterest
from nik.core.models import AuditEvent
from nik.families.anonymity import NotAnonymous
from nik.families.models import Child
from nik.roadmap.models import Proposal
from tests.queries import panel_queries

pytestmark = pytest.mark.django_db


def url(region, rest: str = "") -> str:
    return f"/regions/{region.slug}/mirror/{rest}"


@pytest.fixture
def held(region):
    return MirrorConversation.objects.create(
        region=region,
        held_on=timezone.localdate() - timedelta(days=3),
        facilitator="Ouder en Kind Samen",
        parents=6,
        quotes="‘Vertel ons wie we ’s nachts kunnen bellen.’",
    )


def test_a_coordinator_records_a_conversation_with_themes(
    client, login, coordinator, member, region
):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "minutes": 90,
        "facilitator": "Ouder en Kind Samen",
        "parents": 5,
        "listeners": "kinderarts, wijkverpleegkundige",
        "new_themes": "bereikbaarheid, broers en zussen",
        "quotes": "‘Eén aanspreekpunt scheelt ons veel.’",
    }
    assert login(member).post(url(region, "new/"), data).status_code == 403
    client = login(coordinator)
    response = client.post(url(region, "new/"), data)
    assert response.status_code == 302
    found = MirrorConversation.objects.get()
    assert sorted(t.name for t in found.themes.all()) == ["bereikbaarheid", "broers en zussen"]
    page = client.get(url(region)).content.decode()
    assert "5 ouders" in page and "bereikbaarheid" in page
    assert login(member).get(url(region, f"{found.pk}/")).status_code == 200  # the network reads


def test_each_idea_is_followed_to_an_outcome(
    client, login, coordinator, member, region, held, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    for text in [
        "Een nachtnummer op de eerste pagina",
        "Een vast aanspreekpunt",
        "Landelijk één folder",
    ]:
        client.post(url(region, f"{held.pk}/ideas/"), {"text": text})
    night, contact, leaflet = Idea.objects.order_by("pk")
    overview = client.get(url(region)).content.decode()
    assert overview.count("nachtnummer") == 1 and "Landelijk één folder" in overview

    due = timezone.localdate() + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(region, f"{held.pk}/ideas/{night.pk}/outcome/"),
            {
                "outcome": "action",
                f"idea{night.pk}-owner": member.pk,
                f"idea{night.pk}-due": due.isoformat(),
            },
        )
    night.refresh_from_db()
    assert (night.outcome, night.owner, night.due) == ("action", member, due)
    assert [m.to for m in mail.outbox] == [[member.email]]
    # On the owner's start page, done from there.
    queries, html = panel_queries("casework.my_mirror_actions", member)
    assert "Een nachtnummer op de eerste pagina" in html
    login(member).post(url(region, f"{held.pk}/ideas/{night.pk}/done/"), {"next": "/"})
    assert Idea.objects.get(pk=night.pk).done

    client = login(coordinator)
    client.post(url(region, f"{held.pk}/ideas/{contact.pk}/outcome/"), {"outcome": "proposal"})
    proposal = Proposal.objects.get()
    assert proposal.proposal == "Een vast aanspreekpunt" and "spiegelgesprek" in proposal.lesson
    assert Idea.objects.get(pk=contact.pk).proposal == proposal
    client.post(url(region, f"{held.pk}/ideas/{leaflet.pk}/outcome/"), {"outcome": "signal"})
    # An outcome once: a second click changes nothing.
    client.post(url(region, f"{held.pk}/ideas/{leaflet.pk}/outcome/"), {"outcome": "proposal"})
    assert Idea.objects.get(pk=leaflet.pk).outcome == "signal" and Proposal.objects.count() == 1
    assert "Elk idee heeft een uitkomst." in client.get(url(region)).content.decode()
    assert AuditEvent.objects.filter(event="mirror.idea_outcome").count() == 3


def test_an_action_needs_an_owner_of_this_network(
    client, login, coordinator, other_coordinator, region, held
):
    client = login(coordinator)
    client.post(url(region, f"{held.pk}/ideas/"), {"text": "Iets"})
    idea = Idea.objects.get()
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(
        url(region, f"{held.pk}/ideas/{idea.pk}/outcome/"),
        {
            "outcome": "action",
            f"idea{idea.pk}-owner": other_coordinator.pk,
            f"idea{idea.pk}-due": due,
        },
    )
    assert Idea.objects.get().outcome == ""
    assert login(other_coordinator).get(url(region)).status_code == 404


def test_parents_ask_to_join_and_are_invited_once(
    client, login, coordinator, parent, casemanager, region, django_capture_on_commit_callbacks
):
    assert login(casemanager).post(url(region, "join/")).status_code == 404
    login(parent).post(url(region, "join/"))
    login(parent).post(url(region, "join/"))
    assert MirrorInterest.objects.count() == 1
    coming = MirrorConversation.objects.create(
        region=region,
        held_on=timezone.localdate() + timedelta(days=20),
        starts_at=time(19, 30),
        location="Ronald McDonald Huis, Leiden",
        facilitator="Nina",
    )
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(region, f"{coming.pk}/invite/"))
        client.post(url(region, f"{coming.pk}/invite/"))
    assert [m.to for m in mail.outbox] == [[parent.email]]
    assert "Nina" in mail.outbox[0].body


# The one name check (issue 30) -----------------------------------------------------------------

REFUSED = "Hierin staat iemand uit een gezin van deze regio: "


@pytest.fixture
def child(family):
    return Child.objects.create(
        family=family, first_name="Noor", last_name="Jansen", date_of_birth="2017-03-12"
    )


def test_a_mirror_conversations_quotes_naming_a_child_are_refused(
    login, region, coordinator, child
):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "facilitator": "Ouder en Kind Samen",
        "parents": 5,
        "listeners": "kinderarts",
        "quotes": "‘Noor slaapt slecht sinds de ziekenhuisopname.’",
    }
    page = login(coordinator).post(f"/regions/{region.slug}/mirror/new/", data)
    assert page.status_code == 400 and REFUSED + "Noor." in page.content.decode()
    assert not MirrorConversation.objects.exists()


def test_an_idea_naming_a_child_is_refused_with_the_reason(login, region, coordinator, child):
    held = MirrorConversation.objects.create(
        region=region, held_on=timezone.localdate(), facilitator="X", parents=3
    )
    client = login(coordinator)
    page = client.post(
        f"/regions/{region.slug}/mirror/{held.pk}/ideas/", {"text": "Bel Noor Jansen"}, follow=True
    )
    assert REFUSED + "Jansen, Noor." in page.content.decode()
    assert not Idea.objects.exists()
    with pytest.raises(NotAnonymous):
        actions.do_add_idea(held, text="Noor Jansen", acting_user=coordinator)
