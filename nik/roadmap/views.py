"""The roadmap pages: the ten steps, indicators, and the milestone planning with its timeline."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.xlsx import XLSX_CONTENT_TYPE, write_table

from . import actions
from .forms import AnswerForm, ImportForm, MilestoneForm, StatusForm
from .models import Indicator, Milestone, RoadmapStep, ensure_defaults
from .steps import STEPS


def _region(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    region = access.open_region(request.user, slug, purpose="roadmap")
    ensure_defaults(region)
    return region, access.can_edit_region(request.user, region)


def _links(step, slug: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    links = []
    for label, name in step.deliverables:
        try:
            links.append((label, reverse(name, args=[slug])))
        except NoReverseMatch:
            continue
    return links


@login_required
@require_GET
def roadmap(request: HttpRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    stored = {
        s.number: s for s in RoadmapStep.objects.filter(region=region).prefetch_related("answers")
    }
    rows = [
        (step, stored[step.number], len(stored[step.number].answers.all()), _links(step, slug))
        for step in STEPS
    ]
    return render(
        request, "roadmap/roadmap.html", {"region": region, "rows": rows, "can_edit": can_edit}
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    region, can_edit = _region(request, slug)
    if not 1 <= number <= 10:
        raise Http404
    step = STEPS[number - 1]
    stored = RoadmapStep.objects.get(region=region, number=number)
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug)
        if "status" in request.POST:
            form = StatusForm(request.POST)
            if form.is_valid():
                actions.do_set_step_status(
                    stored, status=form.cleaned_data["status"], acting_user=request.user
                )
                messages.success(request, _("The status is saved."))
        else:
            form = AnswerForm(request.POST)
            if form.is_valid() and form.cleaned_data["question"] < len(step.questions):
                actions.do_answer_reflection(
                    stored,
                    question=form.cleaned_data["question"],
                    answer=form.cleaned_data["answer"],
                    acting_user=request.user,
                )
                messages.success(request, _("Your answer is saved with today's date."))
        return redirect("roadmap:step", slug=region.slug, number=number)
    answers = list(stored.answers.select_related("by"))
    questions = [
        (i, q, [a for a in answers if a.question == i], AnswerForm(initial={"question": i}))
        for i, q in enumerate(step.questions)
    ]
    return render(
        request,
        "roadmap/step.html",
        {
            "region": region,
            "step": step,
            "stored": stored,
            "questions": questions,
            "can_edit": can_edit,
            "status_form": StatusForm(initial={"status": stored.status}),
            "links": _links(step, slug),
        },
    )


@login_required
@require_GET
def indicators(request: HttpRequest, slug: str) -> HttpResponse:
    region, _can_edit = _region(request, slug)
    return render(
        request,
        "roadmap/indicators.html",
        {"region": region, "indicators": Indicator.objects.filter(region=region)},
    )


def timeline(milestones: list[Milestone], today) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Bars on a time axis, with today's line; positions as percentages of the width."""
    if not milestones:
        return {"bars": [], "today": None}
    first = min(m.start or m.due for m in milestones)
    first = min(first, today) - timedelta(days=7)
    last = max(max(m.due for m in milestones), today) + timedelta(days=7)
    span = (last - first).days or 1

    def pos(day):  # type: ignore[no-untyped-def]
        return round((day - first).days / span * 100, 2)

    bars = []
    for m in milestones:
        left = pos(m.start or (m.due - timedelta(days=14)))
        bars.append(
            {
                "m": m,
                "left": left,
                "width": max(1.5, round(pos(m.due) - left, 2)),
                "overdue": m.is_overdue(today),
            }
        )
    return {"bars": bars, "today": pos(today), "first": first, "last": last}


@login_required
@require_http_methods(["GET", "POST"])
def milestones(request: HttpRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    form = MilestoneForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug)
        if form is not None and form.is_valid():
            milestone = form.save(commit=False)
            milestone.region = region
            actions.do_save_milestone(milestone, acting_user=request.user)
            messages.success(request, _("The milestone is saved."))
            return redirect("roadmap:milestones", slug=region.slug)
    items = list(Milestone.objects.filter(region=region))
    today = timezone.localdate()
    return render(
        request,
        "roadmap/milestones.html",
        {
            "region": region,
            "items": items,
            "timeline": timeline(items, today),
            "form": form,
            "can_edit": can_edit,
            "import_form": ImportForm(),
            "overdue": sum(1 for m in items if m.is_overdue(today)),
        },
    )


@login_required
@require_POST
def milestones_import(request: HttpRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="milestone import")
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "roadmap/import_report.html",
            {"region": region, "count": 0, "errors": [(1, _("No file was sent."))]},
            status=400,
        )
    count, errors = actions.do_import_milestones(
        region, form.cleaned_data["file"], acting_user=request.user
    )
    return render(
        request,
        "roadmap/import_report.html",
        {"region": region, "count": count, "errors": [(e.row, e.message) for e in errors]},
        status=400 if errors else 200,
    )


@login_required
@require_GET
def milestones_export(request: HttpRequest, slug: str) -> HttpResponse:
    region, _can_edit = _region(request, slug)
    rows = [
        [
            m.title,
            m.result,
            m.criteria,
            m.owner,
            m.start,
            m.due,
            actions.STATUS_BACK[m.status],
            "ja" if m.critical else "",
        ]
        for m in Milestone.objects.filter(region=region)
    ]
    response = HttpResponse(
        write_table(
            "Mijlpalen", actions.MILESTONE_COLUMNS, rows, widths=[40, 40, 30, 25, 12, 12, 12, 18]
        ),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="mijlpalen-{region.slug}.xlsx"'
    return response
