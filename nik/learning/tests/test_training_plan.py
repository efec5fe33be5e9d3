"""The yearly training plan (issue 15, step 7): made from needs named by members and families,
edited by the coordinator as a draft, approved by the steering group, versions kept."""

from __future__ import annotations

import pytest
from django.utils import timezone

from nik.core.models import AuditEvent
from nik.learning.models import TrainingNeed, TrainingPlan
from tests.queries import panel_queries

pytestmark = pytest.mark.django_db


def url(region, rest: str = "") -> str:
    return f"/regions/{region.slug}/learning/{rest}"


def lines(*rows) -> dict:
    data = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": "0",
        "note": "Uit de behoeften",
    }
    for i, (what, amount) in enumerate(rows):
        data |= {f"lines-{i}-what": what, f"lines-{i}-amount": amount, f"lines-{i}-month": "3"}
    return data


def test_needs_from_members_and_families(client, login, member, parent, casemanager, region):
    client = login(member)
    response = client.post(url(region, "plan/"), {"topic": "Omgaan met rouw bij broers en zussen"})
    assert response.status_code == 302
    client.post(url(region, "plan/"), {"topic": "Omgaan met rouw bij broers en zussen"})
    page = client.get(url(region, "plan/")).content.decode()
    assert "Omgaan met rouw bij broers en zussen" in page and "2 keer genoemd" in page
    # A parent names one from the portal; a professional cannot use the families' form.
    assert login(casemanager).get(url(region, "family-need/")).status_code == 404
    client = login(parent)
    assert client.get(url(region)).status_code == 404  # the catalogue is for the network
    client.post(url(region, "family-need/"), {"topic": "Beter luisteren naar ons kind"})
    need = TrainingNeed.objects.get(source="family")
    assert need.topic == "Beter luisteren naar ons kind" and need.region == region


def test_the_coordinator_drafts_and_the_steering_group_approves(
    client, login, coordinator, member, steering, region
):
    year = timezone.localdate().year
    assert login(member).get(url(region, "plan/edit/")).status_code == 403
    client = login(coordinator)
    response = client.post(
        url(region, f"plan/edit/?year={year}"), lines(("Basiscursus voor 10 leden", "4500.00"))
    )
    assert response.status_code == 302
    draft = TrainingPlan.objects.get()
    assert (draft.number, draft.status, draft.lines.get().amount) == (1, "draft", 4500)
    page = client.get(url(region, f"plan/?year={year}")).content.decode()
    assert "€ 4.500,00" in page and "maart" in page
    # The coordinator may not approve; steering sees it waiting on the start page and approves.
    assert client.post(url(region, f"plan/{draft.pk}/approve/")).status_code == 403
    queries, html = panel_queries("learning.plans_to_approve", steering)
    assert f"scholingsplan {year}, versie 1" in html
    client = login(steering)
    client.post(url(region, f"plan/{draft.pk}/approve/"))
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by) == ("approved", steering)
    # A new version starts from the approved one; approving it supersedes the first.
    client = login(coordinator)
    client.post(
        url(region, f"plan/edit/?year={year}"),
        lines(("Basiscursus", "4500"), ("GIZ-training", "1200")),
    )
    second = TrainingPlan.objects.get(number=2)
    assert second.lines.count() == 2
    login(steering).post(url(region, f"plan/{second.pk}/approve/"))
    assert TrainingPlan.objects.get(number=1).status == "superseded"
    assert AuditEvent.objects.filter(event="learning.plan_approved").count() == 2


def test_an_empty_plan_is_not_approved(client, login, coordinator, steering, region):
    client = login(coordinator)
    client.get(url(region, "plan/edit/"))
    assert not TrainingPlan.objects.exists()  # a GET writes nothing
    client.post(url(region, "plan/edit/"), lines())
    draft = TrainingPlan.objects.get()
    response = login(steering).post(url(region, f"plan/{draft.pk}/approve/"), follow=True)
    assert "Een leeg plan kan niet worden vastgesteld" in response.content.decode()
    assert TrainingPlan.objects.get().status == "draft"


def test_een_behoefte_van_een_ouder_wordt_bewaard_zonder_de_naam_van_het_kind(
    login, parent, region
):
    """Het netwerk leest de behoeften: namen van de gezinnen in de regio worden weggelaten."""
    from django.apps import apps

    family = apps.get_model("families", "Family").objects.create(region=region, name="Gezin Bakker")
    apps.get_model("families", "Child").objects.create(
        family=family, first_name="Noor", last_name="Bakker", date_of_birth="2017-03-12"
    )
    login(parent).post(url(region, "family-need/"), {"topic": "Beter luisteren naar Noor Bakker"})
    assert TrainingNeed.objects.get(source="family").topic == "Beter luisteren naar […] […]"
