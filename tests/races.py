"""Two people acting at once, on two real database connections (PostgreSQL).

`race(first, second)` runs `first` in a transaction that holds its locks for a moment after it
acted, and starts `second` (on its own connection, with objects it loaded before) while the
first still holds them: what a second coordinator's click does while the first one's request
is committing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

HOLD_SECONDS = 0.4


def race(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[Any, Any]:
    """Return each side's result or the exception it raised."""
    results: dict[str, Any] = {}
    acted = threading.Event()

    def run_first() -> None:
        try:
            with transaction.atomic():
                results["first"] = first()
                acted.set()
                time.sleep(HOLD_SECONDS)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test asserts
            results["first"] = error
        finally:
            acted.set()
            connection.close()

    def run_second() -> None:
        acted.wait(10)
        try:
            results["second"] = second()
        except Exception as error:  # noqa: BLE001
            results["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results["first"], results["second"]
