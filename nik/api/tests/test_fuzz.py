"""schemathesis over the whole OpenAPI of /api/v1/, as a coordinator and as a parent.

Every generated request must give no server error, a status code the description names, and a
body that matches the described schema. The number of examples per operation is
NIK_FUZZ_EXAMPLES (default 60: about 2,000 requests over both tokens).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from nik.core.factories import person
from nik.core.models import ApiToken, Region, Role
from nik.families.factories import FamilyFactory
from nik.families.models import Child, Family

EXAMPLES = int(os.environ.get("NIK_FUZZ_EXAMPLES", "60"))


def _schema() -> schemathesis.BaseSchema:
    """The API's own description, and the app itself to call (in-process, in the test's database)."""
    from django.core.handlers.wsgi import WSGIHandler

    from nik.api.urls import api

    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
    loaded.app = WSGIHandler()  # the project's own app, without the startup checks of nik.wsgi
    return loaded


schema = _schema()


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """The app is called directly, not through Django's test client: keep the test's database
    connection open across requests, as the test client does (else PostgreSQL loses the test's
    transaction at the end of the first request)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(region: Region, family: Family, keep_connection: None) -> dict[str, str]:
    coordinator = person(region, Role.COORDINATOR, "fuzz-coordinator@nik.test")
    parent = person(region, Role.PARENT, "fuzz-ouder@nik.test")
    family.portal_users.add(parent)
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2018, 5, 1)
    )
    FamilyFactory(region=region)
    return {
        "coordinator": ApiToken.issue(coordinator, label="fuzz"),
        "parent": ApiToken.issue(parent, label="fuzz"),
    }


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


# Checked: no server error; documented status codes, content types, headers and bodies; auth
# not ignored. Left out: whether a valid-looking request is accepted and an invalid one refused
# (positive_data_acceptance, negative_data_rejection) — our business rules refuse schema-valid
# input on purpose (no consent, an unknown region, a birth date in the future).
LEFT_OUT = [checks.positive_data_acceptance, checks.negative_data_rejection]


def _call(case: schemathesis.Case, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=LEFT_OUT)


@schema.parametrize()
@FUZZ
def test_the_api_answers_a_coordinator_as_described(case, tokens):
    _call(case, tokens["coordinator"])


@schema.parametrize()
@FUZZ
def test_the_api_answers_a_parent_as_described(case, tokens):
    _call(case, tokens["parent"])
