from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from nik.core import access
from nik.core.models import AuditAction


@login_required
@require_GET
def family_detail(request: HttpRequest, pk: int) -> HttpResponse:
    family = access.open_family(request.user, pk, AuditAction.VIEW, purpose="family page")
    return render(request, "families/family_detail.html", {"family": family})
