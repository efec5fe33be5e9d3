"""Health check, the favicon, the lockout page, an import's progress and the API tokens page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core.auth import AuthedRequest

from . import access, actions
from .forms import ApiTokenForm


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@cache_control(max_age=86400, public=True)
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, which browsers and bookmark lists ask for whatever the page links."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this when an account is locked after too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/locked_out.html", {"minutes": minutes}, status=429)


@login_required
@require_GET
def import_job(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """An import's progress while it runs (the page asks again every second), then its report."""
    from . import imports

    region = access.open_region_for_edit(request.user, slug, purpose="import")
    job = imports.open_job(region, pk)
    if job is None:
        raise Http404
    importer = imports.IMPORTERS.get(job.kind)
    return render(
        request,
        "core/import_job.html",
        {
            "region": region,
            "job": job,
            "errors": job.errors if job.finished else [],
            "label": importer.label if importer else job.kind,
            "back": reverse(importer.back, args=[region.slug]) if importer else "",
        },
    )


@never_cache  # the page that shows a new token once must never be kept by a cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthedRequest) -> HttpResponse:
    """A coordinator's own API tokens (an administrator's page shows everyone's): make one,
    seen once, with an expiry; revoke one."""
    access.open_token_page(request.user)
    form = ApiTokenForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, key = actions.do_issue_api_token(
                request.user,
                label=form.cleaned_data["label"],
                days=form.cleaned_data["days"],
                acting_user=request.user,
            )
            # Shown in this answer only: no redirect, so the key never waits in a session.
            context.update(new_token=token, new_key=key, form=ApiTokenForm())
        else:
            status = 400
    now = timezone.now()
    context["tokens"] = [
        {"token": token, "state": token.state(now)} for token in access.visible_tokens(request.user)
    ]
    context["everyone"] = access.is_token_admin(request.user)
    return render(request, "core/api_tokens.html", context, status=status)


@login_required
@require_POST
def api_token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = access.open_token(request.user, pk, purpose="revoke API token")
    if actions.do_revoke_api_token(token, acting_user=request.user):
        messages.success(
            request, _("The token “%(label)s” is revoked.") % {"label": token.label or "—"}
        )
    return redirect("api_tokens")
