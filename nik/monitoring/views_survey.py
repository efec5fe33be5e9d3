"""Surveys: the public answer page behind a single-use link (no account), and the coordinator's
invitations. Results live on the results page, only for groups of at least five answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest

from . import surveys
from .instruments import FAMILIES, INSTRUMENTS


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey of a link: the questions in the reader's language, conditional ones shown when
    they apply; saved once, anonymously."""
    try:
        invitation = surveys.open_invitation(token)
    except ValidationError as error:
        return render(
            request,
            "monitoring/survey_closed.html",
            {"message": " ".join(error.messages)},
            status=410,
        )
    instrument = INSTRUMENTS[invitation.instrument]
    answers: dict = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        answers, errors = surveys.clean_answers(instrument, request.POST)
        if not errors:
            try:
                surveys.do_answer(token, answers)
            except ValidationError as error:
                return render(
                    request,
                    "monitoring/survey_closed.html",
                    {"message": " ".join(error.messages)},
                    status=410,
                )
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
def invite(request: AuthedRequest, slug: str, audience: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="surveys")
    base_url = request.build_absolute_uri("/")
    try:
        if audience == "families":
            n = surveys.do_invite_families(region, base_url=base_url, acting_user=request.user)
        else:
            n = surveys.do_invite_professionals(region, base_url=base_url, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitations sent: %(n)s.") % {"n": n})
    return redirect("monitoring:dashboard", slug=slug)
