"""Families over the API: only what the caller may see, every access audited."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from nik.api.auth import ApiRequest
from nik.api.paging import FamiliesPaged
from nik.core import access, audit, limits
from nik.core.models import AuditAction, Membership, Region, Role
from nik.families import access as family_access
from nik.families import actions
from nik.families.models import (
    Child,
    Family,
    Guardian,
    Inquiry,
    InquiryTopic,
    Referral,
    ReferralSource,
)

router = Router(tags=["families"])
public = Router(tags=["public"], auth=None)


class FamilyFields(Schema):
    id: int
    region: str
    name: str
    stage: str


class FamilyOut(FamilyFields):
    @staticmethod
    def resolve_region(family: Family) -> str:
        return family.region.slug


class ChildOut(Schema):
    first_name: str
    last_name: str
    date_of_birth: date
    condition_category: str
    diagnosis: str


class TeamMemberOut(Schema):
    name: str
    role: str
    organization: str
    phone: str


class FamilyDetailOut(FamilyFields):
    child: ChildOut | None
    team: list[TeamMemberOut]


class AuditOut(Schema):
    at: datetime
    who: str
    role: str
    action: str
    purpose: str
    outcome: str
    break_glass: bool


def _text(model: type, field: str, default: str | None = None) -> Any:
    """A text field of the body, held to the model's own length limit (documented in OpenAPI)."""
    limit = limits.max_length(model, field)
    return Field(max_length=limit) if default is None else Field(default, max_length=limit)


PlausibleDate = Annotated[date, Field(ge=limits.EARLIEST_DATE, le=limits.LATEST_DATE)]


class ChildIn(Schema):
    first_name: str = _text(Child, "first_name")
    last_name: str = _text(Child, "last_name")
    date_of_birth: PlausibleDate
    condition_category: str = _text(Child, "condition_category", "")
    diagnosis: str = Field("", max_length=limits.MAX_FREE_TEXT)


class ReferralIn(Schema):
    region: str = Field(max_length=50)
    child: ChildIn
    guardian_name: str = _text(Guardian, "name")
    guardian_phone: str = _text(Guardian, "phone", "")
    guardian_email: str = _text(Guardian, "email", "")
    source: ReferralSource
    referrer_name: str = _text(Referral, "referrer_name", "")
    referrer_contact: str = _text(Referral, "referrer_contact", "")
    question: str = Field("", max_length=limits.MAX_FREE_TEXT)
    consent_to_share: bool


class ReferralOut(Schema):
    id: int
    family_id: int | None = Field(
        description="Only for a caller who may see the family; otherwise null."
    )
    status: str = Field(
        description="`received` for a caller who may not see the family: whether the child was "
        "known before is told only to those who may see the earlier family."
    )
    contact_due_at: datetime
    duplicate_of: int | None


class InquiryIn(Schema):
    topic: InquiryTopic
    question: str = Field(min_length=1, max_length=limits.MAX_FREE_TEXT)
    name: str = Field(min_length=1, max_length=limits.max_length(Inquiry, "name"))
    email: str = _text(Inquiry, "email", "")
    phone: str = _text(Inquiry, "phone", "")


class MessageOut(Schema):
    detail: str


def _family(request: ApiRequest, family_id: int, purpose: str) -> Family:
    return family_access.open_family(request.auth, family_id, AuditAction.VIEW, purpose=purpose)


@router.get("/families", response=list[FamilyOut])
@paginate(FamiliesPaged)
def families(request: ApiRequest) -> QuerySet[Family]:
    """The families the caller may see; each family on the page is an audited view."""
    return (
        family_access.visible_families(request.auth)
        .prefetch_related("region")
        .order_by("name", "id")
    )


@router.get("/families/{family_id}", response=FamilyDetailOut)
def family(request: ApiRequest, family_id: int) -> FamilyDetailOut:
    found = _family(request, family_id, "api family")
    child = Child.objects.filter(family=found).first()
    team = found.team.select_related("professional", "professional__organization")
    return FamilyDetailOut(
        id=found.pk,
        region=found.region.slug,
        name=found.name,
        stage=found.stage,
        child=ChildOut.from_orm(child) if child else None,
        team=[
            TeamMemberOut(
                name=m.professional.full_name,
                role=m.role,
                organization=m.professional.organization.name,
                phone=m.professional.phone,
            )
            for m in team
        ],
    )


@router.get("/families/{family_id}/audit", response=list[AuditOut])
def family_audit(request: ApiRequest, family_id: int) -> list[AuditOut]:
    found = _family(request, family_id, "api access log")
    if not (
        found.portal_users.filter(pk=request.auth.pk).exists()
        or access.is_coordinator(request.auth, found.region)
    ):
        raise HttpError(403, _("Only the family and the coordinator see this log."))
    events = (
        audit.about_family(found.pk)
        .filter(outcome="allowed")
        .select_related("user")
        .order_by("-id")[:500]
    )
    return [
        AuditOut(
            at=e.created_at,
            who=e.user.get_full_name() if e.user else e.user_email,
            role=e.role,
            action=e.action,
            purpose=e.purpose,
            outcome=e.outcome,
            break_glass=bool(e.details.get("break_glass")),
        )
        for e in events
    ]


@router.post("/referrals", response={201: ReferralOut, 400: MessageOut, 403: MessageOut})
def create_referral(request: ApiRequest, payload: ReferralIn) -> Status:
    region = access.open_region(request.auth, payload.region, "api referral")
    if not Membership.objects.filter(
        user=request.auth, region=region, role__in=[Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER]
    ).exists():
        raise PermissionDenied
    try:
        referral = actions.do_create_referral(
            region,
            child=actions.ChildDetails(**payload.child.dict()),
            guardians=[
                {
                    "name": payload.guardian_name,
                    "phone": payload.guardian_phone,
                    "email": payload.guardian_email,
                }
            ],
            source=payload.source,
            referrer_name=payload.referrer_name,
            referrer_contact=payload.referrer_contact,
            question=payload.question,
            consent_to_share=payload.consent_to_share,
            acting_user=request.auth,
        )
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    if not family_access.may_see_family(request.auth, referral.family_id):
        return Status(
            201,
            ReferralOut(
                id=referral.pk,
                family_id=None,
                status="received",
                contact_due_at=referral.contact_due_at,
                duplicate_of=None,
            ),
        )
    return Status(
        201,
        ReferralOut(
            id=referral.pk,
            family_id=referral.family_id,
            status=referral.status,
            contact_due_at=referral.contact_due_at,
            duplicate_of=referral.duplicate_of_id,
        ),
    )


@public.post(
    "/regions/{slug}/inquiries",
    response={201: MessageOut, 400: MessageOut, 404: MessageOut, 429: MessageOut},
)
def ask(request: HttpRequest, slug: str, payload: InquiryIn) -> Status:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        return Status(404, {"detail": _("There is no network with this name.")})
    if not payload.email and not payload.phone:
        return Status(
            400, {"detail": _("Give an e-mail address or a phone number, so we can reach you.")}
        )
    address = request.META.get("REMOTE_ADDR")
    if actions.inquiry_rate_limited(region, Inquiry.hash_source(address)):
        return Status(
            429,
            {
                "detail": _(
                    "We received several questions from you in the last hour. Please call us, or try again later."
                )
            },
        )
    inquiry = Inquiry(region=region, channel=Inquiry.Channel.WEB, **payload.dict())
    try:
        actions.do_submit_inquiry(inquiry, source_address=address)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(201, {"detail": _("Thank you. We contact you within two working days.")})
