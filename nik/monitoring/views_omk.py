"""The network self-assessment (OMK): rounds the coordinator opens and closes, each network member
and steering member scoring every element, and the result per cluster against the previous round.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.models import Region, Role

from . import actions
from .charts import radar_svg
from .models import OmkAnswer, OmkRound
from .omk import CLUSTERS
from .selectors import omk_result


def _scores(user: Any, region: Region) -> bool:
    """Network and steering members score; the knowledge centre and parents do not."""
    return access.active(user) and user.holds(region.pk, *Role.in_network())


def _rounds(region: Region) -> tuple[OmkRound | None, OmkRound | None, OmkRound | None]:
    """The open round, the latest closed one and the closed one before it."""
    rounds = list(OmkRound.objects.filter(region=region).order_by("-opened_on", "-pk")[:3])
    open_round = next((r for r in rounds if r.is_open), None)
    closed = [r for r in rounds if not r.is_open]
    return open_round, (closed[0] if closed else None), (closed[1] if len(closed) > 1 else None)


@login_required
@require_GET
def overview(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="self-assessment")
    open_round, latest, previous = _rounds(region)
    answered = (
        OmkAnswer.objects.filter(round=open_round).values("respondent").distinct().count()
        if open_round
        else 0
    )
    return render(
        request,
        "monitoring/omk.html",
        {
            "region": region,
            "open_round": open_round,
            "latest": latest,
            "previous": previous,
            "results": omk_result(latest, previous) if latest else [],
            "answered": answered,
            "may_score": _scores(request.user, region),
            "can_edit": access.is_coordinator(request.user, region),
        },
    )


@login_required
@require_GET
def radar(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="self-assessment")
    _open, latest, previous = _rounds(region)
    if latest is None:
        raise Http404  # no closed round, no chart
    svg = radar_svg(
        omk_result(latest, previous),
        _("Self-assessment per cluster, %(region)s") % {"region": region.name},
        date_format(latest.opened_on, "SHORT_DATE_FORMAT"),
        date_format(previous.opened_on, "SHORT_DATE_FORMAT") if previous else "",
    )
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_POST
def open_round(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="self-assessment")
    try:
        actions.do_open_round(region, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The round is open: network and steering members can score now.")
        )
    return redirect("monitoring:omk", slug=slug)


@login_required
@require_POST
def close_round(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="self-assessment")
    found = get_object_or_404(OmkRound, region=region, pk=pk)
    try:
        actions.do_close_round(found, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The round is closed; its result is below."))
    return redirect("monitoring:omk", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def score(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="self-assessment")
    if not _scores(request.user, region):
        raise PermissionDenied
    found = get_object_or_404(OmkRound, region=region, pk=pk)
    if request.method == "POST":
        answers = {
            f"{c.key}.{i}": (
                f"{c.key}.{i}.relevant" in request.POST,
                f"{c.key}.{i}.present" in request.POST,
                f"{c.key}.{i}.planned" in request.POST,
            )
            for c in CLUSTERS
            for i in range(len(c.elements))
        }
        try:
            actions.do_score(found, answers=answers, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your answers are saved."))
        return redirect("monitoring:omk", slug=slug)
    mine = {a.element: a for a in OmkAnswer.objects.filter(round=found, respondent=request.user)}
    clusters = [
        (c, [(f"{c.key}.{i}", text, mine.get(f"{c.key}.{i}")) for i, text in enumerate(c.elements)])
        for c in CLUSTERS
    ]
    return render(
        request,
        "monitoring/omk_score.html",
        {"region": region, "found": found, "clusters": clusters, "answered": bool(mine)},
    )
