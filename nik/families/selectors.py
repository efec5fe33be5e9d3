"""Reads about one family that several pages share (the record, the portal, the plan's PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import Availability, CareTeamMember, Family, TeamRole


@dataclass(frozen=True)
class NightLine:
    """Whether the family knows whom to call at any hour, and who arranges it when not."""

    arranged: bool  # any line of the 24-hour arrangement
    nights: bool  # evenings and nights are covered (a night line or a day-and-night line)
    casemanager: str  # who arranges it, as parents know them
    casemanager_phone: str

    @property
    def complete(self) -> bool:
        return self.arranged and self.nights


def night_line(
    family: Family, availability: list[Availability], team: list[CareTeamMember]
) -> NightLine:
    """The family's 24-hour arrangement as parents need it: what is missing, and who fixes it.
    Reads nothing new: the page has the arrangement and the team already."""
    periods = {a.period for a in availability}
    manager: Any = next((m.professional for m in team if m.role == TeamRole.CASEMANAGER), None)
    name = manager.full_name if manager else ""
    if not name and family.casemanager_id:
        name = family.casemanager.get_full_name() if family.casemanager else ""
    return NightLine(
        arranged=bool(availability),
        nights=bool(periods & {Availability.Period.EVENING_NIGHT, Availability.Period.ALWAYS}),
        casemanager=name,
        casemanager_phone=manager.phone if manager else "",
    )
