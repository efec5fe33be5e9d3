"""Background work of monitoring: the indicators recomputed from the records (run daily)."""

from __future__ import annotations

from django_tasks import task

from .actions import do_recompute


@task()
def recompute() -> int:
    return do_recompute()
