"""Training (step 7): the catalogue, sessions with enrolment and attendance, expertise coverage,
a member's own courses and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.models import Professional, Region

from . import actions
from .calendar import session_ics
from .forms import (
    CourseForm,
    EnrolSomeoneForm,
    FamilyNeedForm,
    NeedForm,
    PlanLineFormSet,
    PlanNoteForm,
    SessionForm,
)
from .models import (
    TAKING_A_PLACE,
    Enrolment,
    EnrolmentStatus,
    NeedSource,
    Session,
    TrainingNeed,
    TrainingPlan,
    TrainingPlanStatus,
)
from .selectors import courses_for, coverage, my_enrolments, needs_of, upcoming


def _mine(request: AuthedRequest, region: Region) -> Professional | None:
    """The person's own entry in this region's register, if they have one."""
    return Professional.objects.filter(region=region, user=request.user).first()


@login_required
@require_GET
def catalogue(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="training")
    sessions = list(upcoming(region))
    return render(
        request,
        "learning/catalogue.html",
        {
            "region": region,
            "courses": courses_for(region),
            "sessions": sessions,
            "coverage": coverage(region),
            "can_edit": access.can_edit_region(request.user, region),
        },
    )


@login_required
@require_GET
def coverage_page(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="training coverage")
    return render(
        request,
        "learning/coverage.html",
        {"region": region, "coverage": coverage(region, detail=True, with_missing=True)},
    )


def _session(request: AuthedRequest, slug: str, pk: int) -> tuple[Region, Session]:
    region = access.open_region(request.user, slug, purpose="training session")
    session = get_object_or_404(Session.objects.select_related("course"), region=region, pk=pk)
    return region, session


def _may_run(request: AuthedRequest, region: Region, session: Session) -> bool:
    """The region's coordinators and the session's organiser see who enrolled and record who came."""
    return access.can_edit_region(request.user, region) or session.organiser_id == request.user.pk


@login_required
@require_GET
def session_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, session = _session(request, slug, pk)
    runs = _may_run(request, region, session)
    mine = _mine(request, region)
    own = Enrolment.objects.filter(session=session, professional=mine).first() if mine else None
    term = request.GET.get("q", "").strip()[:100] if runs else ""
    enrol_form = EnrolSomeoneForm(region=region, search=term) if runs else None
    enrolments = (
        list(
            session.enrolments.select_related("professional__organization").order_by(
                "enrolled_at", "pk"
            )
        )
        if runs
        else []
    )
    return render(
        request,
        "learning/session.html",
        {
            "region": region,
            "session": session,
            "own": own,
            "mine": mine,
            "runs": runs,
            "term": term,
            "enrol_form": enrol_form,
            "enrolments": enrolments,
            "taken": session.enrolments.filter(status__in=TAKING_A_PLACE).count(),
            "started": session.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def enrol(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """Enrol yourself, or (a coordinator) the professional named in the form."""
    region, session = _session(request, slug, pk)
    if "professional" in request.POST:
        if not _may_run(request, region, session):
            raise PermissionDenied
        form = EnrolSomeoneForm(request.POST, region=region, search=request.POST.get("q", ""))
        if not form.is_valid():
            messages.error(request, _("Choose a professional of this network."))
            return redirect("learning:session", slug=slug, pk=pk)
        person = form.cleaned_data["professional"]
    else:
        person = _mine(request, region)
        if person is None:
            messages.error(
                request,
                _("You are not in this network's register yet; ask the coordinator to enrol you."),
            )
            return redirect("learning:session", slug=slug, pk=pk)
    try:
        enrolment = actions.do_enrol(session, person, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if enrolment.status == EnrolmentStatus.WAITING:
            messages.warning(
                request,
                _("The session is full: %(name)s is on the waiting list.")
                % {"name": person.full_name},
            )
        else:
            messages.success(
                request,
                _("%(name)s is enrolled; the invitation goes by e-mail.")
                % {"name": person.full_name},
            )
    return redirect("learning:session", slug=slug, pk=pk)


@login_required
@require_POST
def cancel(request: AuthedRequest, slug: str, pk: int, enrolment_pk: int) -> HttpResponse:
    region, session = _session(request, slug, pk)
    enrolment = get_object_or_404(Enrolment, session=session, pk=enrolment_pk)
    own = enrolment.professional.user_id == request.user.pk
    if not own and not _may_run(request, region, session):
        raise Http404
    try:
        moved = actions.do_cancel(enrolment, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The enrolment is cancelled."))
        if moved is not None and _may_run(request, region, session):
            messages.info(
                request,
                _("%(name)s moved up from the waiting list.")
                % {"name": moved.professional.full_name},
            )
    return redirect("learning:session", slug=slug, pk=pk)


@login_required
@require_POST
def attendance(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, session = _session(request, slug, pk)
    if not _may_run(request, region, session):
        raise PermissionDenied
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
    try:
        counts = actions.do_record_attendance(session, present=present, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Attendance is recorded: %(attended)s came, %(absent)s did not.") % counts,
        )
    return redirect("learning:session", slug=slug, pk=pk)


@login_required
@require_GET
def session_calendar(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    _region, session = _session(request, slug, pk)
    response = HttpResponse(session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scholing-{session.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def course_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="training")
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = form.save(commit=False)
        course.region = region
        actions.do_save_course(course, acting_user=request.user)
        form.save_m2m()
        messages.success(request, _("The course is in the catalogue."))
        return redirect("learning:catalogue", slug=slug)
    return render(
        request,
        "learning/form.html",
        {"region": region, "form": form, "title": _("A course of this network")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="training")
    form = SessionForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.region, session.organiser = region, request.user
        actions.do_save_session(session, acting_user=request.user)
        messages.success(request, _("The session is planned."))
        return redirect("learning:session", slug=slug, pk=session.pk)
    return render(
        request,
        "learning/form.html",
        {"region": region, "form": form, "title": _("Plan a session")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def mine(request: AuthedRequest) -> HttpResponse:
    """My courses and certificates, and what my region still lacks in my discipline."""
    enrolments = list(my_enrolments(request.user))
    regions = {e.session.region for e in enrolments}
    own = Professional.objects.filter(user=request.user).select_related("region")
    regions |= {p.region for p in own}
    return render(
        request,
        "learning/mine.html",
        {
            "enrolments": enrolments,
            "coverages": [(r, coverage(r)) for r in sorted(regions, key=lambda r: r.name)],
            "profiles": list(own.prefetch_related("disciplines")),
        },
    )


@login_required
@require_GET
def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    from weasyprint import HTML

    enrolment = get_object_or_404(
        Enrolment.objects.select_related("session__course", "session__region", "professional"),
        pk=pk,
        status=EnrolmentStatus.ATTENDED,
    )
    region = enrolment.session.region
    if enrolment.professional.user_id != request.user.pk and not access.can_edit_region(
        request.user, region
    ):
        raise Http404
    html = render_to_string(
        "learning/certificate.html", {"enrolment": enrolment, "region": region}, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    actions.do_print_certificate(enrolment, acting_user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificaat-{enrolment.pk}.pdf"'
    return response


# The training plan -------------------------------------------------------------------------


def _year(request: AuthedRequest) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    year = int(raw) if raw.isdigit() else timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: AuthedRequest, slug: str) -> HttpResponse:
    """The year's training plan, the needs it is made from, and naming a need."""
    region = access.open_region(request.user, slug, purpose="training plan")
    year = _year(request)
    need_form = NeedForm(request.POST or None)
    if request.method == "POST" and need_form.is_valid():
        need = need_form.save(commit=False)
        need.region, need.source = region, NeedSource.MEMBER
        actions.do_add_need(need, acting_user=request.user)
        messages.success(request, _("Thank you: the need is on the list for the training plan."))
        return redirect(f"{request.path}?year={year}")
    plans = list(
        TrainingPlan.objects.filter(region=region, year=year)
        .select_related("approved_by")
        .prefetch_related("lines__course", "lines__need")
        .order_by("-number")
    )
    approved = next((p for p in plans if p.status == TrainingPlanStatus.APPROVED), None)
    draft = next((p for p in plans if p.status == TrainingPlanStatus.DRAFT), None)
    return render(
        request,
        "learning/plan.html",
        {
            "region": region,
            "year": year,
            "approved": approved,
            "draft": draft,
            "needs": needs_of(region),
            "need_form": need_form,
            "can_edit": access.can_edit_region(request.user, region),
            "is_steering": access.is_steering(request.user, region),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="training plan")
    year = _year(request)
    post = request.POST if request.method == "POST" else None
    # A GET writes nothing: the draft is opened (a copy of the last version) when it is saved.
    draft = (
        actions.do_open_plan(region, year, acting_user=request.user)
        if post is not None
        else TrainingPlan.objects.filter(region=region, year=year).order_by("-number").first()
    )
    initial = [
        {
            "what": line.what,
            "course": line.course_id,
            "need": line.need_id,
            "month": line.month,
            "amount": line.amount,
        }
        for line in (draft.lines.all() if draft else [])
    ]
    note = PlanNoteForm(post, initial={"note": draft.note if draft else ""})
    lines = PlanLineFormSet(post, initial=initial, form_kwargs={"region": region}, prefix="lines")
    if draft is not None and post is not None and note.is_valid() and lines.is_valid():
        kept = [
            {
                "what": f.cleaned_data["what"],
                "course": f.cleaned_data.get("course"),
                "need": f.cleaned_data.get("need"),
                "month": f.cleaned_data.get("month"),
                "amount": f.cleaned_data.get("amount") or 0,
            }
            for f in lines.forms
            if f.cleaned_data.get("what")
        ]
        actions.do_save_plan(
            draft, note=note.cleaned_data["note"], lines=kept, acting_user=request.user
        )
        messages.success(request, _("The draft of the training plan is saved."))
        return redirect(f"{reverse('learning:plan', args=[slug])}?year={year}")
    return render(
        request,
        "learning/plan_edit.html",
        {"region": region, "year": year, "draft": draft, "note": note, "lines": lines},
        status=400 if post is not None else 200,
    )


@login_required
@require_POST
def plan_approve(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="training plan")
    if not access.is_steering(request.user, region):
        raise PermissionDenied
    draft = get_object_or_404(TrainingPlan, region=region, pk=pk)
    try:
        actions.do_approve_plan(draft, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Version %(n)s of the training plan is approved.") % {"n": draft.number}
        )
    return redirect(f"{reverse('learning:plan', args=[slug])}?year={draft.year}")


@login_required
@require_http_methods(["GET", "POST"])
def family_need(request: AuthedRequest, slug: str) -> HttpResponse:
    """A parent tells the network what its professionals should learn (steps 7 and 9)."""
    region = get_object_or_404(Region, slug=slug)
    if not access.is_parent(request.user, region):
        raise Http404
    form = FamilyNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = TrainingNeed(
            region=region, topic=form.cleaned_data["topic"], source=NeedSource.FAMILY
        )
        actions.do_add_need(need, acting_user=request.user)
        messages.success(request, _("Thank you. The network uses this when it plans its training."))
        return redirect("home")
    return render(
        request,
        "learning/family_need.html",
        {"region": region, "form": form},
        status=400 if request.method == "POST" else 200,
    )
