"""The `nik` console script: Django's manage.py under the project's own name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nik.settings")
    # `nik demo` is the demo: it switches demo mode on before the settings are read,
    # so that 2FA is off and every page carries the demo banner.
    if sys.argv[1:2] == ["demo"]:
        os.environ.setdefault("NIK_DEMO", "true")
    # Commands are written with hyphens in the docs (`nik api-token`, `nik send-reminders`);
    # Django names them after their modules, with underscores. Both spellings work.
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        sys.argv[1] = sys.argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
