"""Training (step 7): the catalogue, sessions with enrolment and attendance, expertise coverage,
a member's own courses and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.models import Professional, Region

from . import actions
from .calendar import session_ics
from .forms import CourseForm, EnrolSomeoneForm, SessionForm
from .models import Enrolment, EnrolmentStatus, Session
from .selectors import courses_for, coverage, my_enrolments, upcoming


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
            "courses": courses_for(region).prefetch_related("disciplines"),
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
@require_http_methods(["GET", "POST"])
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
            "taken": session.enrolments.filter(
                status__in=[
                    EnrolmentStatus.ENROLLED,
                    EnrolmentStatus.ATTENDED,
                    EnrolmentStatus.ABSENT,
                ]
            ).count(),
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
