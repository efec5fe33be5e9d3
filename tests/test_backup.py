"""`nik backup` and `nik restore` round-trip the demo database and the uploaded files."""

from __future__ import annotations

import hashlib
import tarfile

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from nik.core import audit
from nik.core.models import AuditAction, AuditEvent, Region
from nik.families.models import Family
from nik.home import demo

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict[str, str]:
    """Every table's rows, as a digest per table (auto-created many-to-many tables included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        rows = model._default_manager.order_by("pk").values_list()
        tables[model._meta.db_table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return tables


def test_backup_and_restore_round_trip_every_table_and_the_audit_chain(tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "certificates").mkdir(parents=True)
    (tmp_path / "media" / "certificates" / "basiscursus.pdf").write_bytes(b"%PDF-1.7 test")
    demo.load()
    before = snapshot()
    assert AuditEvent.objects.exists()
    archive = tmp_path / "nik.tar.gz"

    call_command("backup", str(archive))
    assert "written to" in capsys.readouterr().out
    with tarfile.open(archive) as opened:
        names = set(opened.getnames())
    assert "manifest.json" in names and "media/certificates/basiscursus.pdf" in names
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    # Life goes on after the backup: a new region, a renamed family, more audit events, a file gone.
    Region.objects.create(slug="na-de-backup", name="Na de backup", hospital="-")
    Family.objects.filter(pk=Family.objects.order_by("pk").first().pk).update(name="Gewijzigd")
    audit.record(
        event="test.view", action=AuditAction.VIEW, object_type="test", object_id="na de backup"
    )
    (tmp_path / "media" / "certificates" / "basiscursus.pdf").unlink()
    assert snapshot() != before

    call_command("restore", str(archive), yes=True)
    assert snapshot() == before
    assert (
        tmp_path / "media" / "certificates" / "basiscursus.pdf"
    ).read_bytes() == b"%PDF-1.7 test"
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        (tmp_path / "readme.txt").write_text("hallo")
        archive.add(tmp_path / "readme.txt", arcname="readme.txt")
    with pytest.raises(CommandError, match="no manifest"):
        call_command("restore", str(bogus), yes=True)
    with pytest.raises(CommandError, match="No file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), yes=True)
