"""Learning together (steps 5, 8 and 10): the forms the network agreed and their meetings, case
discussions in the seed's format, intervision groups, and lessons on their way to policy.

Case discussions are for the people who work in the region's network (coordinators, case
managers, members); the steering group and the knowledge centre see the lessons as proposals,
never the cases. A case linked to a family shows that link only to those the families' door lets
through, and opening it that way is logged; everyone else reads the anonymised case.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.concurrency import save_or_explain
from nik.core.models import AuditAction, DisciplineCode, Region
from nik.families import access as family_access
from nik.families.models import Family
from nik.roadmap.models import Event, EventKind

from . import actions
from .access import open_region_for_cases, works_in
from .forms import DiscussionForm, FollowUpForm, LearningFormForm, LessonForm, ScheduleForm
from .models import CaseDiscussion, FormKind, LearningForm, Lesson

PER_PAGE = 25


def can_edit_discussion(user: Any, discussion: CaseDiscussion) -> bool:
    return user.pk in (discussion.created_by_id, discussion.presenter_id) or access.is_coordinator(
        user, discussion.region
    )


def _intervision(meeting: Event) -> bool:
    return meeting.learning_forms.filter(kind=FormKind.INTERVISION).exists()


# The agreement on learning together -----------------------------------------------------------


@login_required
@require_GET
def together(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="learning together")
    today = timezone.localdate()
    forms = list(
        LearningForm.objects.filter(region=region)
        .annotate(member_count=Count("members", distinct=True))
        .prefetch_related("themes")
    )
    upcoming = list(
        Event.objects.filter(
            region=region, kind=EventKind.LEARNING, starts_at__date__gte=today
        ).order_by("starts_at")[:8]
    )
    working = works_in(request.user, region)
    recent = (
        list(
            CaseDiscussion.objects.filter(region=region)
            .select_related("meeting")
            .order_by("-meeting__starts_at", "-pk")[:5]
        )
        if working
        else []
    )
    return render(
        request,
        "casework/together.html",
        {
            "region": region,
            "forms": forms,
            "upcoming": upcoming,
            "recent": recent,
            "works_here": working,
            "can_edit": access.can_edit_region(request.user, region),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="learning together")
    found = get_object_or_404(LearningForm, region=region, pk=pk) if pk else None
    form = LearningFormForm(request.POST or None, instance=found, region=region)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.region = region
        try:
            done = save_or_explain(
                form,
                lambda: actions.do_save_form(
                    saved,
                    acting_user=request.user,
                    members=form.cleaned_data["members"],
                    themes=form.cleaned_data["themes"],
                    seen_version=form.seen_version(),
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if done is not None:
                messages.success(request, _("The form of learning together is saved."))
                return redirect("casework:form", slug=slug, pk=saved.pk)
    return render(
        request,
        "casework/form_edit.html",
        {"region": region, "form": form, "found": found},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def form_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """A form with its meetings; for an intervision group also its members and themes."""
    region = access.open_region(request.user, slug, purpose="learning together")
    found = get_object_or_404(LearningForm, region=region, pk=pk)
    meetings = list(found.meetings.order_by("-starts_at")[:24])
    working = works_in(request.user, region)
    discussed: dict[int, list[CaseDiscussion]] = {}
    if working:
        for discussion in CaseDiscussion.objects.filter(meeting__in=meetings):
            discussed.setdefault(discussion.meeting_id, []).append(discussion)
    can_edit = access.can_edit_region(request.user, region)
    return render(
        request,
        "casework/form_detail.html",
        {
            "region": region,
            "found": found,
            "members": found.members.select_related("organization"),
            "meetings": [(m, discussed.get(m.pk, [])) for m in meetings],
            "now": timezone.now(),
            "works_here": working,
            "can_edit": can_edit,
            "schedule": ScheduleForm(initial={"first": timezone.localdate()})
            if can_edit and found.schedulable
            else None,
        },
    )


@login_required
@require_POST
def schedule(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="learning together")
    found = get_object_or_404(LearningForm, region=region, pk=pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the first meeting and how many to schedule."))
        return redirect("casework:form", slug=slug, pk=pk)
    try:
        made = actions.do_schedule_meetings(found, acting_user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Meetings scheduled: %(n)s.") % {"n": len(made)})
    return redirect("casework:form", slug=slug, pk=pk)


# Case discussions -------------------------------------------------------------------------------


@login_required
@require_GET
def discussions(request: AuthedRequest, slug: str) -> HttpResponse:
    region = open_region_for_cases(request.user, slug, purpose="case discussions")
    found = (
        CaseDiscussion.objects.filter(region=region)
        .select_related("meeting", "presenter")
        .annotate(lesson_count=Count("lessons"))
        .order_by("-meeting__starts_at", "-pk")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "casework/discussions.html", {"region": region, "page": page})


def _family_from(request: AuthedRequest, region: Region) -> Family | None:
    """The family named in `?family=` or the posted form, opened through the door (logged)."""
    pk = request.POST.get("family") or request.GET.get("family")
    if not pk:
        return None
    family = family_access.open_family(request.user, pk, purpose="case discussion")
    if family.region_id != region.pk:
        raise PermissionDenied
    return family


@login_required
@require_http_methods(["GET", "POST"])
def discussion_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = open_region_for_cases(request.user, slug, purpose="case discussion")
    family = _family_from(request, region)
    initial = {"presenter": request.user.pk, "meeting": request.GET.get("meeting")}
    form = DiscussionForm(
        request.POST or None, region=region, linked=family is not None, initial=initial
    )
    warning: list[str] = []
    if request.method == "POST" and form.is_valid():
        discussion = form.save(commit=False)
        discussion.region = region
        discussion.attendance = form.attendance()
        if family is not None:
            actions.describe_case(discussion, family)
        try:
            with_family = _save(discussion, form, family, request)
        except actions.NotAnonymous as error:
            warning = error.found
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case discussion is recorded."))
            return redirect("casework:discussion", slug=slug, pk=with_family.pk)
    elif form.name_warning:
        warning = form.name_warning
        actions.record_warning(region, found=warning, acting_user=request.user)
    return render(
        request,
        "casework/discussion_form.html",
        {"region": region, "form": form, "family": family, "warning": warning},
        status=400 if request.method == "POST" else 200,
    )


def _save(
    discussion: CaseDiscussion, form: DiscussionForm, family: Family | None, request: AuthedRequest
) -> CaseDiscussion:
    from django.db import transaction

    # The warning is logged even when the save stops there (outside the transaction).
    actions.check_anonymous(
        discussion, checked=form.cleaned_data["checked"], acting_user=request.user
    )
    with transaction.atomic():
        if family is not None and _intervision(discussion.meeting):
            raise ValidationError(
                _("An intervision group discusses anonymous cases only; leave out the family.")
            )
        actions.do_save_discussion(
            discussion, checked=form.cleaned_data["checked"], acting_user=request.user
        )
        if family is not None:
            actions.do_link_family(discussion, family, acting_user=request.user)
    return discussion


def _discussion(request: AuthedRequest, slug: str, pk: int) -> tuple[Region, CaseDiscussion]:
    region = open_region_for_cases(request.user, slug, purpose="case discussion")
    found = get_object_or_404(
        CaseDiscussion.objects.select_related("meeting", "presenter", "region"),
        region=region,
        pk=pk,
    )
    return region, found


@login_required
@require_GET
def discussion(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, found = _discussion(request, slug, pk)
    # The link to a family only for those the door lets through, and then logged as a view.
    family = None
    if found.family is not None and family_access.may_see_family(request.user, found.family_id):
        family = found.family
        family_access.open_record(request.user, family, AuditAction.VIEW, "case discussion")
    can_edit = can_edit_discussion(request.user, found)
    labels = dict(DisciplineCode.choices) | {"other": _("other")}
    return render(
        request,
        "casework/discussion.html",
        {
            "region": region,
            "found": found,
            "family": family,
            # In the order of the disciplines (PostgreSQL's JSON keeps its own key order).
            "attendance": [
                (label, found.attendance[code])
                for code, label in labels.items()
                if found.attendance.get(code)
            ],
            "follow_ups": found.follow_ups.select_related("owner"),
            "lessons": found.lessons.select_related("proposal"),
            "can_edit": can_edit,
            "follow_up_form": FollowUpForm(region=region) if can_edit else None,
            "lesson_form": LessonForm(region=region) if can_edit else None,
        },
    )


def _discussion_for_edit(
    request: AuthedRequest, slug: str, pk: int
) -> tuple[Region, CaseDiscussion]:
    region, found = _discussion(request, slug, pk)
    if not can_edit_discussion(request.user, found):
        raise PermissionDenied
    return region, found


@login_required
@require_http_methods(["GET", "POST"])
def discussion_edit(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, found = _discussion_for_edit(request, slug, pk)
    form = DiscussionForm(
        request.POST or None, region=region, linked=found.family_id is not None, instance=found
    )
    warning: list[str] = []
    if request.method == "POST" and form.is_valid():
        discussion = form.save(commit=False)
        discussion.attendance = form.attendance()
        try:
            done = save_or_explain(
                form,
                lambda: actions.do_save_discussion(
                    discussion,
                    checked=form.cleaned_data["checked"],
                    acting_user=request.user,
                    seen_version=form.seen_version(),
                ),
            )
        except actions.NotAnonymous as error:
            warning = error.found
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if done is not None:
                messages.success(request, _("The case discussion is saved."))
                return redirect("casework:discussion", slug=slug, pk=pk)
    elif form.name_warning:
        warning = form.name_warning
        actions.record_warning(
            region, found=warning, acting_user=request.user, discussion_pk=found.pk
        )
    return render(
        request,
        "casework/discussion_form.html",
        {"region": region, "form": form, "found": found, "warning": warning},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def unlink(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """Remove the link to a family (by an editor who may see that family)."""
    _region, found = _discussion_for_edit(request, slug, pk)
    if found.family_id is None or not family_access.may_see_family(request.user, found.family_id):
        raise PermissionDenied
    actions.do_unlink_family(found, acting_user=request.user)
    messages.success(request, _("The case is no longer linked to the family."))
    return redirect("casework:discussion", slug=slug, pk=pk)


@login_required
@require_POST
def follow_up_add(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, found = _discussion_for_edit(request, slug, pk)
    form = FollowUpForm(request.POST, region=region)
    if not form.is_valid():
        messages.error(
            request,
            form.name_message()
            if form.name_warning
            else _("A follow-up action needs what, an owner of this network and a date."),
        )
        return redirect("casework:discussion", slug=slug, pk=pk)
    try:
        actions.do_add_follow_up(found, acting_user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up action is added."))
    return redirect("casework:discussion", slug=slug, pk=pk)


@login_required
@require_POST
def lesson_add(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, found = _discussion_for_edit(request, slug, pk)
    form = LessonForm(request.POST, region=region)
    if not form.is_valid():
        messages.error(
            request, form.name_message() if form.name_warning else _("Write the lesson.")
        )
        return redirect("casework:discussion", slug=slug, pk=pk)
    try:
        actions.do_add_lesson(found, text=form.cleaned_data["text"], acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("casework:discussion", slug=slug, pk=pk)


@login_required
@require_POST
def lesson_propose(request: AuthedRequest, slug: str, pk: int, lesson_pk: int) -> HttpResponse:
    _region, found = _discussion_for_edit(request, slug, pk)
    lesson = get_object_or_404(Lesson, discussion=found, pk=lesson_pk)
    try:
        actions.do_lesson_to_proposal(lesson, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The lesson went to the steering group as a proposal."))
    return redirect("casework:discussion", slug=slug, pk=pk)
