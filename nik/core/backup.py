"""`nik backup` and `nik restore`: the database and the uploaded files in one archive.

PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore --clean`;
SQLite is copied with its online backup API (consistent while the app keeps running). The
archive (.tar.gz) also holds MEDIA_ROOT and a manifest saying what it holds. It contains
personal data: keep it encrypted and off the machine (docs/deployment.md).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    engine: str
    made_at: str
    database_file: str
    has_media: bool
    format: int = FORMAT


def _engine() -> str:
    return "postgresql" if connections["default"].vendor == "postgresql" else "sqlite"


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore: NIK_PG_BIN if set, else the newest Debian build, else PATH."""
    folder = os.environ.get("NIK_PG_BIN")
    if folder:
        return str(Path(folder) / name)
    builds = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3])
    )
    if builds:
        return str(builds[-1])
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: postgresql-client).")
    return found


LIBPQ_KEYS = {
    "dbname",
    "user",
    "password",
    "host",
    "port",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "options",
    "application_name",
    "connect_timeout",
    "target_session_attrs",
}


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the PostgreSQL tools: the same libpq parameters Django uses
    (also a socket folder given as ?host= in NIK_DATABASE_URL), as one conninfo string."""
    from psycopg.conninfo import make_conninfo

    params = connections["default"].get_connection_params()
    libpq = {k: v for k, v in params.items() if k in LIBPQ_KEYS and v not in (None, "")}
    password = str(libpq.pop("password", ""))
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = password  # not on the command line, where `ps` would show it
    return ["--dbname", make_conninfo(**libpq)], env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[:2000]}")


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def backup(target: Path) -> Manifest:
    """Write the archive to `target` (a .tar.gz) and return its manifest."""
    engine = _engine()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        if engine == "postgresql":
            database_file = "database.dump"
            args, env = _pg_env()
            _run(
                [
                    _pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-acl",
                    "--file",
                    str(folder / database_file),
                    *args,
                ],
                env,
            )
        else:
            database_file = "database.sqlite3"
            source = connections["default"]
            source.ensure_connection()
            with sqlite3.connect(folder / database_file) as copy:
                source.connection.backup(copy)
            copy.close()
        media = _media_root()
        has_media = media.is_dir() and any(media.iterdir())
        manifest = Manifest(
            engine=engine,
            made_at=timezone.now().isoformat(),
            database_file=database_file,
            has_media=has_media,
        )
        (folder / "manifest.json").write_text(json.dumps(manifest.__dict__, indent=2))
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(folder / "manifest.json", arcname="manifest.json")
            archive.add(folder / database_file, arcname=database_file)
            if has_media:
                archive.add(media, arcname="media")
    os.chmod(target, 0o600)
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError as error:
        raise BackupError("This is not a NIK backup: it has no manifest.json.") from error
    data: dict[str, Any] = json.loads(member.read()) if member else {}
    if data.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {data.get('format')!r}.")
    return Manifest(**data)


def restore(source: Path) -> Manifest:
    """Replace the database (and the uploaded files) with the archive's."""
    engine = _engine()
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        if manifest.engine != engine:
            raise BackupError(
                f"This backup is of a {manifest.engine} database; this install uses {engine}."
            )
        archive.extractall(work, filter="data")
        folder = Path(work)
        database = folder / manifest.database_file
        if engine == "postgresql":
            args, env = _pg_env()
            connections["default"].close()
            _run(
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-acl",
                    "--single-transaction",
                    *args,
                    str(database),
                ],
                env,
            )
        else:
            target = connections["default"]
            target.ensure_connection()
            with sqlite3.connect(database) as copy:
                copy.backup(target.connection)
            copy.close()
        if manifest.has_media:
            media = _media_root()
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(folder / "media", media)
    return manifest
