"""The family's one plan: read, edit the draft, publish, evaluate, compare, print; GIZ assessments."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import pydantic
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core.auth import AuthedRequest
from nik.core.concurrency import EditConflict
from nik.core.models import AuditAction
from nik.directory.selectors import pickable
from nik.families import access as family_access
from nik.families.models import Child, Family
from nik.families.selectors import night_line

from . import actions, compare, gentle
from .content import DOMAINS, Action, Decision, Goal, PlanContent
from .forms import (
    SECTIONS,
    ActionFormSet,
    DecisionFormSet,
    DiscussionForm,
    GoalFormSet,
    NeedsAssessmentForm,
    PublishForm,
    WishesForm,
    section_form_class,
)
from .models import CarePlan, CarePlanVersion, NeedsAssessment, clock_text, plan_clock


def _plan(family: Family) -> CarePlan | None:
    return CarePlan.objects.filter(family=family).first()


def _open(request: AuthedRequest, pk: int, purpose: str) -> Family:
    return family_access.open_family(
        request.user, pk, AuditAction.VIEW, purpose=purpose, scope="care_plan"
    )


def _is_family(request: AuthedRequest, family: Family) -> bool:
    return family.portal_users.filter(pk=request.user.pk).exists()


@login_required
@require_GET
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    family = _open(request, pk, "care plan")
    plan = _plan(family)
    published = plan.published() if plan else None
    draft = plan.draft() if plan else None
    child = Child.objects.filter(family=family).first()
    clock = (family, published, child.diagnosed_on if child else None, timezone.localdate())
    context: dict[str, Any] = {
        "family": family,
        "plan": plan,
        "published": published,
        "draft": draft,
        "shown": published or draft,
        "versions": list(plan.versions.order_by("-number")) if plan else [],
        "clock": plan_clock(*clock),
        "clock_label": clock_text(*clock),
        "domains": DOMAINS,
    }
    if _is_family(request, family) and not family_access.can_edit_family(request.user, family):
        if draft is not None:
            context["wishes_form"] = WishesForm(
                initial={"wishes": draft.data.wishes, "version": draft.version}
            )
        team = list(family.team.select_related("professional"))
        availability = list(family.availability.all())
        context.update(
            availability=availability,
            night=night_line(family, availability, team),
            todo=_todo(published) if published else [],
        )
        return render(request, "careplans/portal_plan.html", context)
    context["can_edit"] = family_access.can_edit_family(request.user, family)
    if draft is not None:
        context["publish_form"] = PublishForm.for_draft(draft.data)
    # Once an evaluation is under way, the discussion is asked when its draft is published.
    if draft is None and published is not None and published.data.discussed_with_parents_on is None:
        context["discussion_form"] = DiscussionForm(initial={"discussed_on": timezone.localdate()})
    body = draft if draft is not None and context["can_edit"] else published
    if body is not None:
        context["body"] = _readable(body)
    context["sections"] = [(key, s["title"]) for key, s in SECTIONS.items()]
    return render(request, "careplans/plan_detail.html", context)


def _readable(version: CarePlanVersion) -> dict[str, Any]:
    """One version as `_plan_body.html` reads it: services by name, empty domains left out."""
    plan = version.data.name_services(_service_names(version))
    return {
        "plan": plan,
        "domains": plan.filled_domains(),
        "empty_domains": plan.empty_domains(),
    }


def _todo(version: CarePlanVersion) -> list[Action]:
    """Who does what and when, for parents: every action not cancelled, soonest first, the done
    ones last, each with its wegwijzer service by name."""
    plan = version.data.name_services(_service_names(version))
    todo = [a for d in plan.domains for a in d.actions if a.status != "cancelled"]
    return sorted(todo, key=lambda a: (a.status == "done", a.due or date.max))


@login_required
@require_POST
def plan_start(request: AuthedRequest, pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="start care plan")
    content = PlanContent(
        plan_date=timezone.localdate(),
        drawn_up_by=request.user.get_full_name(),
        language=family.language,
        domains=[],
    )
    try:
        actions.do_start_plan(family, content=content, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("careplans:plan", pk=family.pk)


def _apply_section(
    content: PlanContent, section: str, data: dict[str, Any], sets: dict[str, Any]
) -> PlanContent:
    spec = SECTIONS[section]
    values = content.model_dump()
    if "domain" in spec:
        domain = content.domain(spec["domain"]).model_dump()
        domain.update({k: v or "" for k, v in data.items() if k != "version"})
        domain["goals"] = [Goal(**g).model_dump() for g in sets["goals"]]
        domain["actions"] = [Action(**a).model_dump() for a in sets["actions"]]
        values["domains"] = [d.model_dump() for d in content.domains if d.key != spec["domain"]] + [
            domain
        ]
    else:
        values.update({k: v for k, v in data.items() if k != "version"})
        if section == "acp":
            values["decisions"] = [Decision(**d).model_dump() for d in sets["decisions"]]
    # Dates are checked against each other where they are edited; another section saves even
    # while they disagree (the plan page shows the problem, and publishing waits for it).
    return PlanContent.model_validate(values, context={"stored": section != "plan"})


def _filled(formset: Any) -> list[dict[str, Any]]:
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data and any(f.cleaned_data.get(k) for k in ("text", "what", "decision"))
    ]


@login_required
@require_http_methods(["GET", "POST"])
def plan_section(request: AuthedRequest, pk: int, section: str) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="edit care plan")
    if section not in SECTIONS:
        raise Http404
    plan = _plan(family)
    draft = plan.draft() if plan else None
    if draft is None:
        messages.info(
            request, _("Start an evaluation first: changes are made in a new draft version.")
        )
        return redirect("careplans:plan", pk=family.pk)
    content = draft.data
    spec = SECTIONS[section]
    form_class = section_form_class(section)
    initial: dict[str, Any]
    if "domain" in spec:
        current = content.domain(spec["domain"])
        initial = {
            "situation": current.situation,
            "strengths": current.strengths,
            "needs": current.needs,
        }
        set_initial = {
            "goals": [g.model_dump() for g in current.goals],
            "actions": [a.model_dump() for a in current.actions],
        }
    else:
        initial = {
            name: getattr(content, name) for name in form_class.base_fields if name != "version"
        }
        set_initial = {"decisions": [d.model_dump() for d in content.decisions]}
    initial = {**initial, "version": draft.version}
    post = request.POST if request.method == "POST" else None
    form = form_class(post, initial=initial)
    sets: dict[str, Any] = {}
    if "domain" in spec:
        sets["goals"] = GoalFormSet(post, initial=set_initial["goals"], prefix="goals")
        sets["actions"] = ActionFormSet(
            post,
            initial=set_initial["actions"],
            prefix="actions",
            form_kwargs={
                "services": pickable(family.region),
                "search_url": reverse("directory:pick", args=[family.region.slug]),
            },
        )
    elif section == "acp":
        sets["decisions"] = DecisionFormSet(
            post, initial=set_initial["decisions"], prefix="decisions"
        )
    conflict = None
    if post is not None and form.is_valid() and all(s.is_valid() for s in sets.values()):
        try:
            new = _apply_section(
                content, section, form.cleaned_data, {k: _filled(v) for k, v in sets.items()}
            )
            actions.do_save_draft(
                draft,
                content=new,
                seen_version=form.cleaned_data["version"],
                acting_user=request.user,
            )
        except pydantic.ValidationError as error:
            form.add_error(None, _plain_errors(error))
        except EditConflict as found:
            conflict = found
            form.add_error(
                None,
                _(
                    "Someone else saved this plan while you were editing. Changed since you opened it: %(fields)s. Your text is still below; check it and save again."
                )
                % {"fields": ", ".join(found.changed) or "—"},
            )
            data = cast(QueryDict, form.data).copy()
            data["version"] = str(found.current.version)
            form.data = data
        else:
            messages.success(request, _("Saved in draft version %(n)s.") % {"n": draft.number})
            hard = gentle.hints(*_parents_read(form, sets))
            if hard:
                messages.info(request, gentle.message(hard))
            return redirect("careplans:plan", pk=family.pk)
    return render(
        request,
        "careplans/section_form.html",
        {
            "family": family,
            "draft": draft,
            "form": form,
            "sets": sets,
            "title": spec["title"],
            "conflict": conflict,
            "problems": draft.problems,
            "gentle_words": gentle.for_the_browser(),
        },
        status=409 if conflict else 200,
    )


def _parents_read(form: Any, sets: dict[str, Any]) -> list[str]:
    """The texts just saved into fields that parents read (the fields say so themselves)."""
    texts = []
    for each in [form, *(f for s in sets.values() for f in s.forms)]:
        data = getattr(each, "cleaned_data", None) or {}
        texts += [
            str(data.get(name) or "")
            for name, field in each.fields.items()
            if field.widget.attrs.get("data-parents-read")
        ]
    return texts


def _plain_errors(error: pydantic.ValidationError) -> str:
    """Our own rules' messages as they were written (translated), without pydantic's prefix."""
    texts = []
    for item in error.errors():
        if item.get("type") == "value_error" and "error" in item.get("ctx", {}):
            texts.append(str(item["ctx"]["error"]))
        else:
            texts.append(item.get("msg", ""))
    return " ".join(texts)


@login_required
@require_POST
def plan_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="publish care plan")
    plan = _plan(family)
    draft = plan.draft() if plan else None
    if draft is None:
        raise Http404
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
                if name in form.fields
                else " ".join(str(e) for e in errors)
                for name, errors in form.errors.items()
            ),
        )
        return redirect("careplans:plan", pk=family.pk)
    try:
        actions.do_publish(
            draft,
            acting_user=request.user,
            summary=form.cleaned_data["summary"].strip(),
            answers=form.cleaned_data,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Version %(n)s is published.") % {"n": draft.number})
    return redirect("careplans:plan", pk=family.pk)


@login_required
@require_POST
def plan_discussed(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record afterwards that the published version was discussed with the parents."""
    family = family_access.open_family_for_edit(request.user, pk, purpose="care plan discussed")
    plan = _plan(family)
    published = plan.published() if plan else None
    if published is None:
        raise Http404
    form = DiscussionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("careplans:plan", pk=family.pk)
    try:
        actions.do_record_discussion(
            published, discussed_on=form.cleaned_data["discussed_on"], acting_user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(n)s is marked as discussed with the parents.") % {"n": published.number},
        )
    return redirect("careplans:plan", pk=family.pk)


@login_required
@require_POST
def plan_evaluate(request: AuthedRequest, pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="evaluate care plan")
    plan = _plan(family)
    if plan is None:
        raise Http404
    try:
        draft = actions.do_start_evaluation(plan, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Draft version %(n)s is ready to evaluate and adjust.") % {"n": draft.number}
        )
    return redirect("careplans:plan", pk=family.pk)


def _service_names(*versions: CarePlanVersion) -> dict[str, str]:
    """The wegwijzer services the versions' actions name, by id, for reading."""
    from nik.directory.models import Service

    ids = set().union(*(version.data.service_ids() for version in versions))
    return {
        str(pk): name for pk, name in Service.objects.filter(pk__in=ids).values_list("pk", "name")
    }


@login_required
@require_GET
def plan_compare(request: AuthedRequest, pk: int) -> HttpResponse:
    family = _open(request, pk, "compare care plan versions")
    plan = _plan(family)
    if plan is None:
        raise Http404
    versions = {v.number: v for v in plan.versions.all()}
    numbers = sorted(versions)
    try:
        a = int(request.GET.get("a", numbers[-2] if len(numbers) > 1 else numbers[0]))
        b = int(request.GET.get("b", numbers[-1]))
    except (ValueError, IndexError):
        raise Http404 from None
    if a not in versions or b not in versions:
        raise Http404
    shown = compare.rows(
        versions[a].content, versions[b].content, _service_names(versions[a], versions[b])
    )
    only_changes = request.GET.get("all") != "1"
    return render(
        request,
        "careplans/compare.html",
        {
            "family": family,
            "a": versions[a],
            "b": versions[b],
            "rows": [r for r in shown if r.changed or not only_changes],
            "numbers": numbers,
        },
    )


@login_required
@require_GET
def plan_pdf(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    from weasyprint import HTML

    family = _open(request, pk, "print care plan")
    version = (
        CarePlanVersion.objects.filter(plan__family=family, number=number)
        .select_related("plan")
        .first()
    )
    if version is None:
        raise Http404
    child = Child.objects.filter(family=family).first()
    team = list(family.team.select_related("professional", "professional__organization"))
    availability = list(family.availability.all())
    html = render_to_string(
        "careplans/plan_pdf.html",
        {
            "family": family,
            "child": child,
            "version": version,
            **_readable(version),
            "team": team,
            "availability": availability,
            "night": night_line(family, availability, team),
            "printed": timezone.localtime(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    actions.do_print_plan(version, family=family, acting_user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{family.pk}-v{version.number}.pdf"'
    return response


@login_required
@require_POST
def plan_wishes(request: AuthedRequest, pk: int) -> HttpResponse:
    """The family writes or approves its wishes on the draft, in the portal."""
    family = _open(request, pk, "family wishes")
    if not _is_family(request, family):
        raise Http404
    plan = _plan(family)
    draft = plan.draft() if plan else None
    if draft is None:
        raise Http404
    form = WishesForm(request.POST)
    if form.is_valid():
        try:
            actions.do_family_wishes(
                draft,
                wishes=form.cleaned_data["wishes"],
                seen_version=form.cleaned_data["version"],
                acting_user=request.user,
            )
        except EditConflict:
            messages.error(
                request,
                _(
                    "Your case manager changed the plan just now. Look at it again and save your wishes once more."
                ),
            )
        else:
            messages.success(request, _("Thank you. Your wishes are saved in the plan."))
    return redirect("careplans:plan", pk=family.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessments(request: AuthedRequest, pk: int) -> HttpResponse:
    family = _open(request, pk, "needs assessments")
    can_edit = family_access.can_edit_family(request.user, family)
    form = NeedsAssessmentForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        family = family_access.open_family_for_edit(request.user, pk, purpose="needs assessment")
        if form is not None and form.is_valid():
            item = form.save(commit=False)
            item.family = family
            actions.do_record_assessment(item, acting_user=request.user)
            messages.success(request, _("The needs assessment is saved."))
            return redirect("careplans:assessments", pk=family.pk)
    plan = _plan(family)
    return render(
        request,
        "careplans/assessments.html",
        {
            "family": family,
            "items": family.needs_assessments.all(),
            "form": form,
            "can_edit": can_edit,
            "draft": plan.draft() if plan else None,
        },
    )


@login_required
@require_POST
def assessment_use(request: AuthedRequest, pk: int, assessment_pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(
        request.user, pk, purpose="needs assessment into plan"
    )
    item = NeedsAssessment.objects.filter(family=family, pk=assessment_pk).first()
    plan = _plan(family)
    draft = plan.draft() if plan else None
    if item is None or draft is None:
        raise Http404
    actions.do_use_assessment(item, draft, acting_user=request.user)
    messages.success(
        request,
        _("The outcomes are added to the plan's domains in draft version %(n)s.")
        % {"n": draft.number},
    )
    return redirect("careplans:plan", pk=family.pk)
