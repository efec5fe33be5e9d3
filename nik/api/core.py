"""Accounts and regions."""

from __future__ import annotations

from ninja import Router, Schema

from nik.api.auth import ApiRequest
from nik.core.models import Membership, Region

router = Router(tags=["core"])


class MembershipOut(Schema):
    region: str
    region_name: str
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    roles: list[MembershipOut]


class RegionOut(Schema):
    slug: str
    name: str
    hospital: str


@router.get("/me", response=MeOut, summary="The calling account and its roles per region")
def me(request: ApiRequest) -> MeOut:
    user = request.auth
    roles = [
        MembershipOut(region=m.region.slug, region_name=m.region.name, role=m.role)
        for m in Membership.objects.for_user(user)
    ]
    return MeOut(email=user.email, full_name=user.full_name, roles=roles)


@router.get("/regions", response=list[RegionOut], summary="The seven regional networks")
def regions(request: ApiRequest) -> list[Region]:
    return list(Region.objects.order_by("name"))
