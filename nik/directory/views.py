"""The wegwijzer's pages: public search and details, reports, the owner's confirmation, the coordinator's upkeep."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.forms import SearchPicker, picker_rows
from nik.core.models import Region

from . import actions, search, synonyms
from .forms import ReportForm, SearchForm, ServiceForm
from .models import STALE_AFTER, Category, Service, ServiceReport
from .selectors import PAGE_SIZE, find, pickable, picked


def _carried(query: QueryDict) -> dict[str, str]:
    """The search a visitor came from, as the search form reads it: only its own fields with
    valid values, and the wegwijzer it was ("in", a region's slug). A service page links back
    to it; the link is always built from our own addresses (never an address from the query)."""
    form = SearchForm(query)
    if not form.is_valid():
        return {}
    carried = {k: str(v) for k, v in form.cleaned_data.items() if v not in ("", None)}
    page = query.get("page", "")
    if page.isdigit() and len(page) <= 5:
        carried["page"] = page
    slug = query.get("in", "")
    if re.fullmatch(r"[-\w]{1,50}", slug):
        carried["in"] = slug
    return carried


def _back_url(carried: dict[str, str], service: Service) -> str:
    """Back to the search the visitor came from, or else to the service's wegwijzer."""
    params = {k: v for k, v in carried.items() if k != "in"}
    region = Region.objects.filter(slug=carried["in"]).first() if "in" in carried else None
    if region is not None:
        url = reverse("directory:regional", args=[region.slug])
    elif params or not service.region:
        url = reverse("directory:national")
    else:
        url = reverse("directory:regional", args=[service.region.slug])
    return f"{url}?{urlencode(params)}#results" if params else url


def _search_page(request: HttpRequest, region: Region | None) -> HttpResponse:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    carried = _carried(request.GET) if request.GET else {}
    if carried and region is not None:
        carried["in"] = region.slug
    else:
        carried.pop("in", None)
    services, point, problem = find(data, region)
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        (s, search.km(getattr(s, "distance2", None)), s.last_confirmed < today - STALE_AFTER)
        for s in page.object_list
    ]
    return render(
        request,
        "directory/search.html",
        {
            "region": region,
            "form": form,
            "page": page,
            "rows": rows,
            "point": point,
            "problem": problem,
            "searched": bool(request.GET),
            "suggestion": _suggestion(request, data) if not rows else None,
            # Each result's link carries the search, so its page can lead back to it.
            "carry": urlencode(carried),
        },
    )


def _suggestion(request: HttpRequest, data: dict[str, Any]) -> tuple[str, str] | None:
    """For a search that found nothing: the kind of help its words come closest to, as a link
    (label, query string) that searches that kind with the same place and age."""
    query = data.get("q", "")
    kinds, _rest = synonyms.kinds_in(query)
    kind = (sorted(kinds)[0] if kinds else None) or synonyms.nearest_kind(query)
    if kind is None or kind == data.get("category"):
        return None
    params = request.GET.copy()
    for key in ("q", "page", "category"):
        params.pop(key, None)
    params["category"] = kind
    return str(Category(kind).label), params.urlencode()


@require_GET
def national(request: HttpRequest) -> HttpResponse:
    return _search_page(request, None)


@require_GET
def regional(request: HttpRequest, slug: str) -> HttpResponse:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    return _search_page(request, region)


@require_http_methods(["GET", "POST"])
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = Service.objects.select_related("organization", "region").filter(pk=pk).first()
    if service is None:
        raise Http404
    carried = _carried(request.GET)
    carry = urlencode(carried)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_report(
            service, message=form.cleaned_data["message"], email=form.cleaned_data["email"]
        )
        messages.success(request, _("Thank you. We will check it."))
        url = reverse("directory:service", args=[service.pk])
        return redirect(f"{url}?{carry}" if carry else url)
    return render(
        request,
        "directory/service.html",
        {
            "service": service,
            "stale": service.is_stale(),
            "form": form,
            "back_url": _back_url(carried, service),
        },
    )


@require_GET
def service_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry as a PDF page to print: what a print button gives without JavaScript."""
    from weasyprint import HTML

    service = Service.objects.select_related("organization", "region").filter(pk=pk).first()
    if service is None:
        raise Http404
    html = render_to_string(
        "directory/service_pdf.html",
        {"service": service, "printed": timezone.localtime()},
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wegwijzer-{service.pk}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """The owner's link from the reminder: confirm in one click, or correct and confirm."""
    service = Service.objects.filter(pk=pk).first()
    if service is None or key != service.confirm_key():
        return render(
            request,
            "directory/confirm.html",
            {
                "error": _(
                    "This link is not valid any more. The service may have been confirmed already."
                )
            },
            status=410,
        )
    form = ServiceForm(request.POST or None, instance=service, region=service.region)
    if request.method == "POST":
        if request.POST.get("confirm_only"):
            actions.do_confirm_service(service, acting_user=None)
            return render(request, "directory/confirm.html", {"done": True, "service": service})
        if form.is_valid():
            updated = form.save(commit=False)
            updated.last_confirmed = timezone.localdate()
            actions.do_save_service(updated, acting_user=None)
            return render(request, "directory/confirm.html", {"done": True, "service": updated})
    return render(request, "directory/confirm.html", {"service": service, "form": form})


@login_required
@require_GET
def manage(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "wegwijzer upkeep")
    limit = timezone.localdate() - STALE_AFTER
    stale = (
        region.services.filter(last_confirmed__lt=limit)
        .select_related("organization")
        .order_by("last_confirmed")
    )
    reports = ServiceReport.objects.filter(
        service__region=region, resolved_at__isnull=True
    ).select_related("service")
    return render(
        request,
        "directory/manage.html",
        {
            "region": region,
            "stale": stale,
            "reports": reports,
            "count": region.services.count(),
            "categories": Category.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "edit wegwijzer service")
    service = region.services.filter(pk=pk).first() if pk else Service(region=region)
    if service is None:
        raise Http404
    form = ServiceForm(request.POST or None, instance=service, region=region)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.region = region
        saved.last_confirmed = timezone.localdate()
        actions.do_save_service(saved, acting_user=request.user)
        messages.success(request, _("The service is saved and confirmed for today."))
        return redirect("directory:service", pk=saved.pk)
    return render(request, "directory/service_form.html", {"region": region, "form": form})


@require_GET
def booklet(request: HttpRequest, slug: str) -> HttpResponse:
    """The region's wegwijzer as a PDF booklet, grouped by kind of help."""
    from weasyprint import HTML

    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    services = (
        Service.objects.filter(Q(region=region) | Q(region__isnull=True))
        .select_related("organization")
        .order_by("category", "name")
    )
    groups: dict[str, list[Service]] = {}
    for s in services:
        groups.setdefault(s.category, []).append(s)
    labels = dict(Category.choices)
    html = render_to_string(
        "directory/booklet.html",
        {
            "region": region,
            "groups": [(labels[c], groups[c]) for c, _l in Category.choices if c in groups],
            "printed": timezone.localtime(),
            # The network's public page: how to reach it, with the contact form.
            "contact_url": request.build_absolute_uri(reverse("network_page", args=[region.slug])),
        },
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wegwijzer-{region.slug}.pdf"'
    return response


@login_required
@require_GET
def pick(request: AuthedRequest, slug: str) -> HttpResponse:
    """The rows of a service picker (`core.forms.SearchPicker`) that match what was typed, the
    chosen ones first. Wegwijzer services are public; a sign-in keeps this for forms."""
    region = Region.objects.filter(slug=slug).first()
    field = request.GET.get("field", "")
    if region is None or not re.fullmatch(r"[\w-]{1,80}", field):
        raise Http404
    # Filtered in the database: a keystroke never loads the whole wegwijzer.
    chosen = picked(region, request.GET.getlist(field))
    words = request.GET.get(f"{field}__search", "").split()[:5]
    matches = pickable(region, words=words, limit=SearchPicker.shown + len(chosen))
    rows = picker_rows(
        list(dict(chosen + matches).items()), {k for k, _n in chosen}, "", SearchPicker.shown
    )
    return render(
        request,
        "core/widgets/_search_picker_rows.html",
        {"rows": rows, "name": field, "multiple": not request.GET.get("one")},
    )
