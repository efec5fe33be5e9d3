"""The small-number rule: on pages for the steering group and in reports, a count of families
under 5 is never shown (written "< 5"), and a share that rests on fewer than 5 families is not
shown at all, so no family can be recognised. Coordinators see the exact figures.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
HIDDEN = "< 5"
TOO_FEW = _("too few to show")


def count(n: int | None, *, exact: bool) -> Any:
    """A count of families as it may be shown."""
    if n is None:
        return None
    return n if exact or n >= THRESHOLD or n == 0 else HIDDEN


def rests_on_too_few(cases: int, *, exact: bool) -> bool:
    """A figure over fewer than 5 families (but more than none) is not shown to non-coordinators."""
    return not exact and 0 < cases < THRESHOLD
