"""Start page, region overview, health check and the lockout page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import access, audit
from .models import (
    Discipline,
    DisciplineCode,
    Membership,
    Organization,
    OrganizationKind,
    Professional,
    Region,
    Role,
)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The start page: one section per role the user holds."""
    user = request.user
    memberships = list(Membership.objects.for_user(user))
    roles = {m.role for m in memberships}
    work_regions = [m.region for m in memberships if m.role in Role.in_network()]
    coordinated = [m.region for m in memberships if m.role == Role.COORDINATOR]
    context: dict[str, Any] = {
        "memberships": memberships,
        "role_lines": _role_lines(memberships),
        "overviews": [
            region_summary(region, with_families=region in coordinated)
            for region in dict.fromkeys(work_regions)
        ],
        "families": _own_families(user) if Role.PARENT in roles else [],
        "is_parent": Role.PARENT in roles,
        "regions": regions_table() if Role.NATIONAL in roles else None,
        "is_admin": user.is_staff or Role.ADMIN in roles,
        "intake": [_intake_summary(region, user) for region in coordinated],
        "my_families": [],
        "my_actions": _my_action_items(user),
        "my_milestones": _my_milestones(user),
        "reviews_due": _reviews_due(coordinated),
        "for_steering": _for_steering([m.region for m in memberships if m.role == Role.STEERING]),
        "today": timezone.localdate(),
    }
    if roles & {Role.CASEMANAGER, Role.MEMBER}:
        mine = list(
            access.visible_families(user)
            .exclude(pk__in=access.visible_families(user).filter(region__in=coordinated))
            .filter(Q(casemanager=user) | Q(team__professional__user=user))
            .select_related("region")
            .distinct()[:50]
        )
        audit.record_views(user, "", mine, "start page")
        context["my_families"] = plan_clocks(mine)
    return render(request, "core/home.html", context)


def _own_families(user: Any) -> list[Any]:
    """A parent's own family on the start page: shown, so logged like any other view."""
    families = list(
        access.visible_families(user).filter(portal_users=user).select_related("region")
    )
    audit.record_views(user, Role.PARENT, families, "start page: own family")
    return families


def _my_action_items(user: Any) -> list[Any]:
    """Action items from network meetings due within a week (or overdue), for their owner."""
    from datetime import timedelta

    from nik.roadmap.models import ActionItem

    soon = timezone.localdate() + timedelta(days=7)
    return list(
        ActionItem.objects.filter(owner=user, done=False, due__lte=soon).select_related(
            "event", "event__region"
        )[:20]
    )


def _my_milestones(user: Any) -> list[Any]:
    """Milestones this user owns that are due within a week (or overdue)."""
    from datetime import timedelta

    from nik.roadmap.models import Milestone, MilestoneStatus

    soon = timezone.localdate() + timedelta(days=7)
    return list(
        Milestone.objects.filter(owner_user=user, due__lte=soon)
        .exclude(status__in=[MilestoneStatus.DONE, MilestoneStatus.DROPPED])
        .select_related("region")[:20]
    )


def _for_steering(regions: list[Region]) -> list[dict[str, Any]]:
    """What waits for a steering group: a discussed plan to approve, proposals to decide on."""
    if not regions:
        return []
    from nik.roadmap.models import PlanOfApproach, PlanStatus, Proposal, ProposalStatus

    plans = {
        p.region_id: p
        for p in PlanOfApproach.objects.filter(region__in=regions, status=PlanStatus.DISCUSSED)
    }
    open_proposals: dict[int, int] = dict(
        Proposal.objects.filter(region__in=regions, status=ProposalStatus.OPEN)
        .values("region")
        .annotate(n=Count("id"))
        .values_list("region", "n")
    )
    return [
        {"region": r, "plan": plans.get(r.pk), "proposals": open_proposals.get(r.pk, 0)}
        for r in regions
        if r.pk in plans or open_proposals.get(r.pk)
    ]


def _reviews_due(regions: list[Region]) -> list[Any]:
    """Agreements of the coordinated regions whose six-monthly review is due within a week."""
    from datetime import timedelta

    from nik.roadmap.models import Agreement

    soon = timezone.localdate() + timedelta(days=7)
    return list(
        Agreement.objects.filter(region__in=regions, next_review__lte=soon).select_related("region")
    )


def plan_clocks(families: list[Any]) -> list[tuple[Any, str, str]]:
    """Each family with its plan clock: missing, due, late or on schedule (two queries)."""
    from nik.careplans.models import CarePlanVersion, PlanClock, VersionStatus, plan_clock
    from nik.families.models import Child

    published = {
        v.plan.family_id: v
        for v in CarePlanVersion.objects.filter(
            plan__family__in=families, status=VersionStatus.PUBLISHED
        ).select_related("plan")
    }
    diagnosed = dict(
        Child.objects.filter(family__in=families).values_list("family_id", "diagnosed_on")
    )
    today = timezone.localdate()
    labels = dict(PlanClock.choices)
    rows = []
    for family in families:
        clock = plan_clock(family, published.get(family.pk), diagnosed.get(family.pk), today)
        rows.append((family, clock, str(labels[clock])))
    order = {"missing_late": 0, "late": 1, "due": 2, "missing": 3, "ok": 4}
    return sorted(rows, key=lambda r: (order[r[1]], r[0].name))


def _intake_summary(region: Region, user: Any) -> dict[str, Any]:
    """What waits for a coordinator: referral clocks, open questions, emergency access to review."""
    from nik.families.models import EmergencyAccess, InquiryStatus, ReferralStatus

    waiting = list(
        region.referrals.filter(
            status__in=[ReferralStatus.OPEN, ReferralStatus.DUPLICATE], decided_at__isnull=True
        )
        .select_related("family", "region")
        .order_by("contact_due_at")[:20]
    )
    audit.record_views(
        user, Role.COORDINATOR, [r.family for r in waiting], "start page: referral clocks"
    )
    return {
        "region": region,
        "referrals": waiting,
        "late": sum(1 for r in waiting if r.is_late()),
        "open_questions": region.inquiries.filter(status=InquiryStatus.OPEN).count(),
        "to_review": EmergencyAccess.objects.filter(
            family__region=region, reviewed_at__isnull=True
        ).count(),
    }


def _role_lines(memberships: list[Membership]) -> list[tuple[str, list[str]]]:
    """One line per role, with the regions in which the user holds it."""
    lines: dict[str, list[str]] = {}
    for m in memberships:
        lines.setdefault(str(m.get_role_display()), []).append(m.region.name)
    return list(lines.items())


@login_required
@require_GET
def region_overview(request: HttpRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug)
    coordinator = Membership.objects.filter(
        user=request.user, region=region, role=Role.COORDINATOR
    ).exists()
    return render(
        request,
        "core/region_overview.html",
        {"summary": region_summary(region, with_families=coordinator)},
    )


def region_summary(region: Region, *, with_families: bool) -> dict[str, Any]:
    """Counts that describe a region's network; a fixed number of queries."""
    counts = {
        "organizations": region.organizations.count(),
        "professionals": region.professionals.count(),
        "municipalities": region.municipalities.count(),
    }
    covered = set(
        Discipline.objects.filter(professionals__region=region)
        .values_list("code", flat=True)
        .distinct()
    )
    missing = [label for code, label in DisciplineCode.choices if code not in covered]
    kinds = region.organizations.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    kind_labels = dict(OrganizationKind.choices)
    coordinators = [
        m.user
        for m in Membership.objects.filter(region=region, role=Role.COORDINATOR).select_related(
            "user"
        )
    ]
    summary: dict[str, Any] = {
        "region": region,
        "counts": counts,
        "disciplines_covered": len(covered),
        "disciplines_total": len(DisciplineCode.choices),
        "disciplines_missing": missing,
        "kinds": [{"label": kind_labels.get(k["kind"], k["kind"]), "n": k["n"]} for k in kinds],
        "coordinators": coordinators,
    }
    if with_families:
        summary["families"] = region.families.count()
    summary["steps"] = _step_glance(region)
    summary["steps_done"] = sum(1 for _n, _label, status in summary["steps"] if status == "done")
    return summary


def _step_glance(region: Region) -> list[tuple[int, str, str]]:
    """The ten steps of the roadmap with their status, for a glance (one query)."""
    from nik.roadmap.models import RoadmapStep, StepStatus
    from nik.roadmap.steps import STEPS

    stored = dict(RoadmapStep.objects.filter(region=region).values_list("number", "status"))
    labels = dict(StepStatus.choices)
    rows = []
    for step in STEPS:
        status = stored.get(step.number, StepStatus.NOT_STARTED)
        rows.append((step.number, f"{step.title}: {labels[status]}", status))
    return rows


def regions_table() -> list[Region]:
    # Counted by subqueries, not joins: joining organisations and professionals together
    # would multiply rows per region at national scale.
    return list(
        Region.objects.annotate(
            n_organizations=_count(Organization.objects.all()),
            n_professionals=_count(Professional.objects.all()),
            n_coordinators=_count(Membership.objects.filter(role=Role.COORDINATOR)),
        ).order_by("name")
    )


def _count(queryset: QuerySet[Any]) -> Subquery:
    counted = (
        queryset.filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this when an account is locked after too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/locked_out.html", {"minutes": minutes}, status=429)


@login_required
@require_GET
def import_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An import's progress while it runs (the page asks again every second), then its report."""
    from . import imports

    region = access.open_region_for_edit(request.user, slug, purpose="import")
    job = imports.open_job(region, pk)
    if job is None:
        raise Http404
    importer = imports.IMPORTERS.get(job.kind)
    return render(
        request,
        "core/import_job.html",
        {
            "region": region,
            "job": job,
            "errors": job.errors if job.finished else [],
            "label": importer.label if importer else job.kind,
            "back": reverse(importer.back, args=[region.slug]) if importer else "",
        },
    )
