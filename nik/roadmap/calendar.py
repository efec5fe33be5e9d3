"""Network meetings as iCalendar (RFC 5545), for people's own agendas."""

from __future__ import annotations

from nik.core.calendar import Method, meeting_ics

from .models import Event


def event_ics(event: Event, *, method: Method = Method.PUBLISH) -> bytes:
    """PUBLISH for a download; the invitation e-mail asks for REQUEST."""
    return meeting_ics(
        uid=f"event-{event.pk}@nik",
        sequence=event.sequence,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        organiser=event.region.name,
        method=method,
        location=event.location,
        description=event.description,
        attendees=[(p.full_name, p.email) for p in event.invitees.all()],
    )
