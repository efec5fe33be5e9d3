"""The knowledge centre's queue: what the regions passed on, by theme; take it up under a national
issue (several regions' reports on one matter come together there) or say why not; answer; and
the issues with their actions. Never a region's own signals, never a family."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core.auth import AuthedRequest

from . import actions
from .access import require_national
from .forms import ActionForm, AnswerForm, NotTakenUpForm, TakeUpForm
from .models import NationalIssue, Passed, Theme
from .report import Half

STATES = {
    "waiting": Q(issue__isnull=True, not_taken_up=""),
    "taken_up": Q(issue__isnull=False),
    "not_taken_up": ~Q(not_taken_up=""),
    "unanswered": Q(feedback_at__isnull=True),
}


@login_required
@require_GET
def queue(request: AuthedRequest) -> HttpResponse:
    require_national(request.user)
    state = request.GET.get("state", "waiting")
    theme = request.GET.get("theme", "")
    reports = Passed.objects.select_related("region", "issue").order_by("theme", "-passed_at")
    if state in STATES:
        reports = reports.filter(STATES[state])
    if theme in Theme.values:
        reports = reports.filter(theme=theme)
    by_theme: dict[str, list[Passed]] = {}
    for report in reports[:300]:
        by_theme.setdefault(report.get_theme_display(), []).append(report)
    return render(
        request,
        "signals/national_queue.html",
        {
            "by_theme": by_theme,
            "state": state,
            "theme": theme,
            "themes": Theme.choices,
            "half": Half.last(),
            "issues": NationalIssue.objects.annotate(
                regions=Count("reports__region", distinct=True), n=Count("reports")
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    require_national(request.user)
    found = get_object_or_404(Passed.objects.select_related("region", "issue"), pk=pk)
    step = request.POST.get("step", "")
    take_up = TakeUpForm(request.POST if step == "take_up" else None)
    take_up.fields["issue"].queryset = NationalIssue.objects.filter(theme=found.theme)  # type: ignore[attr-defined]
    not_taken = NotTakenUpForm(request.POST if step == "not_taken_up" else None)
    answer = AnswerForm(
        request.POST if step == "answer" else None, initial={"feedback": found.feedback}
    )
    form = {"take_up": take_up, "not_taken_up": not_taken, "answer": answer}.get(step)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if step == "take_up":
                actions.do_take_up(found, issue=data["issue"], title=data["title"],
                                   acting_user=request.user)  # fmt: skip
                messages.success(request, _("Taken up."))
            elif step == "not_taken_up":
                actions.do_not_take_up(found, reason=data["reason"], acting_user=request.user)
                messages.success(request, _("Saved: not taken up, with the reason."))
            else:
                n = actions.do_answer(found, feedback=data["feedback"], acting_user=request.user)
                messages.success(
                    request,
                    ngettext(
                        "Answered; %(n)s person e-mailed.", "Answered; %(n)s people e-mailed.", n
                    )
                    % {"n": n},
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("signals:national_report", pk=pk)
    return render(
        request,
        "signals/national_report.html",
        {"report": found, "take_up": take_up, "not_taken": not_taken, "answer": answer},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: AuthedRequest, pk: int) -> HttpResponse:
    require_national(request.user)
    found = get_object_or_404(NationalIssue, pk=pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_add_action(found, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("The action is added."))
        return redirect("signals:national_issue", pk=pk)
    reports = list(found.reports.select_related("region").order_by("region__name", "passed_at"))
    return render(
        request,
        "signals/national_issue.html",
        {
            "issue": found,
            "reports": reports,
            "regions": sorted({r.region.name for r in reports}),
            "actions": list(found.actions.all()),
            "form": form,
            "others": NationalIssue.objects.exclude(pk=pk).filter(theme=found.theme),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def merge(request: AuthedRequest, pk: int) -> HttpResponse:
    require_national(request.user)
    source = get_object_or_404(NationalIssue, pk=pk)
    target = get_object_or_404(NationalIssue, pk=request.POST.get("into") or 0)
    try:
        actions.do_merge_issues(source, target, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("signals:national_issue", pk=pk)
    messages.success(request, _("Merged."))
    return redirect("signals:national_issue", pk=target.pk)


@login_required
@require_GET
def report_file(request: AuthedRequest, year: int, half: int, kind: str) -> HttpResponse:
    """The twice-yearly signals report as PDF or .xlsx; logged as an export."""
    from nik.core import audit
    from nik.core.models import AuditAction
    from nik.core.xlsx import XLSX_CONTENT_TYPE

    from . import report as signals_report

    require_national(request.user, "signals report")
    if kind not in ("pdf", "xlsx") or half not in (1, 2) or not 2000 <= year <= 2100:
        raise Http404
    found = signals_report.build(signals_report.Half(year, half))
    audit.record(
        action=AuditAction.EXPORT,
        event="signals.report",
        user=request.user,
        object_type="signals.report",
        object_id=f"{year}-h{half}",
        details={"format": kind},
    )
    if kind == "pdf":
        response = HttpResponse(signals_report.pdf(found), content_type="application/pdf")
    else:
        response = HttpResponse(signals_report.xlsx(found), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{found.filename}.{kind}"'
    return response
