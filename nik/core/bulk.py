"""Writing many new rows in one go: an import's thousands of checked rows.

On PostgreSQL one ``COPY`` (psycopg's copy support): ``bulk_create`` builds one statement with a
parameter per value, which for a 5,000-row sheet took as long as reading the sheet. Elsewhere
(SQLite, the quick start) ``bulk_create``. Either way the values are prepared as the ORM prepares
them for a save (defaults, ``auto_now``, the database's own forms of dates and JSON), database
constraints and triggers apply, and the caller's transaction makes it all or nothing.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connections, router
from django.db.models import Model


class _Collections:
    lock = threading.Lock()
    running = 0  # imports in this process now
    before: tuple[int, ...] = ()  # the thresholds before the first of them


def insert_all(objects: Sequence[Model]) -> None:
    """Insert new objects of one model; their primary keys are not read back."""
    if not objects:
        return
    model = type(objects[0])
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects)
        return
    fields = [
        field
        for field in model._meta.concrete_fields
        if field is not model._meta.auto_field and not getattr(field, "generated", False)
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # Django's own error types (IntegrityError, …), as from any other write.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        for obj in objects:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            )


@contextmanager
def fewer_collections(threshold: int = 50_000) -> Iterator[None]:
    """Python's cycle collector less often while an import builds thousands of objects that all
    live to its end: at its usual pace (a collection every 700 new objects) it walked them again
    and again, a sixth of a 5,000-row import's time. The thresholds are the process's: the first
    import to start raises them, the last to end puts them back (imports may run in threads)."""
    with _Collections.lock:
        if _Collections.running == 0:
            before = _Collections.before = gc.get_threshold()
            gc.set_threshold(max(threshold, before[0]), *before[1:])
        _Collections.running += 1
    try:
        yield
    finally:
        with _Collections.lock:
            _Collections.running -= 1
            if _Collections.running == 0:
                gc.set_threshold(*_Collections.before)
