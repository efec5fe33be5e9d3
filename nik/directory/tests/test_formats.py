"""HSDS 3.0 (validated against the published schemas, round trip, broken files), FHIR
HealthcareService, the public API, the freshness reminders and the booklet."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from fhirclient.models import bundle
from pypdf import PdfReader

from nik.core.factories import OrganizationFactory
from nik.core.models import OutgoingMessage
from nik.directory import actions
from nik.directory.models import Service

pytestmark = pytest.mark.django_db

# The project's own copy of the published schemas (schemas/hsds-3.0/README.md).
SCHEMAS = Path(__file__).resolve().parents[3] / "schemas" / "hsds-3.0"


def hsds_validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for one HSDS schema file, resolving its $refs to the files beside it."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    registry = Registry().with_resources(
        (path.name, DRAFT202012.create_resource(json.loads(path.read_text())))
        for path in SCHEMAS.glob("*.json")
    )
    schema = json.loads((SCHEMAS / name).read_text())
    return jsonschema.Draft202012Validator(schema, registry=registry)


@pytest.fixture
def services(region):
    return two_services(region)


def two_services(region) -> list[Service]:
    """A respite house with an address and a siblings' group without one, of one owner."""
    owner = OrganizationFactory(
        region=region, name="Stichting Logeerhuizen", website="https://logeren.example"
    )
    made = []
    for name, category, financing, postcode in [
        ("Logeerhuis De Zeester", "respite", "wlz,pgb", "2311"),
        ("Broertjes en zusjes groep", "siblings", "free", ""),
    ]:
        made.append(
            actions.do_save_service(
                Service(
                    region=region,
                    organization=owner,
                    name=name,
                    description=f"Over {name}",
                    category=category,
                    financing=financing,
                    postcode=postcode,
                    city="Leiden" if postcode else "",
                    address="Dorpsstraat 1" if postcode else "",
                    phone="071-1234567",
                    contact_email="aanbod@voorbeeld.example",
                    for_whom="Kinderen",
                    age_min=2,
                    age_max=18,
                ),
                acting_user=None,
            )
        )
    return made


def test_hsds_export_validates_against_the_hsds_3_schema(client, services):
    service = hsds_validator("service.json")
    assert not service.is_valid({"id": "x", "status": "sleeping"})  # the schemas do bite
    page = client.get("/hsds/v3/services").json()
    assert page["total_items"] == 2
    for item in page["contents"]:
        service.validate(item)
    one = client.get(f"/hsds/v3/services/{page['contents'][0]['id']}").json()
    assert one == page["contents"][0]
    orgs = client.get("/hsds/v3/organizations").json()
    hsds_validator("organization.json").validate(orgs["contents"][0])


def test_hsds_round_trip(client, coordinator, region, services, capsys):
    first = client.get("/hsds/v3/services").json()["contents"]
    Service.objects.all().delete()
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    response = client.post(
        "/hsds/v3/import", data=json.dumps(first), content_type="application/json", **auth
    )
    assert response.json() == {"imported": 2, "errors": []}
    assert client.get("/hsds/v3/services").json()["contents"] == first


def test_broken_hsds_records_are_all_reported_and_nothing_is_imported(
    client, coordinator, services, capsys
):
    records = client.get("/hsds/v3/services").json()["contents"]
    records[0]["status"] = "sleeping"
    del records[1]["name"]
    records.append({"id": "x", "name": "Zonder organisatie", "status": "active"})
    Service.objects.all().delete()
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    response = client.post(
        "/hsds/v3/import", data=json.dumps(records), content_type="application/json", **auth
    )
    assert response.status_code == 400
    assert [e["record"] for e in response.json()["errors"]] == [1, 2, 3]
    assert not Service.objects.exists()


def test_fhir_healthcare_services_are_valid_r4(client, services):
    data = client.get("/fhir/r4/HealthcareService", {"service-category": "respite"}).json()
    parsed = bundle.Bundle(data, strict=True)
    assert parsed.total == 1
    assert parsed.entry[0].resource.name == "Logeerhuis De Zeester"
    assert (
        client.get("/fhir/r4/HealthcareService", {"service-category": "dragons"}).status_code == 400
    )


def test_public_api_ranks_and_pages(client, services):
    body = client.get("/api/v1/services", {"q": "logeerhuizen", "near": "52.16,4.49"}).json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == "Logeerhuis De Zeester"
    assert body["items"][0]["distance_km"] < 2
    assert client.get("/api/v1/services", {"category": "dragons"}).status_code == 400


def test_the_reminder_is_sent_once_and_the_link_confirms(
    client, services, django_capture_on_commit_callbacks
):
    stale = services[0]
    Service.objects.filter(pk=stale.pk).update(
        last_confirmed=timezone.localdate() - timedelta(days=400)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_reminders(base_url="http://testserver") == 1
        assert actions.send_reminders(base_url="http://testserver") == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["aanbod@voorbeeld.example"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wegwijzer/confirm/" in line)
    path = link[len("http://testserver") :]
    response = client.post(path, {"confirm_only": "1"})
    assert response.status_code == 200
    stale.refresh_from_db()
    assert stale.last_confirmed == timezone.localdate()
    assert client.get(path).status_code == 410  # the link is spent once confirmed


def test_a_reminder_taken_by_another_process_is_not_sent_again(
    services, django_capture_on_commit_callbacks
):
    stale = services[0]
    Service.objects.filter(pk=stale.pk).update(
        last_confirmed=timezone.localdate() - timedelta(days=400)
    )
    stale.refresh_from_db()
    OutgoingMessage.objects.create(
        key=f"directory.freshness:{stale.pk}:{stale.last_confirmed.isoformat()}", subject="elders"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_reminders(base_url="http://testserver") == 0
    assert mail.outbox == []


def test_reminder_command(services, capsys):
    Service.objects.filter(pk=services[0].pk).update(
        last_confirmed=timezone.localdate() - timedelta(days=400)
    )
    call_command("send_service_reminders", base_url="https://nik.example.org")
    assert "Reminders sent: 1" in capsys.readouterr().out


def test_not_right_reports_reach_the_coordinator(client, login, coordinator, region, services):
    client.post(
        f"/wegwijzer/services/{services[0].pk}/", {"message": "Het telefoonnummer klopt niet"}
    )
    page = login(coordinator).get(f"/regions/{region.slug}/wegwijzer/manage/")
    assert "Het telefoonnummer klopt niet" in page.text


def test_the_booklet_is_a_pdf_with_every_service(client, region, services):
    response = client.get(f"/regions/{region.slug}/wegwijzer/booklet.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Logeerhuis De Zeester" in text and "Broertjes en zusjes groep" in text


def test_the_booklet_prints_no_dot_after_the_last_contact_detail(client, region, services):
    """Neither service has a website, one has no place: the line ends with the phone number."""
    response = client.get(f"/regions/{region.slug}/wegwijzer/booklet.pdf")
    lines = [
        line.strip()
        for page in PdfReader(io.BytesIO(response.content)).pages
        for line in page.extract_text().splitlines()
    ]
    assert "Leiden · 071-1234567" in lines
    assert "071-1234567" in lines  # the siblings' group: no place, no website
    assert [line for line in lines if line.endswith("·") or line.startswith("·")] == []


def test_only_the_coordinator_keeps_the_wegwijzer(
    client, login, steering, other_coordinator, region
):
    assert login(steering).get(f"/regions/{region.slug}/wegwijzer/manage/").status_code == 403
    client.logout()
    assert login(other_coordinator).get(f"/regions/{region.slug}/wegwijzer/new/").status_code == 404
