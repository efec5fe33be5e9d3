"""The audit log is append-only and hash-chained; `nik audit verify` finds a tampered row."""

from __future__ import annotations

import json

import pgtrigger
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from nik.core import audit
from nik.core.models import AppendOnlyError, AuditEvent, AuditSubject

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


def _region_events(user, region, other_region) -> dict[str, AuditEvent]:
    """Events of two regions and of none, interleaved, with one list view of three families."""
    return {
        "a1": audit.record(event="test.a", action="view", user=user, region=region),
        "b1": audit.record(event="test.b", action="view", user=user, region=other_region),
        "none": audit.record(event="test.login", action="login", user=user),
        "list": audit.record(
            event="access.listed",
            action="view",
            user=user,
            region=region,
            subjects=[31, 7, 19],
            details={"listed": 3},
        ),
        "b2": audit.record(event="test.b", action="view", user=user, region=other_region),
        "a2": audit.record(event="test.a", action="view", user=user, region=region),
    }


def test_each_region_chains_its_own_events(coordinator, region, other_region):
    events = _region_events(coordinator, region, other_region)
    assert events["a1"].prev_hash == audit.GENESIS_HASH
    assert events["b1"].prev_hash == audit.GENESIS_HASH
    assert events["none"].prev_hash == audit.GENESIS_HASH
    assert events["list"].prev_hash == events["a1"].hash
    assert events["a2"].prev_hash == events["list"].hash
    assert events["b2"].prev_hash == events["b1"].hash
    assert audit.verify_chain() == (6, [])


def test_a_list_view_is_one_event_with_a_row_per_family(coordinator, region, other_region):
    listed = _region_events(coordinator, region, other_region)["list"]
    assert sorted(AuditSubject.objects.values_list("family_id", flat=True)) == [7, 19, 31]
    for family_id in (7, 19, 31):
        assert list(audit.about_family(family_id)) == [listed]
    assert not audit.about_family(8).exists()


def test_verify_finds_a_family_taken_out_of_a_list_view(coordinator, region, other_region):
    """The hash covers the families a list showed: removing one from the log is found."""
    listed = _region_events(coordinator, region, other_region)["list"]
    _tamper_subjects("DELETE FROM core_auditsubject WHERE family_id = %s", [19])
    assert audit.verify_chain()[1] == [
        audit.ChainBreak(listed.id, "content does not match its hash")
    ]


def test_verify_finds_a_family_added_to_a_list_view(coordinator, region, other_region):
    listed = _region_events(coordinator, region, other_region)["list"]
    _tamper_subjects(
        "INSERT INTO core_auditsubject (event_id, family_id) VALUES (%s, %s)", [listed.id, 99]
    )
    assert audit.verify_chain()[1] == [
        audit.ChainBreak(listed.id, "content does not match its hash")
    ]


def test_verify_finds_a_deleted_event_in_one_regions_chain(coordinator, region, other_region):
    events = _region_events(coordinator, region, other_region)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events["list"].id])
    assert audit.verify_chain()[1] == [
        audit.ChainBreak(events["a2"].id, "previous hash does not match the event before it")
    ]


def test_verify_finds_an_event_moved_to_another_regions_chain(coordinator, region, other_region):
    events = _region_events(coordinator, region, other_region)
    _tamper(
        "UPDATE core_auditevent SET chain = %s WHERE id = %s", [other_region.pk, events["a2"].id]
    )
    assert {b.event_id for b in audit.verify_chain()[1]} == {events["a2"].id}


def test_events_written_before_chains_per_region_still_verify(coordinator, region):
    """Before this change every event was in one chain (now chain 0), with its region named."""
    first = AuditEvent(
        user=coordinator,
        user_email=coordinator.email,
        region=region,
        action="view",
        outcome="allowed",
        prev_hash=audit.GENESIS_HASH,
    )
    first.hash = first.compute_hash()
    first.save()
    after = audit.record(event="test.a", action="view", user=coordinator, region=region)
    assert (first.chain, after.chain, after.prev_hash) == (0, region.pk, audit.GENESIS_HASH)
    assert audit.verify_chain() == (2, [])


def test_verify_resumes_from_its_checkpoint(coordinator, region, other_region, tmp_path, capsys):
    events = _region_events(coordinator, region, other_region)
    checkpoint = tmp_path / "audit.json"
    call_command("audit", "verify", "--checkpoint", str(checkpoint), "--batch", "4")
    assert "intact: 6 events checked (6 in this run" in capsys.readouterr().out
    saved = audit.Checkpoint.from_json(json.loads(checkpoint.read_text()))
    assert saved.last_id == events["a2"].id and saved.count == 6
    assert saved.heads[region.pk] == (events["a2"].id, events["a2"].hash)

    newer = audit.record(event="test.a", action="view", user=coordinator, region=region)
    call_command("audit", "verify", "--checkpoint", str(checkpoint))
    out = capsys.readouterr().out
    assert f"Starting after event {events['a2'].id}" in out
    assert "intact: 7 events checked (1 in this run" in out
    assert newer.prev_hash == events["a2"].hash


def test_a_resumed_verify_finds_an_event_deleted_after_the_checkpoint(
    coordinator, region, other_region, tmp_path, capsys
):
    """The newest event of a chain has no successor to miss it: the checkpoint remembers it."""
    events = _region_events(coordinator, region, other_region)
    checkpoint = tmp_path / "audit.json"
    call_command("audit", "verify", "--checkpoint", str(checkpoint))
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events["b2"].id])
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify", "--checkpoint", str(checkpoint))
    assert (
        f"Audit event {events['b2'].id}: an event verified before is gone"
        in capsys.readouterr().err
    )


def test_an_interrupted_verify_goes_on_where_it_stopped(coordinator, region, other_region):
    _region_events(coordinator, region, other_region)
    saved: list[audit.Checkpoint] = []
    audit.verify_chain(batch_size=2, progress=saved.append)
    assert [c.count for c in saved] == [2, 4, 6]
    # Stopped after the first batch: the rest is checked from there, nothing twice.
    assert audit.verify_chain(batch_size=2, start=saved[0]) == (6, [])


def _tamper_subjects(sql: str, params: list[object]) -> None:
    with (
        pgtrigger.ignore("core.AuditSubject:auditsubject_append_only"),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)
