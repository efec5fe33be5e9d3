"""Health check, the favicon, the lockout page and an import's progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from nik.core.auth import AuthedRequest

from . import access


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
