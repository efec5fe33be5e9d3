"""Every agenda file the product writes, parsed back with `icalendar` (issue 30): a download only
publishes the meeting (METHOD:PUBLISH), only an e-mailed invitation asks to take part
(METHOD:REQUEST), and DTSTAMP is the moment the file was made, in UTC — never the meeting's start.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.learning import actions as learning_actions
from nik.learning.models import Course, CourseKind, Session
from nik.roadmap.models import Event

pytestmark = pytest.mark.django_db


def parsed(content: bytes | str) -> tuple[icalendar.Calendar, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def assert_stamped_now(event: icalendar.Event, made_after: datetime) -> None:
    stamp = event.decoded("dtstamp")
    assert stamp.utcoffset() == timedelta(0)  # UTC, as RFC 5545 asks
    assert made_after - timedelta(seconds=1) <= stamp <= datetime.now(UTC) + timedelta(seconds=1)
    assert stamp != event.decoded("dtstart")


@pytest.fixture
def person(region):
    return ProfessionalFactory(
        region=region, organization=OrganizationFactory(region=region), email="anna@nik.test"
    )


@pytest.fixture
def meeting(region, person):
    start = (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    event = Event.objects.create(
        region=region, title="Netwerkoverleg", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    event.invitees.set([person])
    return event


@pytest.fixture
def session(region):
    course = Course.objects.create(
        title="Basiscursus", kind=CourseKind.COURSE, provider="Kenniscentrum", hours=18
    )
    start = (timezone.now() + timedelta(days=14)).replace(microsecond=0)
    return Session.objects.create(
        course=course,
        region=region,
        starts_at=start,
        ends_at=start + timedelta(hours=7),
        place="LUMC",
        capacity=5,
    )


def test_a_downloaded_meeting_is_published_and_stamped_when_made(
    client, login, coordinator, region, meeting
):
    before = datetime.now(UTC).replace(microsecond=0)
    response = login(coordinator).get(f"/regions/{region.slug}/roadmap/events/{meeting.pk}.ics")
    calendar, event = parsed(response.content)
    assert str(calendar["method"]) == "PUBLISH"
    assert_stamped_now(event, before)


def test_a_meeting_over_the_api_is_published(client, coordinator, meeting, capsys):
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    calendar, _event = parsed(client.get(f"/api/v1/events/{meeting.pk}.ics", **auth).content)
    assert str(calendar["method"]) == "PUBLISH"


def test_an_e_mailed_meeting_invitation_is_a_request(
    client, login, coordinator, region, meeting, django_capture_on_commit_callbacks
):
    before = datetime.now(UTC).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        login(coordinator).post(
            f"/regions/{region.slug}/roadmap/events/{meeting.pk}/", {"send": "1"}
        )
    [sent] = mail.outbox
    name, content, mimetype = sent.attachments[0]
    calendar, event = parsed(content)
    assert (name, mimetype) == ("uitnodiging.ics", "text/calendar; method=REQUEST")
    assert str(calendar["method"]) == "REQUEST"
    assert "anna@nik.test" in str(event["attendee"])
    assert_stamped_now(event, before)


def test_a_downloaded_session_is_published_and_stamped_when_made(
    client, login, coordinator, region, session
):
    before = datetime.now(UTC).replace(microsecond=0)
    response = login(coordinator).get(f"/regions/{region.slug}/learning/sessions/{session.pk}.ics")
    calendar, event = parsed(response.content)
    assert str(calendar["method"]) == "PUBLISH"
    assert_stamped_now(event, before)


def test_an_enrolment_e_mail_carries_the_session_as_a_request(
    coordinator, region, session, person, django_capture_on_commit_callbacks
):
    before = datetime.now(UTC).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        learning_actions.do_enrol(session, person, acting_user=coordinator)
    [sent] = mail.outbox
    _name, content, mimetype = sent.attachments[0]
    calendar, event = parsed(content)
    assert mimetype == "text/calendar; method=REQUEST"
    assert str(calendar["method"]) == "REQUEST"
    assert_stamped_now(event, before)


def test_a_meeting_moves_off_a_weekend_away_from_today():
    from datetime import date

    from nik.core.calendar import is_working_day, working_day_near

    today = date(2026, 4, 22)  # a Wednesday
    saturday_before, saturday_after = date(2026, 4, 18), date(2026, 4, 25)
    assert working_day_near(saturday_before, today=today) == date(2026, 4, 17)  # stays past
    assert working_day_near(saturday_after, today=today) == date(
        2026, 4, 28
    )  # Monday 27 April is Koningsdag
    assert not is_working_day(date(2026, 4, 27)) and is_working_day(today)
    assert working_day_near(today, today=today) == today
