"""Figures that cost a count over a whole region and may be a few minutes old: the size of a
region's network on its card, the referral figures. Kept in the shared cache (the database
cache, so every process sees one value), forgotten as soon as a record they count is saved or
deleted through the ORM, and at the latest after ``FIGURE_SECONDS`` (bulk writes send no
signal: an import's rows show within that time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

FIGURE_SECONDS = 300


def _key(name: str, region_id: int) -> str:
    return f"nik:figure:{name}:{region_id}"


def figure(name: str, region_id: int, compute: Callable[[], T]) -> T:
    """The figure ``name`` of a region, counted when the cache does not hold it."""
    key = _key(name, region_id)
    found: T | None = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, FIGURE_SECONDS)
    return found


def forget(name: str, region_id: int | None) -> None:
    if region_id is not None:
        cache.delete(_key(name, region_id))
