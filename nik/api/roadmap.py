"""The roadmap over the API: the ten steps and the milestones of a region."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count
from django.http import Http404, HttpResponse
from ninja import Router, Schema

from nik.api.auth import ApiRequest
from nik.core import access
from nik.roadmap import calendar
from nik.roadmap.models import (
    Agreement,
    Event,
    Milestone,
    PlanOfApproach,
    Proposal,
    RoadmapStep,
)
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
    owner_email: str | None
    start: date | None
    due: date
    status: str
    critical: bool
    overdue: bool


@router.get("/regions/{slug}/roadmap", response=list[StepOut])
def roadmap(request: ApiRequest, slug: str) -> list[StepOut]:
    region = access.open_region(request.auth, slug, purpose="api roadmap")
    stored = {
        s.number: s for s in RoadmapStep.objects.filter(region=region).prefetch_related("answers")
    }
    return [
        StepOut(
            number=s.number,
            title=str(s.title),
            status=stored[s.number].status,
            answers=len(stored[s.number].answers.all()),
        )
        for s in STEPS
    ]


@router.get("/regions/{slug}/milestones", response=list[MilestoneOut])
def milestones(request: ApiRequest, slug: str) -> list[MilestoneOut]:
    region = access.open_region(request.auth, slug, purpose="api milestones")
    return [
        MilestoneOut(
            id=m.pk,
            title=m.title,
            result=m.result,
            owner=m.owner,
            owner_email=m.owner_user.email if m.owner_user else None,
            start=m.start,
            due=m.due,
            status=m.status,
            critical=m.critical,
            overdue=m.is_overdue(),
        )
        for m in Milestone.objects.filter(region=region).select_related("owner_user")
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
def plan(request: ApiRequest, slug: str) -> list[PlanOut]:
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
def events(request: ApiRequest, slug: str) -> list[EventOut]:
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
def event_ics(request: ApiRequest, event_id: int) -> HttpResponse:
    event = Event.objects.filter(pk=event_id).select_related("region").first()
    if event is None:
        raise Http404
    access.open_region(request.auth, event.region.slug, purpose="api event ics")
    return HttpResponse(calendar.event_ics(event), content_type="text/calendar; charset=utf-8")


class PartyOut(Schema):
    organization: str
    organization_id: int
    contact_person: str | None
    ambassador: str | None
    roles: str
    tasks: str
    authority: str
    hours_per_month: float
    money: float
    signed_on: date | None


class RoleOut(Schema):
    part: str
    person: str
    organization: str
    task: str


class ReviewOut(Schema):
    held_on: date
    level: str
    outcome: str
    next_review: date


class AgreementOut(Schema):
    signed_on: date | None
    principles: str
    working_method: str
    routing: list[str]
    financing: str
    review_months: int
    next_review: date | None
    review_due: bool
    hours_per_month: float
    money: float
    parties: list[PartyOut]
    structure: list[RoleOut]
    reviews: list[ReviewOut]


@router.get("/regions/{slug}/agreement", response=AgreementOut)
def agreement(request: ApiRequest, slug: str) -> AgreementOut:
    """The cooperation agreement: parties with their commitment, structure, route and reviews."""
    region = access.open_region(request.auth, slug, purpose="api agreement")
    found = Agreement.objects.filter(region=region).first() or Agreement(region=region)
    parties = (
        list(found.parties.select_related("organization", "contact_person", "ambassador"))
        if found.pk
        else []
    )
    roles = (
        list(found.structure.select_related("person", "person__organization")) if found.pk else []
    )
    return AgreementOut(
        signed_on=found.signed_on,
        principles=found.principles,
        working_method=found.working_method,
        routing=found.routing_steps(),
        financing=found.financing,
        review_months=found.review_months,
        next_review=found.next_review,
        review_due=found.review_is_due(),
        hours_per_month=float(sum(p.hours_per_month for p in parties)),
        money=float(sum(p.money for p in parties)),
        parties=[
            PartyOut(
                organization=p.organization.name,
                organization_id=p.organization_id,
                contact_person=p.contact_person.full_name if p.contact_person else None,
                ambassador=p.ambassador.full_name if p.ambassador else None,
                roles=p.roles,
                tasks=p.tasks,
                authority=p.authority,
                hours_per_month=float(p.hours_per_month),
                money=float(p.money),
                signed_on=p.signed_on,
            )
            for p in parties
        ],
        structure=[
            RoleOut(
                part=r.part,
                person=r.person.full_name,
                organization=r.person.organization.name,
                task=r.task,
            )
            for r in roles
        ],
        reviews=[
            ReviewOut(
                held_on=r.held_on, level=r.level, outcome=r.outcome, next_review=r.next_review
            )
            for r in (found.reviews.all() if found.pk else [])
        ],
    )


class ProposalOut(Schema):
    id: int
    title: str
    lesson: str
    proposal: str
    status: str
    discussed_on: date | None
    decision: str
    event_id: int | None
    plan_version: int | None
    milestones: list[int]
    agreement_changes: list[str]


@router.get("/regions/{slug}/proposals", response=list[ProposalOut])
def proposals(request: ApiRequest, slug: str) -> list[ProposalOut]:
    """Step 10: lessons and proposals, and what each led to."""
    region = access.open_region(request.auth, slug, purpose="api proposals")
    found = (
        Proposal.objects.filter(region=region)
        .select_related("plan")
        .prefetch_related("milestones", "agreement_changes")
    )
    return [
        ProposalOut(
            id=p.pk,
            title=p.title,
            lesson=p.lesson,
            proposal=p.proposal,
            status=p.status,
            discussed_on=p.discussed_on,
            decision=p.decision,
            event_id=p.event_id,
            plan_version=p.plan.number if p.plan else None,
            milestones=[m.pk for m in p.milestones.all()],
            agreement_changes=[c.summary for c in p.agreement_changes.all()],
        )
        for p in found
    ]
