"""Wegwijzer services for tests and benchmarks, saved through the action (so they are indexed)."""

from __future__ import annotations

from typing import Any

from nik.core.factories import OrganizationFactory
from nik.core.models import Organization, Region

from . import actions
from .models import Service


def make_service(
    region: Region | None,
    name: str,
    category: str = "respite",
    *,
    owner: Organization | None = None,
    description: str = "Hulp voor gezinnen.",
    ages: tuple[int, int] = (0, 18),
    **fields: Any,
) -> Service:
    """A service of `region` (None: national, then name its `owner`), owned by `owner` or a new
    organisation of the region."""
    organization: Organization = owner or OrganizationFactory(region=region)  # type: ignore[assignment]
    return actions.do_save_service(
        Service(
            region=region,
            organization=organization,
            name=name,
            description=description,
            category=category,
            age_min=ages[0],
            age_max=ages[1],
            **fields,
        ),
        acting_user=None,
    )
