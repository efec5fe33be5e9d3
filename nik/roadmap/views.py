"""The roadmap pages: the ten steps, indicators, and the milestone planning with its timeline."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access, imports
from nik.core.auth import AuthedRequest
from nik.core.formats import money, number
from nik.core.models import Region, Role
from nik.core.xlsx import XLSX_CONTENT_TYPE, write_table

from . import actions
from .forms import AnswerForm, ImportForm, MilestoneForm, StatusForm
from .models import Indicator, Milestone, PlanOfApproach, RoadmapStep
from .steps import STEPS, Step
from .views_agreement import adopted_proposal_from


def _region(request: AuthedRequest, slug: str) -> tuple[Region, bool]:
    region = access.open_region(request.user, slug, purpose="roadmap")
    return region, access.can_edit_region(request.user, region)


# Deliverables that are the coordinator's work lists: shown only to those who may open them.
COORDINATORS_ONLY = {"families:referrals", "families:inquiries"}
# The results page is for those in the region's network; the knowledge centre sees regions side by
# side in the national view.
IN_NETWORK_ONLY = {"monitoring:dashboard"}


def _in_network(user: Any, region: Region) -> bool:
    return access.active(user) and user.holds(region.pk, *Role.in_network())


def _links(
    step: Step, slug: str, *, coordinator: bool, in_network: bool = True
) -> list[tuple[str, str]]:
    links = []
    for label, name in step.deliverables:
        if name in COORDINATORS_ONLY and not coordinator:
            continue
        if name in IN_NETWORK_ONLY and not in_network:
            continue
        try:
            links.append((label, reverse(name, args=[slug])))
        except NoReverseMatch:
            continue
    return links


@login_required
@require_GET
def roadmap(request: AuthedRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    stored = {
        s.number: s for s in RoadmapStep.objects.filter(region=region).prefetch_related("answers")
    }
    coordinator = access.is_coordinator(request.user, region)
    in_network = _in_network(request.user, region)
    rows = [
        (
            step,
            stored[step.number],
            len(stored[step.number].answers.all()),
            _links(step, slug, coordinator=coordinator, in_network=in_network),
        )
        for step in STEPS
    ]
    return render(
        request, "roadmap/roadmap.html", {"region": region, "rows": rows, "can_edit": can_edit}
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_detail(request: AuthedRequest, slug: str, number: int) -> HttpResponse:
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
            answer = AnswerForm(request.POST, region=region)
            if answer.is_valid() and answer.cleaned_data["question"] < len(step.questions):
                actions.do_answer_reflection(
                    stored,
                    question=answer.cleaned_data["question"],
                    answer=answer.cleaned_data["answer"],
                    acting_user=request.user,
                )
                messages.success(request, _("Your answer is saved with today's date."))
            elif answer.name_message():
                messages.error(request, answer.name_message())
        return redirect("roadmap:step", slug=region.slug, number=number)
    answers = list(stored.answers.select_related("by"))
    questions = [
        (
            i,
            q,
            [a for a in answers if a.question == i],
            AnswerForm(initial={"question": i}, region=region),
        )
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
            "links": _links(
                step,
                slug,
                coordinator=access.is_coordinator(request.user, region),
                in_network=_in_network(request.user, region),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicators(request: AuthedRequest, slug: str) -> HttpResponse:
    from .forms import IndicatorForm

    region, can_edit = _region(request, slug)
    form = IndicatorForm(request.POST or None, region=region) if can_edit else None
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug, purpose="indicators")
        if form is not None and form.is_valid():
            actions.do_save_indicator(form.save(commit=False), acting_user=request.user)
            messages.success(request, _("The indicator is saved."))
            return redirect("roadmap:indicators", slug=region.slug)
    return render(
        request,
        "roadmap/indicators.html",
        {
            "region": region,
            "indicators": Indicator.objects.filter(region=region),
            "form": form,
            "can_edit": can_edit,
            # The results page is for those in the region's network (not the knowledge centre).
            "in_network": _in_network(request.user, region),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    from .forms import IndicatorForm

    region = access.open_region_for_edit(request.user, slug, purpose="indicators")
    indicator = Indicator.objects.filter(region=region, pk=pk).first()
    if indicator is None:
        raise Http404
    form = IndicatorForm(request.POST or None, instance=indicator, region=region)
    if request.method == "POST" and form.is_valid():
        actions.do_save_indicator(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The indicator is saved."))
        return redirect("roadmap:indicators", slug=region.slug)
    return render(
        request,
        "roadmap/indicator_form.html",
        {"region": region, "form": form, "indicator": indicator},
    )


def timeline(milestones: list[Milestone], today: date) -> dict[str, Any]:
    """Bars on a time axis, with today's line; positions as percentages of the width."""
    if not milestones:
        return {"bars": [], "today": None}
    first = min(m.start or m.due for m in milestones)
    first = min(first, today) - timedelta(days=7)
    last = max(max(m.due for m in milestones), today) + timedelta(days=7)
    span = (last - first).days or 1

    def pos(day: date) -> float:
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
def milestones(request: AuthedRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    form = MilestoneForm(request.POST or None, region=region) if can_edit else None
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
@require_http_methods(["GET", "POST"])
def milestone_edit(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="milestones")
    milestone = Milestone.objects.filter(region=region, pk=pk).first()
    if milestone is None:
        raise Http404
    form = MilestoneForm(request.POST or None, instance=milestone, region=region)
    if request.method == "POST" and form.is_valid():
        actions.do_save_milestone(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The milestone is saved."))
        return redirect("roadmap:milestones", slug=region.slug)
    return render(
        request,
        "roadmap/milestone_form.html",
        {"region": region, "form": form, "milestone": milestone},
    )


@login_required
@require_POST
def milestones_import(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="milestone import")
    return imports.start_from_upload(request, region, "milestones")


@login_required
@require_GET
def milestones_export(request: AuthedRequest, slug: str) -> HttpResponse:
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


# The plan of approach ---------------------------------------------------------------------

# Lazy: a label translated at import would be Dutch for an English reader too.
PLAN_PARTS = [
    ("goal", gettext_lazy("1. Goal")),
    ("target_group", gettext_lazy("2. Target group")),
    ("scope", gettext_lazy("3. Scope")),
    ("partners", gettext_lazy("4. Partners")),
    ("results_short", gettext_lazy("5a. Results in the short term")),
    ("results_long", gettext_lazy("5b. Results in the long term")),
    ("milestones_summary", gettext_lazy("6. Milestones")),
    ("monitoring", gettext_lazy("7. Monitoring")),
]


def _parts(plan: PlanOfApproach) -> dict[str, str]:
    values = {key: str(getattr(plan, key) or "") for key, _label in PLAN_PARTS}
    group = plan.target_group
    if group is not None:
        # "Target group version n": a bare "version n" in the column of plan version 1 read as
        # the plan's version 2 (issue 30).
        parts = [
            _("Target group version %(n)s: %(low)s to %(high)s years; %(categories)s")
            % {
                "n": group.version,
                "low": group.age_min,
                "high": group.age_max,
                "categories": ", ".join(group.category_labels()),
            }
        ]
        if group.broadened:
            parts.append(_("also seriously or chronically ill children"))
        if group.exceptions:
            parts.append(_("exceptions: %(exceptions)s") % {"exceptions": group.exceptions})
        values["target_group"] = "; ".join(parts)
    values["budget"] = "; ".join(
        f"{b['item']}: {money(b['amount'])} ({b['paid_by']})" for b in plan.budget
    )
    return values


@login_required
@require_GET
def plan_page(request: AuthedRequest, slug: str) -> HttpResponse:
    from .models import PlanOfApproach, PlanStatus

    region, can_edit = _region(request, slug)
    versions = list(
        PlanOfApproach.objects.filter(region=region).select_related("approved_by", "target_group")
    )
    approved = [v for v in versions if v.status in (PlanStatus.APPROVED, PlanStatus.SUPERSEDED)]
    current = next((v for v in versions if v.status == PlanStatus.APPROVED), None)
    open_version = next(
        (v for v in versions if v.status in (PlanStatus.DRAFT, PlanStatus.DISCUSSED)), None
    )
    shown = open_version or current
    previous = next((v for v in approved if shown and v.number < shown.number), None)
    rows = []
    if shown is not None:
        now, before = _parts(shown), _parts(previous) if previous else {}
        labels = dict(PLAN_PARTS) | {"budget": _("8. Budget")}
        rows = [
            (
                labels[k],
                now[k],
                before.get(k, ""),
                previous is not None and now[k] != before.get(k, ""),
            )
            for k in labels
        ]
    is_steering = access.is_steering(request.user, region)
    return render(
        request,
        "roadmap/plan.html",
        {
            "region": region,
            "can_edit": can_edit,
            "shown": shown,
            "current": current,
            "open_version": open_version,
            "previous": previous,
            "rows": rows,
            "versions": versions,
            "is_steering": is_steering,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    from decimal import Decimal

    from .forms import BudgetFormSet, BudgetTotalForm, PlanForm

    region = access.open_region_for_edit(request.user, slug, purpose="plan of approach")
    post = request.POST if request.method == "POST" else None
    # A GET shows the next version without saving it; the POST makes it (a GET never writes).
    plan = (
        actions.do_new_plan_version(region, acting_user=request.user)
        if post is not None
        else actions.next_plan_version(region, acting_user=request.user)
    )
    proposal = adopted_proposal_from(request, region)
    form = PlanForm(post, instance=plan, region=region)
    budget = BudgetFormSet(post, initial=plan.budget, prefix="budget")
    total_form = BudgetTotalForm(post, initial={"total": plan.budget_total() or None})
    if post is not None and form.is_valid() and budget.is_valid() and total_form.is_valid():
        lines = [
            {
                "item": f.cleaned_data["item"],
                "amount": str(f.cleaned_data["amount"]),
                "paid_by": f.cleaned_data["paid_by"],
            }
            for f in budget.forms
            if f.cleaned_data.get("item")
        ]
        declared = total_form.cleaned_data.get("total")
        counted = sum((Decimal(line["amount"]) for line in lines), Decimal("0"))
        if declared is not None and declared != counted:
            total_form.add_error(
                "total",
                _(
                    "The budget does not add up: the lines make € %(sum)s, the total says € %(total)s."
                )
                % {"sum": number(counted, 2), "total": number(declared, 2)},
            )
        else:
            updated = form.save(commit=False)
            updated.budget = lines
            actions.do_save_plan(updated, acting_user=request.user, proposal=proposal)
            messages.success(
                request, _("The plan is saved as draft version %(n)s.") % {"n": updated.number}
            )
            return redirect("roadmap:plan", slug=region.slug)
    return render(
        request,
        "roadmap/plan_form.html",
        {
            "region": region,
            "plan": plan,
            "form": form,
            "budget": budget,
            "total_form": total_form,
            "proposal": proposal,
        },
    )


@login_required
@require_POST
def plan_discussed(request: AuthedRequest, slug: str) -> HttpResponse:
    from .models import PlanOfApproach, PlanStatus

    region = access.open_region_for_edit(request.user, slug, purpose="plan of approach")
    plan = PlanOfApproach.objects.filter(region=region, status=PlanStatus.DRAFT).first()
    if plan is None:
        raise Http404
    try:
        actions.do_mark_discussed(plan, acting_user=request.user)
    except actions.PlanNotReady as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The plan is marked as discussed; the steering group can approve it.")
        )
    return redirect("roadmap:plan", slug=region.slug)


@login_required
@require_POST
def plan_approve(request: AuthedRequest, slug: str) -> HttpResponse:
    from django.core.exceptions import PermissionDenied

    from .models import PlanOfApproach, PlanStatus

    region = access.open_region(request.user, slug, purpose="approve plan of approach")
    if not access.is_steering(request.user, region):
        raise PermissionDenied
    plan = PlanOfApproach.objects.filter(
        region=region, status__in=[PlanStatus.DRAFT, PlanStatus.DISCUSSED]
    ).first()
    if plan is None:
        raise Http404
    try:
        actions.do_approve_plan(plan, acting_user=request.user)
    except actions.PlanNotReady as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Version %(n)s of the plan is approved.") % {"n": plan.number})
    return redirect("roadmap:plan", slug=region.slug)


# Events -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def events(request: AuthedRequest, slug: str) -> HttpResponse:
    from .forms import EventForm
    from .models import Event

    region, can_edit = _region(request, slug)
    form = EventForm(request.POST or None, region=region) if can_edit else None
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug, purpose="events")
        if form is not None and form.is_valid():
            event = form.save(commit=False)
            event.region = region
            actions.do_save_event(
                event,
                acting_user=request.user,
                invitees=form.cleaned_data["invitees"],
                attendees=form.cleaned_data["attendees"],
            )
            messages.success(request, _("The meeting is saved."))
            return redirect("roadmap:event", slug=region.slug, pk=event.pk)
    items = Event.objects.filter(region=region).prefetch_related("invitees", "attendees")
    return render(
        request,
        "roadmap/events.html",
        {"region": region, "items": items, "form": form, "can_edit": can_edit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    from .forms import ActionItemForm, EventForm
    from .models import Event

    region, can_edit = _region(request, slug)
    event = Event.objects.filter(region=region, pk=pk).first()
    if event is None:
        raise Http404
    form = EventForm(instance=event, region=region) if can_edit else None
    action_form = ActionItemForm(region=region) if can_edit else None
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug, purpose="events")
        if request.POST.get("send"):
            sent = actions.do_send_invitations(event, acting_user=request.user)
            messages.success(request, _("%(n)s invitations sent.") % {"n": sent})
            return redirect("roadmap:event", slug=region.slug, pk=event.pk)
        if request.POST.get("what"):
            action_form = ActionItemForm(request.POST, region=region)
            if action_form.is_valid():
                actions.do_add_action_item(
                    event, acting_user=request.user, **action_form.cleaned_data
                )
                messages.success(request, _("The action item is saved."))
                return redirect("roadmap:event", slug=region.slug, pk=event.pk)
        else:
            form = EventForm(request.POST, instance=event, region=region)
            if form.is_valid():
                actions.do_save_event(
                    form.save(commit=False),
                    acting_user=request.user,
                    invitees=form.cleaned_data["invitees"],
                    attendees=form.cleaned_data["attendees"],
                )
                messages.success(request, _("The meeting is saved."))
                return redirect("roadmap:event", slug=region.slug, pk=event.pk)
    return render(
        request,
        "roadmap/event.html",
        {
            "region": region,
            "event": event,
            "form": form,
            "action_form": action_form,
            "can_edit": can_edit,
            "items": event.action_items.select_related("owner"),
        },
    )


@login_required
@require_GET
def event_ics_download(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    from .calendar import event_ics
    from .models import Event

    region, _can_edit = _region(request, slug)
    event = Event.objects.filter(region=region, pk=pk).first()
    if event is None:
        raise Http404
    response = HttpResponse(event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{event.pk}.ics"'
    return response


@login_required
@require_POST
def action_item_done(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """The owner of an action item, or a coordinator, marks it done."""
    from django.core.exceptions import PermissionDenied

    from .models import ActionItem

    region = access.open_region(request.user, slug, purpose="action item")
    item = ActionItem.objects.filter(event__region=region, pk=pk).select_related("event").first()
    if item is None:
        raise Http404
    if item.owner_id != request.user.pk and not access.can_edit_region(request.user, region):
        raise PermissionDenied
    actions.do_mark_action_done(item, acting_user=request.user)
    messages.success(request, _("The action item is done."))
    back = request.POST.get("next")
    if back == "home":
        return redirect("home")
    return redirect("roadmap:event", slug=region.slug, pk=item.event_id)
