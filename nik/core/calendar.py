"""A meeting as iCalendar (RFC 5545), for people's own agendas: network meetings, training
sessions, mirror conversations. One place writes the format; each app says what its meeting is.

The iTIP method (RFC 5546) says what the file is for: a download or a feed only *publishes* the
meeting (``PUBLISH``); only an invitation e-mailed to the people in it asks them to take part
(``REQUEST``). DTSTAMP is when the file was made, in UTC, never the meeting's start."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

import holidays
from django.conf import settings
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

# Dutch public holidays (Koningsdag, Hemelvaart, Kerst, …) from the `holidays` package.
HOLIDAYS = holidays.country_holidays("NL")


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in HOLIDAYS


def working_day_near(day: date, *, today: date) -> date:
    """`day` when it is a working day, else the nearest one away from `today`: earlier for a day
    gone by, later for one to come, so moving a meeting off a weekend never makes the past
    future (the demo's meetings, made relative to today)."""
    step = timedelta(days=-1 if day < today else 1)
    while not is_working_day(day):
        day += step
    return day


class Method(StrEnum):
    PUBLISH = "PUBLISH"  # a download: the meeting, for the reader's agenda
    REQUEST = "REQUEST"  # an e-mailed invitation to the attendees


def mime_type(method: Method) -> str:
    """The MIME type of an attachment of this method (RFC 6047 wants the method in it)."""
    return f"text/calendar; method={method}"


def meeting_ics(
    *,
    uid: str,
    sequence: int,
    starts_at: datetime,
    ends_at: datetime,
    summary: str,
    organiser: str,
    method: Method = Method.PUBLISH,
    location: str = "",
    description: str = "",
    attendees: Iterable[tuple[str, str]] = (),
) -> bytes:
    """`attendees` as (name, e-mail); those without an address are left out."""
    calendar = Calendar()
    calendar.add("prodid", "-//NIK//Netwerken Integrale Kindzorg//NL")
    calendar.add("version", "2.0")
    calendar.add("method", str(method))
    item = VEvent()
    item.add("uid", uid)
    item.add("sequence", sequence)
    item.add("dtstamp", datetime.now(UTC))
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
