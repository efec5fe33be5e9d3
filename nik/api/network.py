"""The region's photo over the API: register, stakeholders, gaps, and the stakeholder import."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from nik.api.auth import ApiRequest
from nik.api.paging import Paged
from nik.core import access
from nik.core.models import Organization, Professional, Region
from nik.network import actions, gaps
from nik.network.models import StakeholderAssessment

router = Router(tags=["network"])


def _region(request: ApiRequest, slug: str) -> Region:
    return access.open_region(request.auth, slug, purpose="api")


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str
    municipality: str | None
    phone: str
    email: str
    website: str
    has_comfort_team: bool
    expertise: str
    contributes: str
    cannot_contribute: str

    @staticmethod
    def resolve_municipality(obj: Organization) -> str | None:
        return obj.municipality.name if obj.municipality else None


class ProfessionalOut(Schema):
    id: int
    full_name: str
    job_title: str
    organization_id: int
    organization: str
    disciplines: list[str]
    email: str
    phone: str

    @staticmethod
    def resolve_organization(obj: Professional) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_disciplines(obj: Professional) -> list[str]:
        return [d.code for d in obj.disciplines.all()]


class AssessmentOut(Schema):
    id: int
    organization_id: int | None
    stakeholder: str
    person: str
    assessed_on: date
    influence: int
    interest: int
    desired_influence: int
    desired_interest: int
    action: str

    @staticmethod
    def resolve_stakeholder(obj: StakeholderAssessment) -> str:
        return obj.stakeholder_name


class CellOut(Schema):
    municipality: str
    discipline: str
    organizations: list[str]


class GapsOut(Schema):
    missing_disciplines: list[str]
    missing_kinds: list[str]
    white_spots: list[CellOut]
    overlaps: list[CellOut]
    next_steps: list[str]


class RowErrorOut(Schema):
    row: int
    message: str


class ImportReportOut(Schema):
    imported: int
    ok: bool
    errors: list[RowErrorOut]


@router.get("/regions/{slug}/organizations", response=list[OrganizationOut])
@paginate(Paged)
def organizations(request: ApiRequest, slug: str) -> QuerySet[Organization]:
    return _region(request, slug).organizations.select_related("municipality").order_by("name")


@router.get("/regions/{slug}/professionals", response=list[ProfessionalOut])
@paginate(Paged)
def professionals(request: ApiRequest, slug: str) -> QuerySet[Professional]:
    return (
        _region(request, slug)
        .professionals.select_related("organization")
        .prefetch_related("disciplines")
        .order_by("full_name", "id")
    )


@router.get("/regions/{slug}/stakeholders", response=list[AssessmentOut])
@paginate(Paged)
def stakeholder_assessments(request: ApiRequest, slug: str) -> QuerySet[StakeholderAssessment]:
    return (
        StakeholderAssessment.objects.filter(region=_region(request, slug))
        .select_related("organization")
        .order_by("assessed_on", "id")
    )


@router.get("/regions/{slug}/gaps", response=GapsOut)
def region_gaps(request: ApiRequest, slug: str) -> GapsOut:
    report = gaps.analyse(_region(request, slug))
    return GapsOut(
        missing_disciplines=report.missing_disciplines,
        missing_kinds=report.missing_kinds,
        white_spots=[
            CellOut(municipality=m, discipline=d, organizations=[]) for m, d in report.white_spots
        ],
        overlaps=[
            CellOut(municipality=m, discipline=d, organizations=o) for m, d, o in report.overlaps
        ],
        next_steps=report.next_steps(),
    )


@router.post(
    "/regions/{slug}/stakeholders/import", response={200: ImportReportOut, 400: ImportReportOut}
)
def stakeholder_import(
    request: ApiRequest,
    slug: str,
    file: UploadedFile = File(...),  # noqa: B008
) -> Status:
    region = _region(request, slug)
    if not access.can_edit_region(request.auth, region):
        raise HttpError(403, _("Only the network coordinator of this region may import."))
    report = actions.do_import_stakeholders(region, file, acting_user=request.auth)
    return Status(200 if report.ok else 400, report.as_dict())
