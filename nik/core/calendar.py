"""A meeting as iCalendar (RFC 5545), for people's own agendas: network meetings, training
sessions. One place writes the format; each app says what its meeting is."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent


def meeting_ics(
    *,
    uid: str,
    sequence: int,
    starts_at: datetime,
    ends_at: datetime,
    summary: str,
    organiser: str,
    location: str = "",
    description: str = "",
    attendees: Iterable[tuple[str, str]] = (),
) -> bytes:
    """`attendees` as (name, e-mail); those without an address are left out."""
    calendar = Calendar()
    calendar.add("prodid", "-//NIK//Netwerken Integrale Kindzorg//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    item = VEvent()
    item.add("uid", uid)
    item.add("sequence", sequence)
    item.add("dtstamp", starts_at)
    item.add("dtstart", starts_at)
    item.add("dtend", ends_at)
    item.add("summary", summary)
    if location:
        item.add("location", location)
    if description:
        item.add("description", description)
    by = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    by.params["cn"] = vText(organiser)
    item["organizer"] = by
    for name, email in attendees:
        if email:
            attendee = vCalAddress(f"mailto:{email}")
            attendee.params["cn"] = vText(name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            item.add("attendee", attendee, encode=False)
    calendar.add_component(item)
    return calendar.to_ical()
