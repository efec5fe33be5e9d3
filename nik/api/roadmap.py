"""The roadmap over the API: the ten steps and the milestones of a region."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema

from nik.core import access
from nik.roadmap import calendar
from nik.roadmap.models import Event, Milestone, PlanOfApproach, RoadmapStep, ensure_defaults
from nik.roadmap.steps import STEPS

router = Router(tags=["roadmap"])


class StepOut(Schema):
    number: int
    title: str
    status: str
    answers: int


class MilestoneOut(Schema):
    id: int
    title: str
    result: str
    owner: str
    start: date | None
    due: date
    status: str
    critical: bool
    overdue: bool


@router.get("/regions/{slug}/roadmap", response=list[StepOut])
def roadmap(request: HttpRequest, slug: str) -> list[StepOut]:
    region = access.open_region(request.auth, slug, purpose="api roadmap")
    ensure_defaults(region)
    stored = {
        s.number: s for s in RoadmapStep.objects.filter(region=region).prefetch_related("answers")
    }
    return [
        StepOut(
            number=s.number,
            title=s.title,
            status=stored[s.number].status,
            answers=len(stored[s.number].answers.all()),
        )
        for s in STEPS
    ]


@router.get("/regions/{slug}/milestones", response=list[MilestoneOut])
def milestones(request: HttpRequest, slug: str) -> list[MilestoneOut]:
    region = access.open_region(request.auth, slug, purpose="api milestones")
    return [
        MilestoneOut(
            id=m.pk,
            title=m.title,
            result=m.result,
            owner=m.owner,
            start=m.start,
            due=m.due,
            status=m.status,
            critical=m.critical,
            overdue=m.is_overdue(),
        )
        for m in Milestone.objects.filter(region=region)
    ]


class PlanOut(Schema):
    number: int
    status: str
    goal: str
    scope: str
    partners: str
    results_short: str
    results_long: str
    milestones_summary: str
    monitoring: str
    budget: list[dict[str, str]]
    budget_total: float
    approved_at: datetime | None


class EventOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    invited: int
    attended: int
    ics: str


@router.get("/regions/{slug}/plan", response=list[PlanOut])
def plan(request: HttpRequest, slug: str) -> list[PlanOut]:
    """Every version of the plan of approach, newest first."""
    region = access.open_region(request.auth, slug, purpose="api plan of approach")
    return [
        PlanOut(
            number=p.number,
            status=p.status,
            goal=p.goal,
            scope=p.scope,
            partners=p.partners,
            results_short=p.results_short,
            results_long=p.results_long,
            milestones_summary=p.milestones_summary,
            monitoring=p.monitoring,
            budget=p.budget,
            budget_total=p.budget_total(),
            approved_at=p.approved_at,
        )
        for p in PlanOfApproach.objects.filter(region=region)
    ]


@router.get("/regions/{slug}/events", response=list[EventOut])
def events(request: HttpRequest, slug: str) -> list[EventOut]:
    region = access.open_region(request.auth, slug, purpose="api events")
    found = Event.objects.filter(region=region).annotate(
        n_invited=Count("invitees", distinct=True), n_attended=Count("attendees", distinct=True)
    )
    return [
        EventOut(
            id=e.pk,
            kind=e.kind,
            title=e.title,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            location=e.location,
            invited=e.n_invited,
            attended=e.n_attended,
            ics=f"/api/v1/events/{e.pk}.ics",
        )
        for e in found
    ]


@router.get("/events/{event_id}.ics", summary="The meeting as iCalendar")
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    event = Event.objects.filter(pk=event_id).select_related("region").first()
    if event is None:
        raise Http404
    access.open_region(request.auth, event.region.slug, purpose="api event ics")
    return HttpResponse(calendar.event_ics(event), content_type="text/calendar; charset=utf-8")
