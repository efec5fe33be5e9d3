"""Training over the API: the courses and sessions a region sees, the caller's own enrolments,
and the basic-course coverage of a region."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from ninja import Router, Schema
from ninja.pagination import paginate

from nik.api.auth import ApiRequest
from nik.api.paging import Paged
from nik.core import access
from nik.learning.models import Course, Enrolment, Session
from nik.learning.selectors import courses_for, coverage, my_enrolments, upcoming

router = Router(tags=["learning"])


class CourseOut(Schema):
    id: int
    title: str
    kind: str
    provider: str
    hours: Decimal
    points: int
    basic: bool
    national: bool

    @staticmethod
    def resolve_national(course: Course) -> bool:
        return course.region_id is None


class SessionOut(Schema):
    id: int
    course: str
    starts_at: datetime
    ends_at: datetime
    place: str
    capacity: int
    taken: int
    waiting: int

    @staticmethod
    def resolve_course(session: Session) -> str:
        return session.course.title


class EnrolmentOut(Schema):
    id: int
    course: str
    region: str
    starts_at: datetime
    status: str

    @staticmethod
    def resolve_course(enrolment: Enrolment) -> str:
        return enrolment.session.course.title

    @staticmethod
    def resolve_region(enrolment: Enrolment) -> str:
        return enrolment.session.region.slug

    @staticmethod
    def resolve_starts_at(enrolment: Enrolment) -> datetime:
        return enrolment.session.starts_at


class PartOut(Schema):
    name: str
    done: int
    total: int


class CoverageOut(Schema):
    region: str
    total: int
    done: int
    share: int
    by_discipline: list[PartOut]
    by_organisation: list[PartOut]


@router.get("/regions/{slug}/courses", response=list[CourseOut])
@paginate(Paged)
def courses(request: ApiRequest, slug: str) -> QuerySet[Course]:
    region = access.open_region(request.auth, slug, purpose="api courses")
    return courses_for(region).order_by("title", "id")


@router.get("/regions/{slug}/sessions", response=list[SessionOut])
@paginate(Paged)
def sessions(request: ApiRequest, slug: str) -> QuerySet[Session]:
    """The coming sessions held in the region."""
    return upcoming(access.open_region(request.auth, slug, purpose="api sessions"))


@router.get("/me/enrolments", response=list[EnrolmentOut])
@paginate(Paged)
def enrolments(request: ApiRequest) -> QuerySet[Enrolment]:
    return my_enrolments(request.auth)


@router.get("/regions/{slug}/coverage", response=CoverageOut)
def region_coverage(request: ApiRequest, slug: str) -> CoverageOut:
    region = access.open_region(request.auth, slug, purpose="api coverage")
    found = coverage(region, detail=True)
    return CoverageOut(
        region=region.slug,
        total=found.total,
        done=found.done,
        share=found.share,
        by_discipline=[PartOut(name=n, done=d, total=t) for n, d, t in found.by_discipline],
        by_organisation=[PartOut(name=n, done=d, total=t) for n, d, t in found.by_organisation],
    )
