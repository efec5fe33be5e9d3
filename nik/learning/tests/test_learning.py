"""Training (issue 15, step 7): enrolment with a waiting list, attendance, coverage computed from
attendance, the certificate and the agenda file, and who may do what."""

from __future__ import annotations

import io
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.core.models import AuditEvent, Discipline
from nik.learning import actions
from nik.learning.models import Course, CourseKind, Enrolment, Session
from nik.learning.selectors import coverage
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def basic():
    return Course.objects.create(
        title="Basiscursus", kind=CourseKind.COURSE, provider="Kenniscentrum", hours=18, basic=True
    )


def session_of(course, region, *, days: int = 14, capacity: int = 2) -> Session:
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)  # as agendas keep it
    return Session.objects.create(
        course=course,
        region=region,
        starts_at=start,
        ends_at=start + timedelta(hours=7),
        place="LUMC",
        capacity=capacity,
    )


def people(region, n: int, **fields):
    organization = OrganizationFactory(region=region)
    return [
        ProfessionalFactory(
            region=region, organization=organization, email=f"p{i}@nik.test", **fields
        )
        for i in range(n)
    ]


def url(region, rest: str = "") -> str:
    return f"/regions/{region.slug}/learning/{rest}"


def test_a_full_session_goes_to_the_waiting_list_and_a_cancelled_place_moves_it_up(
    coordinator, region, basic, django_capture_on_commit_callbacks
):
    session = session_of(basic, region, capacity=2)
    a, b, c = people(region, 3)
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.do_enrol(session, a, acting_user=coordinator)
        actions.do_enrol(session, b, acting_user=coordinator)
        third = actions.do_enrol(session, c, acting_user=coordinator)
    assert (first.status, third.status) == ("enrolled", "waiting")
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@nik.test", "p1@nik.test"]
    # Enrolling again changes nothing.
    assert actions.do_enrol(session, c, acting_user=coordinator).status == "waiting"

    with django_capture_on_commit_callbacks(execute=True):
        moved = actions.do_cancel(first, acting_user=coordinator)
    assert moved.pk == third.pk and Enrolment.objects.get(pk=third.pk).status == "enrolled"
    [told] = [m for m in mail.outbox if m.to == ["p2@nik.test"]]
    name, ics, kind = told.attachments[0]
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["summary"]) == "Basiscursus" and str(event["location"]) == "LUMC"
    assert event.decoded("dtstart") == session.starts_at
    events = set(AuditEvent.objects.filter(region=region).values_list("event", flat=True))
    assert {
        "learning.enrolled",
        "learning.waiting",
        "learning.cancelled",
        "learning.moved_up",
    } <= events


def test_attendance_is_recorded_after_the_start_and_coverage_counts_it(coordinator, region, basic):
    nurse, doctor = (
        Discipline.objects.ensure_all()["nurse"],
        Discipline.objects.ensure_all()["doctor"],
    )
    nurses, doctors = people(region, 3), people(region, 1)
    for p in nurses:
        p.disciplines.add(nurse)
    doctors[0].disciplines.add(doctor)
    session = session_of(basic, region, capacity=10)
    enrolments = [actions.do_enrol(session, p, acting_user=coordinator) for p in nurses + doctors]
    with pytest.raises(Exception, match="begonnen|started"):
        actions.do_record_attendance(session, present=set(), acting_user=coordinator)
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    counts = actions.do_record_attendance(
        session, present={enrolments[0].pk, enrolments[3].pk}, acting_user=coordinator
    )
    assert counts == {"attended": 2, "absent": 2}
    # Another course does not count, nor does someone of another region.
    other = Course.objects.create(title="E-learning", kind=CourseKind.ELEARNING, provider="KC")
    found = coverage(region, detail=True, with_missing=True)
    assert (found.done, found.total, found.share) == (2, 4, 50)
    assert ("verpleegkundige", 1, 3) in found.by_discipline
    assert ("arts", 1, 1) in found.by_discipline
    assert {p.pk for p in found.missing} == {nurses[1].pk, nurses[2].pk}
    assert other.sessions.count() == 0


def test_who_may_do_what(
    client, login, coordinator, member, casemanager, other_coordinator, region, basic
):
    session = session_of(basic, region)
    mine = people(region, 1, user=member)[0]
    someone = people(region, 1)[0]
    # Outside the region: not found.
    assert login(other_coordinator).get(url(region)).status_code == 404
    # A member sees the catalogue and enrols themselves; not others.
    client = login(member)
    assert client.get(url(region)).status_code == 200
    assert client.post(url(region, f"sessions/{session.pk}/enrol/")).status_code == 302
    own = Enrolment.objects.get(professional=mine)
    assert own.status == "enrolled"
    forged = client.post(url(region, f"sessions/{session.pk}/enrol/"), {"professional": someone.pk})
    assert forged.status_code == 403 and not Enrolment.objects.filter(professional=someone).exists()
    assert client.post(url(region, f"sessions/{session.pk}/attendance/")).status_code == 403
    theirs = actions.do_enrol(session, someone, acting_user=coordinator)
    assert client.post(url(region, f"sessions/{session.pk}/cancel/{theirs.pk}/")).status_code == 404
    page = client.get(url(region, f"sessions/{session.pk}/")).content.decode()
    assert someone.full_name not in page  # the list of who enrolled is for those who run it
    # The coordinator enrols someone found by a search, and sees the list.
    client = login(coordinator)
    page = client.get(
        url(region, f"sessions/{session.pk}/?q={someone.full_name[:4]}")
    ).content.decode()
    assert someone.full_name in page
    assert client.post(url(region, f"sessions/{session.pk}/cancel/{theirs.pk}/")).status_code == 302
    assert Enrolment.objects.get(pk=theirs.pk).status == "cancelled"


def test_the_certificate_names_the_person_and_the_course(
    client, login, member, coordinator, region, basic
):
    mine = people(region, 1, user=member)[0]
    session = session_of(basic, region)
    enrolment = actions.do_enrol(session, mine, acting_user=member)
    assert login(member).get(f"/learning/certificates/{enrolment.pk}.pdf").status_code == 404
    Enrolment.objects.filter(pk=enrolment.pk).update(status="attended")
    response = login(member).get(f"/learning/certificates/{enrolment.pk}.pdf")
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Certificaat" in text and mine.full_name in text and "Basiscursus" in text
    other = people(region, 1)[0]
    theirs = Enrolment.objects.create(session=session, professional=other, status="attended")
    assert login(member).get(f"/learning/certificates/{theirs.pk}.pdf").status_code == 404
    assert login(coordinator).get(f"/learning/certificates/{theirs.pk}.pdf").status_code == 200
    mine_page = login(member).get("/learning/mine/").content.decode()
    assert "Basiscursus" in mine_page and f"/learning/certificates/{enrolment.pk}.pdf" in mine_page


def test_the_session_in_an_agenda(client, login, member, region, basic):
    session = session_of(basic, region)
    response = login(member).get(url(region, f"sessions/{session.pk}.ics"))
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["uid"]) == f"session-{session.pk}@nik"
    assert event.decoded("dtend") == session.ends_at


def test_the_catalogue_reads_the_same_queries_for_more_sessions(
    client, login, coordinator, region, basic
):
    client = login(coordinator)
    session_of(basic, region)
    client.get(url(region))  # the first page after logging in also writes the session
    few = queries_of(lambda: client.get(url(region)))
    for day in range(20, 30):
        session_of(basic, region, days=day)
    assert queries_of(lambda: client.get(url(region))) == few


def test_a_coordinator_plans_a_session_and_a_bad_one_is_refused(
    client, login, coordinator, member, region, basic
):
    start = (timezone.localtime() + timedelta(days=30)).replace(second=0, microsecond=0)
    data = {
        "course": basic.pk,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Online",
        "capacity": 12,
    }
    assert login(member).post(url(region, "sessions/new/"), data).status_code == 403
    client = login(coordinator)
    refused = client.post(url(region, "sessions/new/"), data)
    assert (
        refused.status_code == 400
        and "Een bijeenkomst eindigt na het begin." in refused.content.decode()
    )
    data["ends_at"] = (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url(region, "sessions/new/"), data).status_code == 302
    assert Session.objects.get(place="Online").organiser == coordinator
