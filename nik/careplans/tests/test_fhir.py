"""FHIR R4: export, validity, round trip through an empty database, bad bundles, access."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from django.core.management import call_command
from fhirclient.models import bundle

from nik.careplans import actions, fhir
from nik.careplans.content import Action, Decision, Domain, Goal, PlanContent
from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.core.models import Organization, Professional
from nik.families.models import CareTeamMember, Child, Consent, Family, Guardian

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned_family(region, coordinator, family):
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2017, 4, 12)
    )
    Guardian.objects.create(
        family=family,
        name="Eva Jansen",
        relation="moeder",
        phone="06-1",
        email="eva@voorbeeld.example",
    )
    umc = OrganizationFactory(region=region, name="LUMC", kind="umc")
    doctor = ProfessionalFactory(organization=umc, full_name="Dr. A. de Vries", phone="071-1")
    CareTeamMember.objects.create(family=family, professional=doctor, role="lead_physician")
    Consent.objects.create(
        family=family, organization=umc, scope="care_plan", given_by="parents", method="written"
    )
    content = PlanContent(
        plan_date=date(2026, 10, 1),
        next_evaluation_on=date(2027, 1, 1),
        drawn_up_by="Casemanager",
        wishes="Zoveel mogelijk thuis zijn.",
        acute_what_to_do="Bel 112 bij benauwdheid.",
        decisions=[
            Decision(
                topic="resuscitation",
                decision="Niet reanimeren",
                decided_on=date(2026, 9, 1),
                agreed_by="Ouders en kinderarts",
            )
        ],
        domains=[
            Domain(
                key="physical",
                situation="Pijn 's nachts",
                goals=[
                    Goal(
                        text="Goed slapen",
                        target="5 nachten doorslapen",
                        evaluate_on=date(2026, 12, 1),
                    )
                ],
                actions=[Action(what="Pijnschema", who="KCT", due=date(2026, 10, 15))],
            )
        ],
    )
    version = actions.do_start_plan(family, content=content, acting_user=coordinator)
    actions.do_publish(version, acting_user=coordinator)
    return family


def token(user, capsys) -> dict[str, str]:
    call_command("api_token", user.email)
    return {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}


def test_everything_is_valid_r4_and_every_reference_resolves(
    client, coordinator, planned_family, capsys
):
    response = client.get(
        f"/fhir/r4/Patient/{planned_family.pk}/$everything", **token(coordinator, capsys)
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    data = response.json()
    parsed = bundle.Bundle(data, strict=True)  # the R4 models refuse anything invalid
    kinds = sorted({e.resource.resource_type for e in parsed.entry})
    assert kinds == [
        "CarePlan",
        "CareTeam",
        "Consent",
        "Goal",
        "Organization",
        "Patient",
        "Practitioner",
        "PractitionerRole",
        "RelatedPerson",
    ]
    urls = {e.fullUrl for e in parsed.entry}
    references = json.dumps(data).split('"reference": "')[1:]
    assert references and all(r.split('"')[0] in urls for r in references)
    plan = next(e.resource for e in parsed.entry if e.resource.resource_type == "CarePlan")
    assert plan.status == "active" and plan.activity[0].detail.description == "Pijnschema"


def test_round_trip_through_an_empty_database(client, coordinator, planned_family, capsys):
    auth = token(coordinator, capsys)
    first = client.get(f"/fhir/r4/Patient/{planned_family.pk}/$everything", **auth).json()
    transaction = fhir.as_transaction(bundle.Bundle(copy.deepcopy(first), strict=True)).as_json()
    # Empty the family data: the import must rebuild it from the bundle alone.
    Family.objects.all().delete()
    Professional.objects.all().delete()
    Organization.objects.all().delete()
    response = client.post(
        "/fhir/r4/", data=json.dumps(transaction), content_type="application/fhir+json", **auth
    )
    assert response.status_code == 200, response.content
    family = Family.objects.get()
    second = client.get(f"/fhir/r4/Patient/{family.pk}/$everything", **auth).json()
    assert second == first


def test_careplan_read_and_metadata(client, coordinator, planned_family, capsys):
    plan = planned_family.care_plan
    response = client.get(f"/fhir/r4/CarePlan/{plan.pk}", **token(coordinator, capsys))
    assert response.json()["resourceType"] == "CarePlan"
    meta = client.get("/fhir/r4/metadata").json()
    assert meta["fhirVersion"] == "4.0.1"


def test_a_family_the_caller_may_not_see_is_404(
    client, other_coordinator, steering, planned_family, capsys
):
    for user in (other_coordinator, steering):
        response = client.get(
            f"/fhir/r4/Patient/{planned_family.pk}/$everything", **token(user, capsys)
        )
        assert response.status_code == 404
        assert response.json()["resourceType"] == "OperationOutcome"


def test_no_token_is_401_with_an_operation_outcome(client, planned_family):
    response = client.get(f"/fhir/r4/Patient/{planned_family.pk}/$everything")
    assert response.status_code == 401
    assert response.json()["issue"][0]["code"] == "login"


def _exported(client, coordinator, family, capsys):
    auth = token(coordinator, capsys)
    data = client.get(f"/fhir/r4/Patient/{family.pk}/$everything", **auth).json()
    return fhir.as_transaction(bundle.Bundle(data, strict=True)).as_json(), auth


@pytest.mark.parametrize(
    "breakage", ["broken_reference", "unknown_code", "missing_required", "goal_without_target"]
)
def test_bad_bundles_import_nothing(client, coordinator, planned_family, capsys, breakage):
    data, auth = _exported(client, coordinator, planned_family, capsys)
    for entry in data["entry"]:
        res = entry["resource"]
        if breakage == "broken_reference" and res["resourceType"] == "CareTeam":
            res["subject"]["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
        if breakage == "unknown_code" and res["resourceType"] == "PractitionerRole":
            res["code"][0]["coding"][0]["code"] = "wizard"
        if breakage == "missing_required" and res["resourceType"] == "CarePlan":
            del res["status"]
        if breakage == "goal_without_target" and res["resourceType"] == "Goal":
            del res["target"]
    Family.objects.all().delete()
    response = client.post(
        "/fhir/r4/", data=json.dumps(data), content_type="application/fhir+json", **auth
    )
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"
    assert (Child.objects.count(), Consent.objects.count(), Family.objects.count()) == (0, 0, 0)


def test_not_a_bundle_is_refused(client, coordinator, capsys, region):
    auth = token(coordinator, capsys)
    response = client.post(
        "/fhir/r4/", data="{nonsense", content_type="application/fhir+json", **auth
    )
    assert response.status_code == 400
    response = client.post(
        "/fhir/r4/",
        data=json.dumps({"resourceType": "Patient"}),
        content_type="application/fhir+json",
        **auth,
    )
    assert response.status_code == 400


def test_an_import_goes_through_the_same_actions_as_the_pages(
    client, coordinator, planned_family, capsys
):
    from nik.core.models import AuditEvent

    data, auth = _exported(client, coordinator, planned_family, capsys)
    Family.objects.all().delete()
    Professional.objects.all().delete()
    Organization.objects.all().delete()
    since = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    response = client.post(
        "/fhir/r4/", data=json.dumps(data), content_type="application/fhir+json", **auth
    )
    assert response.status_code == 200, response.content
    family = Family.objects.get()
    events = set(
        AuditEvent.objects.filter(id__gt=since, subject_family_id=family.pk).values_list(
            "event", flat=True
        )
    )
    # The events the pages write for the same steps, each under the importing user.
    assert {
        "family.registered",
        "record.added",
        "team.added",
        "consent.given",
        "plan.started",
        "plan.published",
        "plan.imported",
    } <= events
    assert family.stage == "in_care"


def test_importing_again_evaluates_the_plan_instead_of_replacing_it(
    client, coordinator, planned_family, capsys
):
    from nik.careplans.models import CarePlanVersion

    data, auth = _exported(client, coordinator, planned_family, capsys)
    before = CarePlanVersion.objects.filter(plan__family=planned_family).count()
    team, consents = planned_family.team.count(), planned_family.consents.count()
    response = client.post(
        "/fhir/r4/", data=json.dumps(data), content_type="application/fhir+json", **auth
    )
    assert response.status_code == 200, response.content
    versions = list(CarePlanVersion.objects.filter(plan__family=planned_family).order_by("number"))
    assert len(versions) == before + 1
    assert [v.status for v in versions][-2:] == ["superseded", "published"]
    # Nothing doubled: the same team and consents as before.
    assert (planned_family.team.count(), planned_family.consents.count()) == (team, consents)
