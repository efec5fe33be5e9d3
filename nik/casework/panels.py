"""Casework's part of the start page: the actions from mirror conversations a person owns."""

from __future__ import annotations

from typing import Any

from nik.core.panels import Panel, Viewer

from .models import Idea, Outcome


def my_mirror_actions(viewer: Viewer) -> dict[str, Any] | None:
    items = list(
        Idea.objects.filter(owner=viewer.user, outcome=Outcome.ACTION, done=False)
        .select_related("conversation__region")
        .order_by("due", "pk")[:20]
    )
    return {"items": items} if items else None


PANELS = [
    Panel(
        "casework.my_mirror_actions",
        order=25,
        template="casework/panels/my_mirror_actions.html",
        context=my_mirror_actions,
    ),
]
