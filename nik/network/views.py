"""The region's photo: register, problem statement, target group, stakeholders, gaps, graph."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access, imports
from nik.core.auth import AuthedRequest
from nik.core.concurrency import save_or_explain
from nik.core.forms import model_choice
from nik.core.models import Membership, Organization, Professional, Region
from nik.core.paging import keyset_page, other_params
from nik.core.xlsx import XLSX_CONTENT_TYPE

from . import actions, excel, gaps, graph, stakeholders
from .forms import (
    AssessmentForm,
    CompareForm,
    ImportForm,
    OrganizationForm,
    ParticipantFormSet,
    ProblemStatementForm,
    ProfessionalForm,
    RegisterFilterForm,
    TargetGroupForm,
)
from .models import ProblemStatement, StakeholderAssessment, TargetGroup


def _region(request: AuthedRequest, slug: str) -> tuple[Region, bool]:
    region = access.open_region(request.user, slug, purpose="network register")
    return region, access.can_edit_region(request.user, region)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _flags(region: Region, professionals: list[Professional]) -> dict[int, tuple[bool, bool]]:
    """Ambassador and contact-person flags of each professional: from their account's role in
    this region, or named so in the cooperation agreement (kept on the professional)."""
    users = {p.user_id: p.pk for p in professionals if p.user_id}
    flags = {p.pk: (p.named_ambassador, p.named_contact_person) for p in professionals}
    for m in Membership.objects.filter(region=region, user_id__in=users):
        amb, contact = flags[users[m.user_id]]
        flags[users[m.user_id]] = (amb or m.ambassador, contact or m.contact_person)
    return flags


# The register ---------------------------------------------------------------------------


def _organizations(region: Region) -> QuerySet[Organization]:
    return region.organizations.select_related("municipality")


def _professionals(region: Region) -> QuerySet[Professional]:
    return region.professionals.select_related(
        "organization", "organization__municipality"
    ).prefetch_related("disciplines")


def filtered_organizations(region: Region, data: dict[str, Any]) -> QuerySet[Organization]:
    """The register's organisations that match the filters. A filter on their professionals is a
    subquery, not a join, so each organisation comes once without DISTINCT."""
    orgs = _organizations(region)
    if data.get("q"):
        orgs = orgs.filter(
            Q(name__icontains=data["q"])
            | Q(expertise__icontains=data["q"])
            | Q(contributes__icontains=data["q"])
        )
    if data.get("kind"):
        orgs = orgs.filter(kind=data["kind"])
    if data.get("municipality"):
        orgs = orgs.filter(municipality=data["municipality"])
    for key in ("discipline", "role"):
        if data.get(key):
            staff = filtered_professionals(region, {key: data[key]})
            orgs = orgs.filter(Exists(staff.filter(organization=OuterRef("pk"))))
    return orgs.order_by("name")


def filtered_professionals(region: Region, data: dict[str, Any]) -> QuerySet[Professional]:
    """The register's professionals that match the filters, each once (subqueries, no DISTINCT)."""
    people = _professionals(region)
    if data.get("q"):
        people = people.filter(
            Q(full_name__icontains=data["q"])
            | Q(job_title__icontains=data["q"])
            | Q(expertise__icontains=data["q"])
            | Q(organization__name__icontains=data["q"])
        )
    if data.get("kind"):
        people = people.filter(organization__kind=data["kind"])
    if data.get("municipality"):
        people = people.filter(organization__municipality=data["municipality"])
    if data.get("discipline"):
        people = people.filter(
            Exists(
                Professional.disciplines.through.objects.filter(
                    professional=OuterRef("pk"), discipline__code=data["discipline"]
                )
            )
        )
    role = data.get("role")
    held = Membership.objects.filter(region=region, user=OuterRef("user"))
    if role in ("ambassador", "contact_person"):
        people = people.filter(Exists(held.filter(**{role: True})) | Q(**{f"named_{role}": True}))
    elif role:
        people = people.filter(Exists(held.filter(role=role)))
    return people.order_by("full_name")


# A register is counted up to this many ("more than 10,000"): counting every row of a national
# register on each visit would cost more than the page.
COUNTED = 10_000


def _register(
    request: AuthedRequest,
    slug: str,
    filtered: Callable[[Region, dict[str, Any]], QuerySet[Any]],
    shown: Callable[[Region], QuerySet[Any]],
    order: tuple[str, str],
) -> dict[str, Any]:
    """A register list's page, filters and count, for its template.

    The ids of the matching rows are read first, unordered, up to COUNTED + 1: that is the
    count ("more than" past it). When no more match, the page is read from those ids (``shown``
    says how to read a row): walking the name index through every row to fill a page with the
    few a search matches took seconds on a register of 650,000. When more match, the page walks
    the index and stops at the page's end."""
    region, can_edit = _region(request, slug)
    form = RegisterFilterForm(request.GET or None, region=region)
    matching = filtered(region, form.cleaned_data if form.is_valid() else {})
    ids = list(matching.order_by().values_list("pk", flat=True)[: COUNTED + 1])
    rows = shown(region).filter(pk__in=ids) if len(ids) <= COUNTED else matching
    return {
        "region": region,
        "can_edit": can_edit,
        "form": form,
        "page": keyset_page(rows, order, request.GET.get("after", "")),
        "count": len(ids),
        "more_than": number_format(COUNTED, force_grouping=True) if len(ids) > COUNTED else "",
        "params": other_params(request.GET),
        "tab": "register",
    }


@login_required
@require_GET
def organization_list(request: AuthedRequest, slug: str) -> HttpResponse:
    context = _register(request, slug, filtered_organizations, _organizations, ("name", "pk"))
    orgs = context["page"].items
    # Professionals are counted for the page's organisations only.
    staff = dict(
        Professional.objects.filter(organization__in=orgs)
        .values_list("organization")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [(org, staff.get(org.pk, 0)) for org in orgs]
    return render(request, "network/organization_list.html", {**context, "rows": rows})


@login_required
@require_GET
def professional_list(request: AuthedRequest, slug: str) -> HttpResponse:
    context = _register(request, slug, filtered_professionals, _professionals, ("full_name", "pk"))
    people = context["page"].items
    flags = _flags(context["region"], people)
    rows = [(p, flags.get(p.pk, (False, False))) for p in people]
    return render(request, "network/professional_list.html", {**context, "rows": rows})


@login_required
@require_GET
def contacts_export(request: AuthedRequest, slug: str) -> HttpResponse:
    region, _can_edit = _region(request, slug)
    form = RegisterFilterForm(request.GET or None, region=region)
    data = form.cleaned_data if form.is_valid() else {}
    people = list(filtered_professionals(region, data))
    actions.do_export(region, acting_user=request.user, what="core.professional", rows=len(people))
    return _xlsx(
        excel.contacts_xlsx(people, _flags(region, people)), f"contactlijst-{region.slug}.xlsx"
    )


def _organization(region: Region, pk: int) -> Organization:
    org = Organization.objects.filter(region=region, pk=pk).select_related("municipality").first()
    if org is None:
        raise Http404
    return org


@login_required
@require_GET
def organization_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, can_edit = _region(request, slug)
    org = _organization(region, pk)
    people = list(org.professionals.prefetch_related("disciplines").order_by("full_name"))
    flags = _flags(region, people)
    return render(
        request,
        "network/organization_detail.html",
        {
            "region": region,
            "can_edit": can_edit,
            "org": org,
            "rows": [(p, flags.get(p.pk, (False, False))) for p in people],
            "assessments": org.stakeholder_assessments.order_by("-assessed_on")[:5],
            "tab": "register",
        },
    )


@login_required
@require_GET
def professional_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, can_edit = _region(request, slug)
    person = (
        Professional.objects.filter(region=region, pk=pk)
        .select_related("organization", "organization__municipality")
        .prefetch_related("disciplines")
        .first()
    )
    if person is None:
        raise Http404
    return render(
        request,
        "network/professional_detail.html",
        {
            "region": region,
            "can_edit": can_edit,
            "person": person,
            "flags": _flags(region, [person]).get(person.pk, (False, False)),
            "tab": "register",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug)
    org = _organization(region, pk) if pk else Organization(region=region)
    form = OrganizationForm(request.POST or None, instance=org, region=region)
    if request.method == "POST" and form.is_valid():
        saved = save_or_explain(
            form,
            lambda: actions.do_save_organization(
                form.save(commit=False),
                acting_user=request.user,
                seen_version=form.seen_version(),
                fields=list(form.Meta.fields),
            ),
        )
        if saved:
            messages.success(request, _("The organisation is saved."))
            return redirect("network:organization_detail", slug=region.slug, pk=saved.pk)
    return render(
        request,
        "network/edit_form.html",
        {
            "region": region,
            "form": form,
            "title": org.name or _("New organisation"),
            "tab": "register",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def professional_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug)
    person = (
        Professional.objects.filter(region=region, pk=pk).first()
        if pk
        else Professional(region=region)
    )
    if person is None:
        raise Http404
    form = ProfessionalForm(request.POST or None, instance=person, region=region)
    if request.method == "POST" and form.is_valid():
        fields = [f for f in form.Meta.fields if f != "disciplines"]
        saved = save_or_explain(
            form,
            lambda: actions.do_save_professional(
                form.save(commit=False),
                acting_user=request.user,
                seen_version=form.seen_version(),
                fields=fields,
                disciplines=list(form.cleaned_data["disciplines"]),
            ),
        )
        if saved:
            messages.success(request, _("The professional is saved."))
            return redirect("network:professional_detail", slug=region.slug, pk=saved.pk)
    return render(
        request,
        "network/edit_form.html",
        {
            "region": region,
            "form": form,
            "title": person.full_name or _("New professional"),
            "tab": "register",
        },
    )


# Step 1: the problem statement ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def problem_statement(request: AuthedRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    statement = ProblemStatement.objects.filter(region=region).first() or ProblemStatement(
        region=region
    )
    editing = can_edit and (request.method == "POST" or request.GET.get("edit") == "1")
    form = formset = None
    if request.method == "POST" and not can_edit:
        access.open_region_for_edit(request.user, slug)  # logs and refuses
    if editing:
        form = ProblemStatementForm(request.POST or None, instance=statement)
        formset = ParticipantFormSet(request.POST or None, instance=statement, prefix="p")
        for f in formset.forms:
            model_choice(f, "organization").queryset = region.organizations.all()
        if request.method == "POST" and form.is_valid() and formset.is_valid():
            saved = save_or_explain(
                form,
                lambda: actions.do_save_problem_statement(
                    form.save(commit=False),
                    acting_user=request.user,
                    seen_version=form.seen_version(),
                ),
            )
            if saved:
                formset.instance = saved
                formset.save()
                messages.success(request, _("The problem statement is saved."))
                return redirect("network:problem_statement", slug=region.slug)
    return render(
        request,
        "network/problem_statement.html",
        {
            "region": region,
            "can_edit": can_edit,
            "statement": statement,
            "participants": list(statement.participants.select_related("organization"))
            if statement.pk
            else [],
            "parents_took_part": statement.pk is not None and statement.parents_took_part(),
            "form": form,
            "formset": formset,
            "tab": "problem",
        },
    )


# Target group ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def target_group(request: AuthedRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    versions = list(TargetGroup.objects.filter(region=region).select_related("created_by"))
    current = versions[0] if versions else None
    form = None
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug)
    if can_edit:
        initial = (
            {} if current is None else {f: getattr(current, f) for f in TargetGroupForm.Meta.fields}
        )
        form = TargetGroupForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            actions.do_new_target_group_version(
                region, acting_user=request.user, values=form.cleaned_data
            )
            messages.success(request, _("The target group is saved as a new version."))
            return redirect("network:target_group", slug=region.slug)
    return render(
        request,
        "network/target_group.html",
        {
            "region": region,
            "can_edit": can_edit,
            "current": current,
            "versions": versions,
            "form": form,
            "tab": "target",
        },
    )


# Stakeholder analysis -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_grid(request: AuthedRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    compare = CompareForm(request.GET or None)
    date_from = date_to = None
    if compare.is_valid():
        date_from, date_to = compare.cleaned_data["date_from"], compare.cleaned_data["date_to"]
    form = AssessmentForm(request.POST or None, region=region) if can_edit else None
    if request.method == "POST":
        access.open_region_for_edit(request.user, slug)
        if form is not None and form.is_valid():
            actions.do_add_assessment(form.save(commit=False), acting_user=request.user)
            messages.success(request, _("The assessment is saved."))
            return redirect("network:stakeholders", slug=region.slug)
    items = stakeholders.movements(region, date_from, date_to)
    title = (
        _("Movement from %(a)s to %(b)s")
        % {"a": date_format(date_from, "j F Y"), "b": date_format(date_to, "j F Y")}
        if date_from and date_to
        else _("Now and desired")
    )
    dates = list(
        StakeholderAssessment.objects.filter(region=region)
        .order_by("assessed_on")
        .values_list("assessed_on", flat=True)
        .distinct()
    )
    return render(
        request,
        "network/stakeholders.html",
        {
            "region": region,
            "can_edit": can_edit,
            "items": items,
            "svg": stakeholders.grid_svg(items, title) if items else "",
            "title": title,
            "compare": compare,
            "comparing": bool(date_from and date_to),
            "dates": dates,
            "form": form,
            "import_form": ImportForm(),
            "tab": "stakeholders",
        },
    )


@login_required
@require_POST
def stakeholder_import(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="stakeholder import")
    return imports.start_from_upload(request, region, "stakeholders")


@login_required
@require_GET
def stakeholder_export(request: AuthedRequest, slug: str) -> HttpResponse:
    region, _can_edit = _region(request, slug)
    content = excel.stakeholders_xlsx(region)
    actions.do_export(
        region,
        acting_user=request.user,
        what="network.stakeholderassessment",
        rows=StakeholderAssessment.objects.filter(region=region).count(),
    )
    return _xlsx(content, f"stakeholders-{region.slug}.xlsx")


# White spots and the graph --------------------------------------------------------------


@login_required
@require_GET
def gap_matrix(request: AuthedRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    report = gaps.analyse(region)
    return render(
        request,
        "network/gaps.html",
        {"region": region, "can_edit": can_edit, "report": report, "tab": "gaps"},
    )


@login_required
@require_GET
def network_graph(request: AuthedRequest, slug: str) -> HttpResponse:
    region, can_edit = _region(request, slug)
    report = graph.region_graph(region)
    nodes, edges = graph.layout(report)
    ids = {f"o{pk}": pk for pk in region.organizations.values_list("pk", flat=True)}
    return render(
        request,
        "network/graph.html",
        {
            "region": region,
            "can_edit": can_edit,
            "report": report,
            "nodes": nodes,
            "edges": edges,
            "org_ids": ids,
            "tab": "graph",
        },
    )
