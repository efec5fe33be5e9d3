"""A training session in people's agendas."""

from __future__ import annotations

from nik.core.calendar import meeting_ics

from .models import Session


def session_ics(session: Session) -> bytes:
    return meeting_ics(
        uid=f"session-{session.pk}@nik",
        sequence=session.sequence,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=session.course.title,
        organiser=session.region.name,
        location=session.place,
        description=session.course.description,
    )
