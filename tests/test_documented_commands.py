"""Every `nik …` command that README.md or docs/ names runs under exactly that name."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
NAMED = re.compile(r"(?:^|[\s`(/])nik ([a-z][a-z0-9_-]*)")


def documented() -> list[str]:
    found: set[str] = set()
    for path in DOCS:
        found.update(NAMED.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


def test_the_docs_name_the_commands_people_run():
    names = documented()
    for expected in ("api-token", "send-reminders", "send-service-reminders", "backup", "restore"):
        assert expected in names


@pytest.mark.parametrize("command", documented())
def test_a_documented_command_answers_help_under_its_documented_name(command, monkeypatch, capsys):
    from nik.__main__ import main

    monkeypatch.setattr(sys, "argv", ["nik", command, "--help"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code in (0, None), capsys.readouterr().err
    assert "usage:" in capsys.readouterr().out


def test_the_documented_benchmark_runs(tmp_path):
    """`python bench/directory_search.py` (README) runs, here small and on a throw-away SQLite."""
    import os
    import subprocess

    env = {**os.environ, "NIK_DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}"}
    done = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "bench" / "directory_search.py"),
            "--services",
            "40",
            "--runs",
            "1",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "median" in done.stdout


def test_the_scale_benchmarks_run(tmp_path):
    """`bench/generate.py`, then `bench/import_speed.py` on what it made (docs/performance.md),
    small and on a throw-away SQLite; `bench/load.py` needs PostgreSQL and says so."""
    import os
    import subprocess

    env = {**os.environ, "NIK_DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [sys.executable, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    made = run(str(ROOT / "bench" / "generate.py"), "--migrate", "--families", "30")
    assert made.returncode == 0, made.stderr[-2000:]
    imported = run(str(ROOT / "bench" / "import_speed.py"), "--rows", "60")
    assert imported.returncode == 0, imported.stderr[-2000:]
    assert "60 rows" in imported.stdout and "x openpyxl" in imported.stdout
    load = run(str(ROOT / "bench" / "load.py"), "--requests", "10")
    assert load.returncode != 0 and "PostgreSQL" in load.stderr
