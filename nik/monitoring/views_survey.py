"""Surveys: the public answer page behind a single-use link (no account), and the coordinator's
invitations. Results live on the results page, only for groups of at least five answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access, audit
from nik.core.auth import AuthedRequest
from nik.core.models import AuditAction

from . import surveys
from .instruments import FAMILIES, instrument_of
from .models import Response


def _closed(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A link that cannot be used (unknown, used, expired): why, in words, with 410 Gone."""
    return render(
        request, "monitoring/survey_closed.html", {"message": " ".join(error.messages)}, status=410
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey of a link: the questions in the reader's language, conditional ones shown when
    they apply; saved once, anonymously."""
    try:
        invitation = surveys.open_invitation(token)
    except ValidationError as error:
        return _closed(request, error)
    instrument = instrument_of(invitation.region, invitation.instrument, invitation.version)
    if instrument is None:
        raise Http404
    answers: dict = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        answers, errors = surveys.clean_answers(instrument, request.POST)
        if not errors:
            try:
                surveys.do_answer(token, answers)
            except ValidationError as error:
                return _closed(request, error)
            return render(request, "monitoring/survey_thanks.html", {"region": invitation.region})
    shown = instrument.shown(dict(request.POST.items()) if request.method == "POST" else {})
    return render(
        request,
        "monitoring/survey.html",
        {
            "instrument": instrument,
            "region": invitation.region,
            "items": [
                (i, errors.get(i.key), request.POST.getlist(i.key)) for i in instrument.items
            ],
            "shown": {i.key for i in shown},
            "for_families": instrument.audience == FAMILIES,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def invite(request: AuthedRequest, slug: str, key: str) -> HttpResponse:
    """Invite the group a survey is for (built-in or the region's own, by its key)."""
    region = access.open_region_as_coordinator(request.user, slug, purpose="surveys")
    instrument = instrument_of(region, key)
    if instrument is None:
        raise Http404
    base_url = request.build_absolute_uri("/")
    invite_group = (
        surveys.do_invite_families
        if instrument.audience == FAMILIES
        else surveys.do_invite_professionals
    )
    try:
        n = invite_group(region, base_url=base_url, acting_user=request.user, survey=key)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitations sent: %(n)s.") % {"n": n})
    return redirect("monitoring:surveys", slug=slug)


def _export_rows(region: Any, key: str) -> tuple[Any, list[Any]]:
    """A survey (its latest published version) and the answers given to that version."""
    instrument = instrument_of(region, key)
    if instrument is None:
        raise Http404
    rows = list(
        Response.objects.filter(region=region, instrument=key, version=instrument.version)
        .order_by("submitted_on", "pk")
        .values_list("submitted_on", "answers")
    )
    return instrument, rows


@login_required
@require_GET
def export(request: AuthedRequest, slug: str, key: str, kind: str) -> HttpResponse:
    """A survey's answers for the region's coordinators: FHIR (Questionnaire or a Bundle of
    QuestionnaireResponses) or .xlsx; answers only from five (the group rule), logged as an export."""
    import json

    from nik.core.xlsx import XLSX_CONTENT_TYPE, write_tables

    from .fhir import questionnaire_of, responses_bundle

    region = access.open_region_as_coordinator(request.user, slug, purpose="survey export")
    instrument, rows = _export_rows(region, key)
    if kind == "questionnaire.json":
        return HttpResponse(
            json.dumps(questionnaire_of(instrument).as_json()), content_type="application/fhir+json"
        )
    if kind not in ("responses.json", "responses.xlsx"):
        raise Http404
    if len(rows) < surveys.GROUP:
        messages.error(request, _("Too few answers to export (at least 5)."))
        return redirect("monitoring:dashboard", slug=slug)
    audit.record(
        action=AuditAction.EXPORT,
        event="survey.exported",
        user=request.user,
        region=region,
        object_type="monitoring.response",
        object_id=key,
        details={"answers": len(rows), "format": kind},
    )
    if kind == "responses.json":
        body = json.dumps(responses_bundle(instrument, rows).as_json())
        response = HttpResponse(body, content_type="application/fhir+json")
    else:
        columns = [_("Day"), *(i.key for i in instrument.items)]
        table = [
            [
                day,
                *(
                    ", ".join(v) if isinstance(v := a.get(i.key, ""), list) else v
                    for i in instrument.items
                ),
            ]
            for day, a in rows
        ]
        response = HttpResponse(
            write_tables([(instrument.key, columns, table, [12])]), content_type=XLSX_CONTENT_TYPE
        )
    response["Content-Disposition"] = f'attachment; filename="{region.slug}-{key}-{kind}"'
    return response
