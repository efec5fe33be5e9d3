"""How many queries one request makes: for the pins that say a list does not grow with its rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(get: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = get()
    assert response.status_code == 200
    return len(captured.captured_queries)


def panel_queries(name: str, user: Any, region: Any = None) -> tuple[int, str]:
    """Queries to draw one registered panel for ``user`` (context and template), and its HTML."""
    from django.template.loader import render_to_string

    from nik.core.panels import Viewer, panel

    found = panel(name)
    viewer = Viewer.of(user)
    with CaptureQueriesContext(connection) as captured:
        context = found.context(viewer) if region is None else found.context(viewer, region)
        html = "" if context is None else render_to_string(found.template, context)
    return len(captured.captured_queries), html
