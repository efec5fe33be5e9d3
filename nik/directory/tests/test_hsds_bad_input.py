"""The catalogue of named bad HSDS imports (docs/formats/hsds.md, "Bad input"): each one is a
400 naming the record and the reason, and nothing of the file is imported."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nik.core.models import ApiToken, Organization
from nik.directory.models import Service
from nik.directory.tests.test_formats import services  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[3] / "docs" / "formats" / "hsds.md"
Records = list[dict[str, Any]]


def _name_of_300(records: Records) -> None:
    records[0]["name"] = "N" * 300


def _bad_email(records: Records) -> None:
    records[0]["email"] = "niet-een-adres"


def _javascript_url(records: Records) -> None:
    records[0]["url"] = "javascript:alert(document.cookie)"


def _phone_of_100(records: Records) -> None:
    records[0]["phones"] = [{"id": "p1", "number": "0" * 100}]


def _good_then_bad(records: Records) -> None:
    records[1]["name"] = "N" * 300


def _organization_name_too_long(records: Records) -> None:
    records[0]["organization"]["name"] = "O" * 300


CATALOGUE: dict[str, tuple[Callable[[Records], None], int, str]] = {
    "name-of-300-characters": (_name_of_300, 1, "name"),
    "bad-email": (_bad_email, 1, "email"),
    "javascript-url": (_javascript_url, 1, "url"),
    "phone-of-100-characters": (_phone_of_100, 1, "phones[0].number"),
    "valid-record-then-bad-one": (_good_then_bad, 2, "name"),
    "organization-name-too-long": (_organization_name_too_long, 1, "organization.name"),
}


def _auth(coordinator) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(coordinator)}"}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_each_named_bad_import_is_a_400_with_record_and_reason(
    client,
    coordinator,
    services,  # noqa: F811
    name,
):
    records = client.get("/hsds/v3/services").json()["contents"]
    Service.objects.all().delete()
    organizations = Organization.objects.count()
    breakage, record, element = CATALOGUE[name]
    breakage(records)
    response = client.post(
        "/hsds/v3/import",
        data=json.dumps(records),
        content_type="application/json",
        **_auth(coordinator),
    )
    assert response.status_code == 400, response.content[:300]
    errors = response.json()["errors"]
    assert [e["record"] for e in errors] == [record]
    assert any(message.startswith(f"{element}:") for message in errors[0]["errors"]), errors
    assert not Service.objects.exists()
    assert Organization.objects.count() == organizations


def test_json_nested_a_hundred_thousand_deep_is_a_400(client, coordinator, region):
    deep = "[" * 100_000 + "]" * 100_000
    response = client.post(
        "/hsds/v3/import", data=deep, content_type="application/json", **_auth(coordinator)
    )
    assert response.status_code == 400
    assert "genest" in response.json()["errors"][0]["errors"][0]


def test_too_many_records_are_refused_as_a_whole(client, coordinator, region):
    from nik.core.limits import MAX_ROWS

    response = client.post(
        "/hsds/v3/import",
        data=json.dumps([{"id": str(i)} for i in range(MAX_ROWS + 1)]),
        content_type="application/json",
        **_auth(coordinator),
    )
    assert response.status_code == 400
    assert str(MAX_ROWS) in response.json()["errors"][0]["errors"][0]


def test_the_documented_catalogue_and_the_tests_name_the_same_bad_inputs():
    section = DOC.read_text(encoding="utf-8").split("## Bad input", 1)[1]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE))
    assert documented == set(CATALOGUE)
