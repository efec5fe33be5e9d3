"""The roadmap over the API: the ten steps and the milestones of a region."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from nik.core import access
from nik.roadmap.models import Milestone, RoadmapStep, ensure_defaults
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
