"""The family's FHIR bundle as a download from the plan and family pages (issue 30, item 5):
through the families' door, audited as an export, the same bundle `$everything` gives."""

from __future__ import annotations

import json
import re

import pytest
from django.utils.html import escape
from fhirclient.models import bundle

from nik.careplans.tests.test_fhir import planned_family  # noqa: F401  (fixture)
from nik.core.factories import person
from nik.core.models import ApiToken, AuditAction, AuditEvent, AuditOutcome, Role
from nik.families.factories import FamilyFactory
from nik.families.models import Child

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a class="utrecht-link" href="([^"]+)" download>FHIR-bestand downloaden</a>')


@pytest.fixture
def managed(planned_family, casemanager):  # noqa: F811
    planned_family.casemanager = casemanager
    planned_family.save()
    return planned_family


def _link(page: str) -> str:
    found = LINK.search(page)
    assert found, "no 'FHIR-bestand downloaden' link"
    return found.group(1)


def test_case_manager_downloads_the_bundle_from_the_plan_page_in_dutch(
    client, login, casemanager, managed
):
    client = login(casemanager)
    plan_page = client.get(f"/families/{managed.pk}/plan/")
    assert plan_page.status_code == 200
    href = _link(plan_page.content.decode())
    assert href == f"/families/{managed.pk}/plan/fhir/"

    response = client.get(href)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert re.fullmatch(
        rf'attachment; filename="nik-gezin-{managed.pk}-fhir-\d{{4}}-\d\d-\d\d\.json"',
        response["Content-Disposition"],
    )
    parsed = bundle.Bundle(json.loads(response.content), strict=True)  # R4 refuses anything off
    kinds = {e.resource.resource_type for e in parsed.entry}
    assert {"Patient", "CarePlan", "CareTeam", "Consent", "RelatedPerson"} <= kinds
    patient = next(e.resource for e in parsed.entry if e.resource.resource_type == "Patient")
    assert (patient.name[0].given, patient.name[0].family) == (["Sam"], "Jansen")
    plan = next(e.resource for e in parsed.entry if e.resource.resource_type == "CarePlan")
    assert plan.activity[0].detail.description == "Pijnschema"


def test_the_download_is_the_bundle_everything_gives(client, login, casemanager, managed):
    key = ApiToken.issue(casemanager, label="vergelijking")
    everything = client.get(
        f"/fhir/r4/Patient/{managed.pk}/$everything", HTTP_AUTHORIZATION=f"Bearer {key}"
    ).json()
    downloaded = login(casemanager).get(f"/families/{managed.pk}/plan/fhir/")
    assert json.loads(downloaded.content) == everything


def test_the_family_page_offers_the_download_too(client, login, casemanager, managed):
    page = login(casemanager).get(f"/families/{managed.pk}/").content.decode()
    assert _link(page) == f"/families/{managed.pk}/plan/fhir/"


def test_the_download_is_audited_as_an_export_of_the_family(client, login, casemanager, managed):
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    login(casemanager).get(f"/families/{managed.pk}/plan/fhir/")
    event = AuditEvent.objects.filter(pk__gt=before, subject_family_id=managed.pk).get()
    assert (event.action, event.outcome, event.user, event.subject_family_id) == (
        AuditAction.EXPORT,
        AuditOutcome.ALLOWED,
        casemanager,
        managed.pk,
    )
    assert event.purpose == "FHIR download"
    assert event.object_type == "families.family"


@pytest.fixture
def other_parent(region):
    other = FamilyFactory(region=region, name="Gezin de Kale")
    user = person(region, Role.PARENT, "andere-ouder@nik.test")
    other.portal_users.add(user)
    return user


@pytest.mark.parametrize("who", ["member", "steering", "other_coordinator", "other_parent"])
def test_who_may_not_see_the_plan_gets_no_file(client, login, request, managed, who):
    user = request.getfixturevalue(who)
    response = login(user).get(f"/families/{managed.pk}/plan/fhir/")
    assert response.status_code in (403, 404)
    body = response.content.decode()
    assert "Jansen" not in body and "Pijnschema" not in body
    assert "attachment" not in response.get("Content-Disposition", "")
    refused = AuditEvent.objects.filter(
        user=user, outcome=AuditOutcome.DENIED, action=AuditAction.EXPORT
    )
    assert refused.filter(object_id=str(managed.pk)).exists()


def test_an_anonymous_visitor_is_sent_to_the_login(client, managed):
    response = client.get(f"/families/{managed.pk}/plan/fhir/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_family_without_a_child_record_says_so_in_dutch(client, login, coordinator, region):
    family = FamilyFactory(region=region, name="Gezin Zonder Kind")
    assert not Child.objects.filter(family=family).exists()
    response = login(coordinator).get(f"/families/{family.pk}/plan/fhir/", follow=True)
    assert response.redirect_chain[0][0] == f"/families/{family.pk}/"
    assert escape("Er valt nog niets te exporteren") in response.content.decode()
