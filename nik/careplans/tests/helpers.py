"""What tests of the plan share."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def answers(**more) -> dict:
    """What the publish form asks: discussed with the parents today, next evaluation in 3 months."""
    today = timezone.localdate()
    return {
        "discussed": "yes",
        "discussed_on": today.isoformat(),
        "next_evaluation_on": (today + timedelta(days=90)).isoformat(),
        **more,
    }
