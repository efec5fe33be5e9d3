"""The probe's checks against two gunicorn processes on PostgreSQL, as production runs.

Requests run at once in two processes, so the audit chain's advisory lock, the row locks of the
decisions, the database's own length checks and the audit trigger are exercised for real.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from nik.core.audit import verify_chain
from nik.core.factories import person
from nik.core.models import ApiToken, AuditEvent, Role
from nik.families.factories import FamilyFactory
from nik.families.figures import referral_figures
from nik.families.models import Family, Referral, ReferralStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url() -> str:
    from psycopg.conninfo import make_conninfo

    params = connection.get_connection_params()
    keys = ("dbname", "user", "password", "host", "port")
    conninfo = make_conninfo(**{k: params[k] for k in keys if params.get(k)})
    return f"postgresql:///{params['dbname']}?" + "&".join(
        f"{k}={v}" for k, v in (part.split("=", 1) for part in conninfo.split()) if k != "dbname"
    )


@pytest.fixture
def server(tmp_path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "NIK_DATABASE_URL": _database_url(),
        "NIK_DATA_DIR": str(tmp_path),
        "NIK_SECRET_KEY": "two-processes-" + "x" * 40,
        "NIK_SECURE_SSL_REDIRECT": "false",
        "NIK_DEBUG": "false",
        # As docs/deployment.md runs it: persistent connections, two processes of four threads.
        "NIK_DATABASE_CONN_MAX_AGE": "60",
    }
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "nik.wsgi",
            "--worker-class",
            "gthread",
            "--workers",
            "2",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            process.terminate()
            raise AssertionError(process.communicate(timeout=10)[0].decode()[-3000:])
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _call(url: str, token: str = "", body: object | None = None, raw: bytes | None = None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")  # noqa: S310
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_two_processes_at_once_keep_one_family_per_child_and_an_intact_audit_chain(server, region):
    coordinators = [person(region, Role.COORDINATOR, f"coordinator{i}@nik.test") for i in range(2)]
    tokens = [ApiToken.issue(c, label="load") for c in coordinators]
    families = [FamilyFactory(region=region) for _ in range(3)]
    referral = {
        "region": region.slug,
        "child": {"first_name": "Sam", "last_name": "Gelijktijdig", "date_of_birth": "2019-02-03"},
        "guardian_name": "Eva",
        "source": "gp",
        "consent_to_share": True,
    }
    before = AuditEvent.objects.count()
    with ThreadPoolExecutor(max_workers=8) as pool:
        posts = [
            pool.submit(_call, f"{server}/api/v1/referrals", tokens[i % 2], referral)
            for i in range(8)
        ]
        reads = [
            pool.submit(_call, f"{server}/api/v1/families/{families[i % 3].pk}", tokens[i % 2])
            for i in range(40)
        ]
        statuses = [f.result()[0] for f in posts + reads]
    assert set(statuses) <= {200, 201}, statuses
    # Eight referrals of one child at once: one family, seven duplicates.
    made = Referral.objects.filter(family__child__last_name="Gelijktijdig")
    assert made.order_by().values("family").distinct().count() == 1
    assert made.filter(status=ReferralStatus.DUPLICATE).count() == 7
    assert Family.objects.filter(child__last_name="Gelijktijdig").count() == 1
    # The referral figures' day tally counted all eight, written by threads of two processes.
    assert sum(n for _, n in referral_figures(region)["source"]) == 8
    # Every view was logged, from both processes, in one unbroken chain.
    assert AuditEvent.objects.count() >= before + 48
    count, breaks = verify_chain()
    assert breaks == [] and count == AuditEvent.objects.count()


def test_hostile_input_to_two_processes_is_refused_never_a_server_error(server, region):
    token = ApiToken.issue(person(region, Role.COORDINATOR, "c@nik.test"), label="probe")
    long_name = {
        "region": region.slug,
        "child": {"first_name": "x" * 300, "last_name": "y", "date_of_birth": "2019-02-03"},
        "guardian_name": "Eva",
        "source": "gp",
        "consent_to_share": True,
    }
    probes = [
        (f"{server}/api/v1/referrals", long_name, None),
        (f"{server}/api/v1/families?offset={10**30}", None, None),
        (f"{server}/api/v1/services?offset={10**30}", None, None),
        (f"{server}/hsds/v3/services?page={10**30}", None, None),
        (f"{server}/fhir/r4/HealthcareService?page={10**30}", None, None),
        (f"{server}/hsds/v3/import?region={region.slug}", None, b"[" * 100_000 + b"]" * 100_000),
        (f"{server}/fhir/r4/?region={region.slug}", None, b'{"resourceType": "Bundle", "type": 1}'),
    ]
    for url, body, raw in probes:
        status, content = _call(url, token, body, raw)
        assert 400 <= status < 500, (url, status, content[:300])
    # The audit log refuses changes in the database itself (the trigger), from any process.
    from django.db import InternalError, ProgrammingError, transaction

    from nik.core import audit

    audit.record(event="test.probe", action="view", object_type="probe", object_id="trigger")

    with (
        pytest.raises((InternalError, ProgrammingError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditevent SET purpose = 'changed'")
