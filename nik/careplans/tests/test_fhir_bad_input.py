"""The catalogue of named bad FHIR bundles (docs/formats/fhir.md, "Bad input"): each one is a
400 OperationOutcome naming the element, and nothing is imported."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nik.careplans.tests.test_fhir import _exported, planned_family  # noqa: F401 (fixture)
from nik.core.models import Organization, Professional
from nik.families.models import Child, Consent, Family, Guardian

pytestmark = pytest.mark.django_db

Bundle = dict[str, Any]
DOC = Path(__file__).resolve().parents[3] / "docs" / "formats" / "fhir.md"


def _each(data: Bundle, kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def _url_of(data: Bundle, kind: str) -> str:
    return next(e["fullUrl"] for e in data["entry"] if e["resource"]["resourceType"] == kind)


def _role_without_practitioner(data: Bundle) -> None:
    del _each(data, "PractitionerRole")[0]["practitioner"]


def _practitioner_without_name(data: Bundle) -> None:
    del _each(data, "Practitioner")[0]["name"]


def _practitioner_points_at_organization(data: Bundle) -> None:
    _each(data, "PractitionerRole")[0]["practitioner"]["reference"] = _url_of(data, "Organization")


def _goal_without_reference(data: Bundle) -> None:
    _each(data, "CarePlan")[0]["goal"] = [{"display": "Goed slapen"}]


def _scheduled_string_in_words(data: Bundle) -> None:
    _each(data, "CarePlan")[0]["activity"][0]["detail"]["scheduledString"] = "next tuesday"


def _decision_without_extensions(data: Bundle) -> None:
    for note in _each(data, "CarePlan")[0]["note"]:
        if any(e.get("valueCode") == "decision" for e in note["extension"]):
            note["extension"] = [e for e in note["extension"] if e.get("valueCode") == "decision"]


def _unknown_domain_field(data: Bundle) -> None:
    for note in _each(data, "CarePlan")[0]["note"]:
        for ext in note["extension"]:
            if ext["url"].endswith("/domain-field"):
                ext["valueCode"] = "horoscope"


def _value_string_for_a_code(data: Bundle) -> None:
    ext = _each(data, "CarePlan")[0]["note"][0]["extension"][0]
    ext["valueString"] = ext.pop("valueCode")


def _birth_date_in_2099(data: Bundle) -> None:
    _each(data, "Patient")[0]["birthDate"] = "2099-01-01"


def _name_of_5000_characters(data: Bundle) -> None:
    _each(data, "Patient")[0]["name"][0]["family"] = "J" * 5000


def _practitioner_name_too_long(data: Bundle) -> None:
    _each(data, "Practitioner")[0]["name"][0]["text"] = "Dr. " + "x" * 300


def _parent_name_too_long(data: Bundle) -> None:
    _each(data, "RelatedPerson")[0]["name"][0]["text"] = "E" * 300


CATALOGUE: dict[str, tuple[Callable[[Bundle], None], str]] = {
    "practitionerrole-without-practitioner": (
        _role_without_practitioner,
        "PractitionerRole.practitioner",
    ),
    "practitioner-without-name": (_practitioner_without_name, "Practitioner.name"),
    "practitioner-reference-to-organization": (
        _practitioner_points_at_organization,
        "must point to a Practitioner",
    ),
    "careplan-goal-without-reference": (_goal_without_reference, "CarePlan.goal[0]"),
    "scheduledstring-not-a-date": (_scheduled_string_in_words, "scheduledString"),
    "decision-without-extensions": (_decision_without_extensions, "StructureDefinition/decision-"),
    "unknown-domain-field": (_unknown_domain_field, "horoscope"),
    "valuestring-for-a-code": (_value_string_for_a_code, "valueCode"),
    "birth-date-in-the-future": (_birth_date_in_2099, "Patient.birthDate"),
    "name-of-5000-characters": (_name_of_5000_characters, "Patient.last_name"),
    "practitioner-name-too-long": (_practitioner_name_too_long, "Practitioner.full_name"),
    "parent-name-too-long": (_parent_name_too_long, "RelatedPerson.name"),
}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_each_named_bad_bundle_is_a_400_naming_the_element_and_imports_nothing(
    client,
    coordinator,
    planned_family,  # noqa: F811
    capsys,
    name,
):
    data, auth = _exported(client, coordinator, planned_family, capsys)
    Family.objects.all().delete()
    before = (Organization.objects.count(), Professional.objects.count(), Guardian.objects.count())
    breakage, element = CATALOGUE[name]
    breakage(data)
    response = client.post(
        "/fhir/r4/", data=json.dumps(data), content_type="application/fhir+json", **auth
    )
    assert response.status_code == 400, response.content[:500]
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert element in body["issue"][0]["diagnostics"], body
    assert (Family.objects.count(), Child.objects.count(), Consent.objects.count()) == (0, 0, 0)
    after = (Organization.objects.count(), Professional.objects.count(), Guardian.objects.count())
    assert after == before


def test_a_bundle_nested_too_deep_is_refused_before_parsing(client, coordinator, capsys, region):
    from nik.careplans.tests.test_fhir import token

    deep = "[" * 100_000 + "]" * 100_000
    response = client.post(
        "/fhir/r4/", data=deep, content_type="application/fhir+json", **token(coordinator, capsys)
    )
    assert response.status_code == 400
    assert "genest" in response.json()["issue"][0]["diagnostics"]


def test_the_documented_catalogue_and_the_tests_name_the_same_bad_inputs():
    section = DOC.read_text(encoding="utf-8").split("## Bad input", 1)[1]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE))
    assert documented == set(CATALOGUE)
