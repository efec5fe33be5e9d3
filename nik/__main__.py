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
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
