"""Network meetings as iCalendar (RFC 5545), for people's own agendas."""

from __future__ import annotations

from django.conf import settings
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from .models import Event


def event_ics(event: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//NIK//Netwerken Integrale Kindzorg//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    item = VEvent()
    item.add("uid", f"event-{event.pk}@nik")
    item.add("sequence", event.sequence)
    item.add("dtstamp", event.starts_at)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.title)
    if event.location:
        item.add("location", event.location)
    if event.description:
        item.add("description", event.description)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(event.region.name)
    item["organizer"] = organizer
    for person in event.invitees.all():
        if person.email:
            attendee = vCalAddress(f"mailto:{person.email}")
            attendee.params["cn"] = vText(person.full_name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            item.add("attendee", attendee, encode=False)
    calendar.add_component(item)
    return calendar.to_ical()
