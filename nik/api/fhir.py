"""FHIR R4 endpoints under /fhir/r4/: the same access rules and audit as the pages."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from fhirclient.models import capabilitystatement, fhirdatetime, operationoutcome

from nik.careplans import fhir
from nik.careplans.models import CarePlan
from nik.core import limits
from nik.core.auth import AuthedRequest
from nik.core.models import AuditAction, Membership, Role
from nik.families import access as family_access

from .auth import bearer_user

FHIR_JSON = "application/fhir+json"
logger = logging.getLogger(__name__)


def _respond(resource: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(resource.as_json()), status=status, content_type=FHIR_JSON)


def outcome(message: str, code: str = "invalid", status: int = 400) -> HttpResponse:
    issue = operationoutcome.OperationOutcomeIssue()
    issue.severity, issue.code, issue.diagnostics = "error", code, message
    result = operationoutcome.OperationOutcome()
    result.issue = [issue]
    return _respond(result, status)


def _authenticated(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = bearer_user(request)
        if user is None:
            return outcome(
                "Send a valid API token as 'Authorization: Bearer <token>'.", "login", 401
            )
        request.user = user
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return outcome("Not found, or not yours to see.", "not-found", 404)
        except fhir.FhirError as error:
            return outcome(error.message, error.code, 400)

    return wrapper


@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    statement = capabilitystatement.CapabilityStatement()
    statement.status, statement.kind, statement.fhirVersion = "active", "instance", "4.0.1"
    statement.date = fhirdatetime.FHIRDateTime("2026-11-22")
    statement.format = ["json"]
    rest = capabilitystatement.CapabilityStatementRest()
    rest.mode = "server"
    rest.resource = []
    for kind, interactions in (("Patient", ["read"]), ("CarePlan", ["read"])):
        res = capabilitystatement.CapabilityStatementRestResource()
        res.type = kind
        res.interaction = []
        for code in interactions:
            item = capabilitystatement.CapabilityStatementRestResourceInteraction()
            item.code = code
            res.interaction.append(item)
        rest.resource.append(res)
    everything = capabilitystatement.CapabilityStatementRestResourceOperation()
    everything.name, everything.definition = (
        "everything",
        "http://hl7.org/fhir/OperationDefinition/Patient-everything",
    )
    rest.resource[0].operation = [everything]
    transaction_ = capabilitystatement.CapabilityStatementRestInteraction()
    transaction_.code = "transaction"
    rest.interaction = [transaction_]
    statement.rest = [rest]
    return _respond(statement)


@require_GET
@_authenticated
def patient_everything(request: HttpRequest, pk: int) -> HttpResponse:
    family = family_access.open_family(
        request.user, pk, AuditAction.EXPORT, purpose="FHIR $everything", scope="care_plan"
    )
    return _respond(fhir.everything(family))


@login_required
@require_GET
def everything_download(request: AuthedRequest, pk: int) -> HttpResponse:
    """The family's `Patient/$everything` bundle as a file, for a signed-in person whom the door
    lets see the plan (the case manager, the coordinator, a team member with consent): the same
    bundle the API gives, opened and audited as an export."""
    family = family_access.open_family(
        request.user, pk, AuditAction.EXPORT, purpose="FHIR download", scope="care_plan"
    )
    try:
        result = fhir.everything(family)
    except fhir.FhirError:
        messages.error(
            request, _("There is nothing to export yet: the child's details are missing.")
        )
        return redirect("families:family_detail", family.pk)
    response = HttpResponse(json.dumps(result.as_json(), indent=2), content_type=FHIR_JSON)
    # The family's number, not the child's name: the name of a file is seen in more places.
    filename = f"nik-gezin-{family.pk}-fhir-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@_authenticated
def careplan_read(request: HttpRequest, pk: int) -> HttpResponse:
    plan = family_access.open_object(
        request.user,
        CarePlan.objects.select_related("family"),
        pk,
        AuditAction.EXPORT,
        purpose="FHIR CarePlan",
        scope="care_plan",
    )
    family = plan.family
    version = plan.published() or plan.draft()
    if version is None or family is None:
        raise Http404
    return _respond(fhir.careplan_resource(version))


@csrf_exempt
@require_POST
@_authenticated
def transaction(request: AuthedRequest) -> HttpResponse:
    """A transaction bundle creates or updates a family and its plan in the caller's region."""
    coordinated = [
        m.region
        for m in Membership.objects.filter(user=request.user, role=Role.COORDINATOR).select_related(
            "region"
        )
    ]
    slug = request.GET.get("region")
    regions = [r for r in coordinated if not slug or r.slug == slug]
    if len(regions) != 1:
        return outcome(
            "Only a coordinator imports; name the region with ?region=<slug> when you coordinate several.",
            "forbidden",
            403,
        )
    try:
        data = limits.load_json(request.body, max_depth=64)
    except limits.BadInput as error:
        return outcome(error.message, "structure", 400)
    try:
        family = fhir.import_bundle(data, region=regions[0], acting_user=request.user)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as error:
        # A shape the named checks in import_bundle do not know yet: still a 400 (the
        # transaction rolled back), and logged so the check can be added.
        logger.exception("FHIR import: unexpected shape")
        return outcome(f"The bundle could not be read ({type(error).__name__}).", "structure", 400)
    return _respond(fhir.everything(family), 200)


@require_GET
def healthcare_services(request: HttpRequest) -> HttpResponse:
    """The wegwijzer as FHIR HealthcareService resources (public, like the wegwijzer), paged with _count and page."""
    from fhirclient.models import (
        bundle,
        codeableconcept,
        coding,
        contactpoint,
        fhirreference,
        healthcareservice,
    )

    from nik.directory.models import Category, Service

    try:
        page, count = limits.paging(request.GET, size_name="_count")
    except limits.BadInput as error:
        return outcome(error.message, "invalid", 400)
    found = Service.objects.select_related("organization").order_by("name", "id")
    if request.GET.get("service-category"):
        if request.GET["service-category"] not in Category.values:
            return outcome("Unknown service-category.", "code-invalid", 400)
        found = found.filter(category=request.GET["service-category"])
    if request.GET.get("name"):
        found = found.filter(name__icontains=request.GET["name"][:100])
    labels = dict(Category.choices)
    result = bundle.Bundle()
    result.type = "searchset"
    result.total = found.count()
    result.entry = []
    for s in found[(page - 1) * count : page * count]:
        res = healthcareservice.HealthcareService()
        res.id = str(s.pk)
        res.active = True
        res.name = s.name
        res.comment = s.description[:1000]
        res.providedBy = fhirreference.FHIRReference()
        res.providedBy.display = s.organization.name
        concept = codeableconcept.CodeableConcept()
        concept.coding = [coding.Coding()]
        concept.coding[0].system = "https://nik.example/fhir/CodeSystem/wegwijzer-category"
        concept.coding[0].code = s.category
        concept.coding[0].display = str(labels[s.category])
        res.category = [concept]
        telecom = []
        for system, value in (("phone", s.phone), ("email", s.email), ("url", s.website)):
            if value:
                point = contactpoint.ContactPoint()
                point.system, point.value = system, value
                telecom.append(point)
        res.telecom = telecom or None
        if s.for_whom:
            res.extraDetails = f"{s.for_whom} ({s.age_min}–{s.age_max})"
        entry = bundle.BundleEntry()
        entry.fullUrl = request.build_absolute_uri(f"/fhir/r4/HealthcareService/{s.pk}")
        entry.resource = res
        result.entry.append(entry)
    result.entry = result.entry or None
    return _respond(result)
