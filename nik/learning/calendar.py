"""A training session in people's agendas."""

from __future__ import annotations

from nik.core.calendar import Method, meeting_ics

from .models import Session


def session_ics(session: Session, *, method: Method = Method.PUBLISH) -> bytes:
    """PUBLISH for a download; the enrolment e-mail asks for REQUEST."""
    return meeting_ics(
        uid=f"session-{session.pk}@nik",
        sequence=session.sequence,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=session.course.title,
        organiser=session.region.name,
        method=method,
        location=session.place,
        description=session.course.description,
    )
