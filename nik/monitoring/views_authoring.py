"""The region's surveys for its coordinators: the built-in ones and their own, written here in
versions, with a readability hint for the families' questions; invitations and exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.concurrency import save_or_explain
from nik.core.models import Region

from . import readability, surveys
from .authoring import ItemFormSet, SurveyForm, initial_of, items_of
from .instruments import FAMILIES, INSTRUMENTS
from .models import Response, Survey


@login_required
@require_GET
def survey_list(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="surveys")
    answered = dict(
        Response.objects.filter(region=region)
        .values_list("instrument")
        .annotate(n=Count("pk"))
        .values_list("instrument", "n")
    )
    own: dict[str, list[Survey]] = {}
    for survey in Survey.objects.filter(region=region).order_by("key", "-number"):
        own.setdefault(survey.key, []).append(survey)
    return render(
        request,
        "monitoring/surveys.html",
        {
            "region": region,
            "built_in": [(i, answered.get(i.key, 0)) for i in INSTRUMENTS.values()],
            "own": [(versions, answered.get(key, 0)) for key, versions in own.items()],
        },
    )


def _hints(survey: Survey) -> dict[str, Any]:
    text = " ".join(i["nl"] for i in survey.items)
    return {
        "score": readability.flesch_douma(text) if text else None,
        "target": readability.B1,
        "items": [(i, readability.hint(i["nl"])) for i in survey.items],
    }


def _edit(request: AuthedRequest, region: Region, survey: Survey) -> HttpResponse:
    form = SurveyForm(request.POST or None, instance=survey)
    if survey.pk:
        form.fields["audience"].disabled = True  # a survey keeps its group over its versions
    if request.method == "POST":
        items = ItemFormSet(request.POST, prefix="q")
    else:
        items = ItemFormSet(initial=initial_of(survey.items), prefix="q")
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            questions = items_of(items)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            saved = save_or_explain(
                form,
                lambda: surveys.do_save_survey(
                    form.save(commit=False),
                    seen=form.seen_version(),
                    items=questions,
                    acting_user=request.user,
                ),
            )
            if saved is not None:
                messages.success(request, _("The draft is saved."))
                return redirect("monitoring:survey_edit", slug=region.slug, pk=saved.pk)
    return render(
        request,
        "monitoring/survey_edit.html",
        {
            "region": region,
            "survey": survey,
            "form": form,
            "items": items,
            "hints": _hints(survey) if survey.items else None,
            "for_families": survey.audience == FAMILIES,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="surveys")
    return _edit(request, region, Survey(region=region, audience=FAMILIES))


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="surveys")
    survey = get_object_or_404(Survey, pk=pk, region=region)
    if not survey.is_draft:
        if request.method == "POST":
            messages.error(request, _("This version is published and cannot be changed any more."))
            return redirect("monitoring:survey_edit", slug=slug, pk=pk)
        return render(
            request,
            "monitoring/survey_view.html",
            {"region": region, "survey": survey, "hints": _hints(survey)},
        )
    return _edit(request, region, survey)


@login_required
@require_POST
def survey_publish(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="surveys")
    survey = get_object_or_404(Survey, pk=pk, region=region)
    surveys.do_publish_survey(survey, acting_user=request.user)
    messages.success(request, _("Published: invitations from now on use this version."))
    return redirect("monitoring:surveys", slug=slug)


@login_required
@require_POST
def survey_new_version(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="surveys")
    survey = get_object_or_404(Survey, pk=pk, region=region)
    draft = surveys.do_new_version(survey, acting_user=request.user)
    return redirect("monitoring:survey_edit", slug=slug, pk=draft.pk)
