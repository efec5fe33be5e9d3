from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def nik(request: HttpRequest) -> dict[str, Any]:
    return {"NIK_DEMO": settings.DEMO}
