"""The ten steps, reflections, indicators and milestones: who may change them, and what is refused."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from nik.core.models import AuditEvent
from nik.roadmap import actions
from nik.roadmap.models import Indicator, Milestone, ReflectionAnswer, RoadmapStep
from nik.roadmap.steps import STEPS
from nik.roadmap.views import timeline

pytestmark = pytest.mark.django_db


def url(region, rest=""):
    return f"/regions/{region.slug}/roadmap/{rest}"


def test_ten_steps_in_our_own_words_with_questions():
    assert [s.number for s in STEPS] == list(range(1, 11))
    assert all(s.what and s.lessons and s.yields and s.questions for s in STEPS)
    assert all("palliatie" not in s.what.lower() for s in STEPS)


def test_the_roadmap_page_shows_every_step_and_the_seed_indicators(client, login, steering, region):
    page = login(steering).get(url(region))
    assert page.status_code == 200
    assert all(str(step.title) in page.text for step in STEPS)
    assert "Maak samen een foto" in page.text
    client.cookies["django_language"] = "en"
    english = client.get(url(region)).text
    assert "Take a photo together" in english and "Maak samen een foto" not in english
    assert RoadmapStep.objects.filter(region=region).count() == 10
    assert Indicator.objects.filter(region=region, target="minstens 7 (ruim voldoende)").exists()
    assert "minstens 90%" in client.get(url(region, "indicators/")).text


def test_coordinator_marks_a_step_done_and_answers_a_reflection_question(
    client, login, coordinator, region
):
    client = login(coordinator)
    client.get(url(region))
    assert client.post(url(region, "steps/2/"), {"status": "done"}).status_code == 302
    client.post(url(region, "steps/2/"), {"question": 0, "answer": "We kennen nu 40 organisaties."})
    step = RoadmapStep.objects.get(region=region, number=2)
    assert step.status == "done"
    answer = ReflectionAnswer.objects.get()
    assert (answer.answer, answer.answered_on, answer.by) == (
        "We kennen nu 40 organisaties.",
        timezone.localdate(),
        coordinator,
    )
    assert "We kennen nu 40 organisaties." in client.get(url(region, "steps/2/")).text
    assert AuditEvent.objects.filter(object_type="roadmap.roadmapstep", action="update").exists()


def test_steering_reads_but_may_not_change_and_other_regions_get_404(
    client, login, steering, other_coordinator, region
):
    client = login(steering)
    assert client.get(url(region, "steps/3/")).status_code == 200
    assert client.post(url(region, "steps/3/"), {"status": "done"}).status_code == 403
    client.logout()
    assert login(other_coordinator).get(url(region)).status_code == 404


def test_a_milestone_needs_an_owner_and_a_due_date(client, login, coordinator, region):
    response = login(coordinator).post(
        url(region, "milestones/"), {"title": "Kick-off", "result": "Gevierd", "status": "planned"}
    )
    assert response.status_code == 200
    assert not Milestone.objects.exists()
    response = client.post(
        url(region, "milestones/"),
        {
            "title": "Kick-off",
            "result": "Gevierd",
            "owner": "Projectgroep",
            "due": "2026-12-01",
            "status": "planned",
            "critical": "on",
        },
    )
    assert response.status_code == 302
    assert Milestone.objects.get().critical


def test_overdue_milestones_stand_out_on_the_timeline(client, login, coordinator, region):
    today = timezone.localdate()
    late = Milestone.objects.create(
        region=region, title="Te laat", result="r", owner="o", due=today - timedelta(days=3)
    )
    Milestone.objects.create(
        region=region, title="Op tijd", result="r", owner="o", due=today + timedelta(days=30)
    )
    Milestone.objects.create(
        region=region,
        title="Klaar",
        result="r",
        owner="o",
        due=today - timedelta(days=30),
        status="done",
    )
    plan = timeline(list(Milestone.objects.filter(region=region)), today)
    assert [b["overdue"] for b in plan["bars"]] == [False, True, False]
    assert 0 < plan["today"] < 100
    page = login(coordinator).get(url(region, "milestones/"))
    assert "1 mijlpaal is te laat" in page.text
    assert late.is_overdue()


def _sheet(rows, header=None):
    wb = Workbook()
    ws = wb.active
    ws.append(header or actions.MILESTONE_COLUMNS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "mijlpalen.xlsx"
    return out


def test_milestone_import_reports_every_wrong_row_and_imports_nothing(region, coordinator):
    count, errors = actions.do_import_milestones(
        region,
        _sheet(
            [
                [
                    "Kick-off",
                    "Gevierd",
                    "",
                    "Projectgroep",
                    date(2026, 1, 1),
                    date(2026, 2, 1),
                    "klaar",
                    "ja",
                ],
                ["Zonder eigenaar", "r", "", "", None, date(2026, 3, 1), "gepland", ""],
                ["Zonder datum", "r", "", "Coördinator", None, None, "gepland", ""],
                ["Rare status", "r", "", "Coördinator", None, date(2026, 3, 1), "misschien", ""],
            ]
        ),
        acting_user=coordinator,
    )
    assert count == 0
    assert sorted({e.row for e in errors}) == [3, 4, 5]
    assert not Milestone.objects.exists()


def test_milestone_export_import_round_trip(client, login, coordinator, region):
    actions.do_import_milestones(
        region,
        _sheet(
            [
                [
                    "Kick-off",
                    "Gevierd",
                    "Iedereen was er",
                    "Projectgroep",
                    date(2026, 1, 1),
                    date(2026, 2, 1),
                    "klaar",
                    "ja",
                ],
                ["Folder", "Folder getest", "", "Coördinator", None, date(2026, 6, 1), "bezig", ""],
            ]
        ),
        acting_user=coordinator,
    )
    first = login(coordinator).get(url(region, "milestones.xlsx")).content
    Milestone.objects.all().delete()
    count, errors = actions.do_import_milestones(region, io.BytesIO(first), acting_user=coordinator)
    assert (count, errors) == (2, [])
    second = client.get(url(region, "milestones.xlsx")).content
    rows = lambda c: list(load_workbook(io.BytesIO(c)).active.iter_rows(values_only=True))  # noqa: E731
    assert rows(second) == rows(first)


def test_roadmap_and_milestones_over_the_api(
    client, coordinator, other_coordinator, region, capsys
):
    from django.core.management import call_command

    Milestone.objects.create(
        region=region,
        title="Kick-off",
        result="r",
        owner="o",
        due=timezone.localdate() - timedelta(days=1),
    )
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    steps = client.get(f"/api/v1/regions/{region.slug}/roadmap", **auth).json()
    assert [s["number"] for s in steps] == list(range(1, 11))
    [milestone] = client.get(f"/api/v1/regions/{region.slug}/milestones", **auth).json()
    assert milestone["overdue"] is True
    call_command("api_token", other_coordinator.email)
    other = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    assert client.get(f"/api/v1/regions/{region.slug}/milestones", **other).status_code == 404


def _plan_data(**extra):
    data = {
        "goal": "Elk gezin kan vanaf de diagnose rekenen op samenhangende zorg.",
        "scope": "Holland Rijnland",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-0-item": "Netwerkcoördinator 16 uur",
        "budget-0-amount": "40000",
        "budget-0-paid_by": "Zorgverzekeraar",
        "budget-1-item": "Scholing",
        "budget-1-amount": "5000",
        "budget-1-paid_by": "Partners",
    }
    data.update(extra)
    return data


def test_plan_of_approach_is_drafted_discussed_and_approved_by_the_steering_group(
    client, login, coordinator, steering, region
):
    from nik.roadmap.models import PlanOfApproach

    client = login(coordinator)
    assert client.post(url(region, "plan/edit/"), _plan_data(total="45000")).status_code == 302
    client.post(url(region, "plan/discussed/"))
    assert (
        client.post(url(region, "plan/approve/")).status_code == 403
    )  # the coordinator does not approve
    client.logout()
    client = login(steering)
    client.post(url(region, "plan/approve/"))
    first = PlanOfApproach.objects.get()
    assert (first.status, first.approved_by, first.budget_total()) == (
        "approved",
        steering,
        45000.0,
    )
    client.logout()
    client = login(coordinator)
    client.post(url(region, "plan/edit/"), _plan_data(goal="Ook chronisch zieke kinderen."))
    page = client.get(url(region, "plan/"))
    assert (
        "Ook chronisch zieke kinderen." in page.text
        and "Elk gezin kan vanaf de diagnose" in page.text
    )
    assert PlanOfApproach.objects.filter(status="approved").count() == 1
    assert PlanOfApproach.objects.count() == 2


def test_a_budget_that_does_not_add_up_is_refused(client, login, coordinator, region):
    from nik.roadmap.models import PlanOfApproach

    response = login(coordinator).post(url(region, "plan/edit/"), _plan_data(total="50000"))
    assert response.status_code == 200
    assert "klopt niet" in response.text
    assert (
        PlanOfApproach.objects.get().goal == ""
    )  # the empty draft was opened, nothing of the form saved


def test_a_meeting_gives_a_valid_ics_and_e_mails_it_to_the_invitees(
    client, login, coordinator, region, django_capture_on_commit_callbacks
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.core import mail
    from icalendar import Calendar

    from nik.core.factories import OrganizationFactory, ProfessionalFactory
    from nik.roadmap.models import Event

    person = ProfessionalFactory(
        organization=OrganizationFactory(region=region), email="anna@voorbeeld.example"
    )
    client = login(coordinator)
    response = client.post(
        url(region, "events/"),
        {
            "kind": "kick_off",
            "title": "Kick-off NIK",
            "starts_at": "2026-12-10T15:00",
            "ends_at": "2026-12-10T18:00",
            "location": "LUMC, Leiden",
            "description": "Samen beginnen",
            "invitees": [person.pk],
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    ics = client.get(url(region, f"events/{event.pk}.ics"))
    calendar = Calendar.from_ical(ics.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Kick-off NIK"
    assert vevent.decoded("dtstart") == datetime(
        2026, 12, 10, 15, 0, tzinfo=ZoneInfo("Europe/Amsterdam")
    )
    assert "anna@voorbeeld.example" in str(vevent["attendee"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(region, f"events/{event.pk}/"), {"send": "1"})
    assert mail.outbox[0].to == ["anna@voorbeeld.example"]
    assert mail.outbox[0].attachments[0][0] == "uitnodiging.ics"


def test_an_end_before_the_start_is_refused(client, login, coordinator, region):
    from nik.roadmap.models import Event

    response = login(coordinator).post(
        url(region, "events/"),
        {
            "kind": "network",
            "title": "Overleg",
            "starts_at": "2026-12-10T15:00",
            "ends_at": "2026-12-10T14:00",
        },
    )
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_action_items_due_this_week_are_on_the_owners_start_page(
    client, login, coordinator, region
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from nik.roadmap.models import ActionItem, Event

    tz = ZoneInfo("Europe/Amsterdam")
    event = Event.objects.create(
        region=region,
        title="Netwerkoverleg",
        starts_at=datetime(2026, 11, 1, 10, tzinfo=tz),
        ends_at=datetime(2026, 11, 1, 12, tzinfo=tz),
    )
    ActionItem.objects.create(
        event=event,
        what="Folder naar de drukker",
        owner=coordinator,
        due=timezone.localdate() + timedelta(days=3),
    )
    ActionItem.objects.create(
        event=event,
        what="Later werk",
        owner=coordinator,
        due=timezone.localdate() + timedelta(days=30),
    )
    page = login(coordinator).get("/")
    assert "Folder naar de drukker" in page.text and "Later werk" not in page.text


def test_plan_events_and_ics_over_the_api(client, coordinator, other_coordinator, region, capsys):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.core.management import call_command
    from icalendar import Calendar

    from nik.roadmap.models import Event, PlanOfApproach

    tz = ZoneInfo("Europe/Amsterdam")
    PlanOfApproach.objects.create(
        region=region,
        number=1,
        status="approved",
        goal="Doel",
        budget=[{"item": "Uren", "amount": "100.00", "paid_by": "Partners"}],
    )
    event = Event.objects.create(
        region=region,
        title="Kick-off",
        starts_at=datetime(2026, 12, 1, 15, tzinfo=tz),
        ends_at=datetime(2026, 12, 1, 17, tzinfo=tz),
    )
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    [plan] = client.get(f"/api/v1/regions/{region.slug}/plan", **auth).json()
    assert (plan["number"], plan["budget_total"]) == (1, 100.0)
    [item] = client.get(f"/api/v1/regions/{region.slug}/events", **auth).json()
    ics = client.get(item["ics"], **auth)
    assert str(Calendar.from_ical(ics.content).walk("VEVENT")[0]["summary"]) == "Kick-off"
    call_command("api_token", other_coordinator.email)
    other = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    assert client.get(f"/api/v1/events/{event.pk}.ics", **other).status_code == 404


def test_reminders_are_sent_once_even_when_run_twice(
    region, coordinator, capsys, django_capture_on_commit_callbacks
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.core import mail
    from django.core.management import call_command

    from nik.core.models import OutgoingMessage
    from nik.roadmap.models import ActionItem, Event

    tz = ZoneInfo("Europe/Amsterdam")
    event = Event.objects.create(
        region=region,
        title="Overleg",
        starts_at=datetime(2026, 11, 1, 10, tzinfo=tz),
        ends_at=datetime(2026, 11, 1, 11, tzinfo=tz),
    )
    item = ActionItem.objects.create(
        event=event,
        what="Folder drukken",
        owner=coordinator,
        due=timezone.localdate() + timedelta(days=2),
    )
    Milestone.objects.create(
        region=region,
        title="Kick-off",
        result="r",
        owner="Projectgroep",
        due=timezone.localdate() - timedelta(days=1),
    )
    Milestone.objects.create(
        region=region,
        title="Ver weg",
        result="r",
        owner="o",
        due=timezone.localdate() + timedelta(days=60),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
        call_command("send_reminders")
    assert "Reminders sent: 2" in capsys.readouterr().out
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == [
        "Herinnering",
        "Mijlpaal klaar op " + str(timezone.localdate() - timedelta(days=1)),
    ]
    # A row taken by a parallel run: nothing more is sent.
    item.due = item.due + timedelta(days=1)
    item.save()
    OutgoingMessage.objects.create(
        key=f"roadmap.action_item:{item.pk}:{item.due.isoformat()}", subject="elders"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    assert len(mail.outbox) == 2


def test_the_meetings_list_tells_attendance_only_of_meetings_that_began(
    client, login, coordinator, region
):
    from nik.core.factories import OrganizationFactory, ProfessionalFactory
    from nik.roadmap.models import Event

    organization = OrganizationFactory(region=region)
    people = [ProfessionalFactory(region=region, organization=organization) for _ in range(4)]
    now = timezone.now()

    def meeting(title: str, days: int) -> Event:
        start = now + timedelta(days=days)
        return Event.objects.create(
            region=region, title=title, starts_at=start, ends_at=start + timedelta(hours=2)
        )

    held = meeting("Kick-off", -30)
    held.invitees.set(people)
    held.attendees.set(people[:3])
    meeting("Overleg zonder lijst", -10)
    coming = meeting("Netwerkdag", 12)
    coming.invitees.set(people[:2])
    meeting("Nog te plannen", 40)

    page = login(coordinator).get(url(region, "events/")).content.decode()
    rows = {
        title: next(item for item in page.split("</li>") if f">{title}</a>" in item)
        for title in ["Kick-off", "Overleg zonder lijst", "Netwerkdag", "Nog te plannen"]
    }
    assert "(3 van 4 genodigden waren er)" in rows["Kick-off"]
    assert "genodigden" not in rows["Overleg zonder lijst"]
    assert "(2 genodigden)" in rows["Netwerkdag"] and "waren er" not in rows["Netwerkdag"]
    assert "genodigde" not in rows["Nog te plannen"] and "0 van 0" not in page
