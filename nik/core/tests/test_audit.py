"""The audit log is append-only and hash-chained; `nik audit verify` finds a tampered row."""

from __future__ import annotations

import pgtrigger
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from nik.core import audit
from nik.core.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def _three_events(user) -> list[AuditEvent]:
    return [
        audit.record(event="test.login", action="login", user=user),
        audit.record(
            event="test.view", action="view", user=user, object_type="families.family", object_id=1
        ),
        audit.record(event="test.logout", action="logout", user=user),
    ]


def test_each_event_carries_the_hash_of_the_one_before(coordinator):
    first, second, third = _three_events(coordinator)
    assert first.prev_hash == audit.GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert audit.verify_chain() == (3, [])


def test_verify_command_reports_an_intact_chain(coordinator, capsys):
    _three_events(coordinator)
    call_command("audit", "verify")
    assert "intact: 3 events" in capsys.readouterr().out


def _tamper(sql: str, params: list[object]) -> None:
    with pgtrigger.ignore("core.AuditEvent:auditevent_append_only"), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_finds_a_changed_row(coordinator, capsys):
    _, second, _ = _three_events(coordinator)
    _tamper("UPDATE core_auditevent SET purpose = %s WHERE id = %s", ["nothing to see", second.id])
    count, breaks = audit.verify_chain()
    assert count == 3
    assert [(b.event_id, b.reason) for b in breaks] == [
        (second.id, "content does not match its hash")
    ]
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")
    assert f"Audit event {second.id}" in capsys.readouterr().err


def test_verify_finds_a_deleted_row(coordinator):
    _, second, third = _three_events(coordinator)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [second.id])
    _, breaks = audit.verify_chain()
    assert [b.event_id for b in breaks] == [third.id]


def test_the_model_refuses_update_and_delete(coordinator):
    event, *_ = _three_events(coordinator)
    event.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 3


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete_by_sql(coordinator):
    event, *_ = _three_events(coordinator)
    for sql in (
        "UPDATE core_auditevent SET purpose = 'x' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.id])
    assert AuditEvent.objects.count() == 3
    assert audit.verify_chain() == (3, [])
