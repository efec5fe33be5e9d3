"""Two people at once: the row lock every decision takes before it checks the state."""

from __future__ import annotations

from django.db.models import Model


def lock(obj: Model) -> None:
    """Lock the object's row until the transaction commits, and re-read it as stored now.

    Call inside the action's transaction, then check the state: a second person deciding at
    the same moment waits here and then sees the first one's decision (PostgreSQL; SQLite
    serialises writers anyway).
    """
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk").get()
    obj.refresh_from_db()
