"""The family's plan as FHIR R4 (4.0.1), built and parsed with `fhirclient` models.

Export: a Bundle with Patient, RelatedPerson, Organization, Practitioner, PractitionerRole,
CareTeam, Goal, CarePlan (activities) and Consent, every reference resolving inside it
(`urn:uuid:` full URLs made from stable natural keys, so the same data exports the same).
Import: the same bundle as a transaction creates or updates the family and its plan, all or nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from fhirclient.models import address as fhir_address
from fhirclient.models import (
    annotation,
    bundle,
    careplan,
    careteam,
    codeableconcept,
    coding,
    consent,
    contactpoint,
    extension,
    fhirabstractbase,
    fhirdate,
    fhirdatetime,
    fhirreference,
    goal,
    humanname,
    narrative,
    organization,
    patient,
    period,
    practitioner,
    practitionerrole,
    relatedperson,
)

from nik.core import audit
from nik.core.concurrency import lock
from nik.core.models import AuditAction, Organization, OrganizationKind, Professional, Region, User
from nik.families import actions as family_actions
from nik.families.models import (
    CareTeamMember,
    Child,
    Consent,
    ConsentScope,
    Family,
    Guardian,
    TeamRole,
    consent_giver_for_age,
)
from nik.network import actions as network_actions

from . import actions as plan_actions
from .content import DOMAINS, Action, Domain, Goal, PlanContent
from .events import PlanEvent
from .models import CarePlan, CarePlanVersion, VersionStatus

BASE = "https://nik.example/fhir"
CS_TEAM_ROLE = f"{BASE}/CodeSystem/team-role"
CS_DOMAIN = f"{BASE}/CodeSystem/plan-domain"
CS_CONSENT_SCOPE = f"{BASE}/CodeSystem/consent-scope"
CS_ORG_KIND = f"{BASE}/CodeSystem/organization-kind"
EXT_SECTION = f"{BASE}/StructureDefinition/plan-section"
EXT_DECISION_TOPIC = f"{BASE}/StructureDefinition/decision-topic"
EXT_DECISION_DATE = f"{BASE}/StructureDefinition/decision-date"
EXT_DECISION_AGREED = f"{BASE}/StructureDefinition/decision-agreed-by"
EXT_DOMAIN_FIELD = f"{BASE}/StructureDefinition/domain-field"

# Plan fields carried as CarePlan.note, one note each, named by an extension.
TEXT_SECTIONS = [
    "discussed_with_child_on",
    "discussed_with_parents_on",
    "discussed_with_physician_on",
    "next_evaluation_on",
    "next_acp_talk_on",
    "drawn_up_by",
    "summary_of_changes",
    "situation",
    "child_knows",
    "language",
    "living_situation",
    "weight_kg",
    "length_cm",
    "measured_on",
    "allergies",
    "wishes",
    "wishes_approved_on",
    "wishes_approved_by",
    "legal_representatives",
    "acute_what_to_do",
    "acute_whom_to_call",
    "acute_tell_ambulance",
    "aftercare",
]
ACTIVITY_STATUS = {
    "planned": "not-started",
    "in_progress": "in-progress",
    "done": "completed",
    "cancelled": "cancelled",
}
ACTIVITY_STATUS_BACK = {v: k for k, v in ACTIVITY_STATUS.items()}
DOMAIN_KEYS = {key for key, _label in DOMAINS}


class FhirError(Exception):
    """Becomes an OperationOutcome; nothing is imported."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _uuid(*parts: object) -> str:
    return "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, "nik:" + ":".join(str(p) for p in parts))
    )


def _ref(full_url: str, display: str | None = None) -> fhirreference.FHIRReference:
    ref = fhirreference.FHIRReference()
    ref.reference = full_url
    if display:
        ref.display = display
    return ref


def _concept(system: str, code: str, display: str | None = None) -> codeableconcept.CodeableConcept:
    c = coding.Coding()
    c.system, c.code = system, code
    if display:
        c.display = display
    concept = codeableconcept.CodeableConcept()
    concept.coding = [c]
    return concept


def _date(value: date) -> fhirdate.FHIRDate:
    return fhirdate.FHIRDate(value.isoformat())


def _telecom(phone: str, email: str = "") -> list[contactpoint.ContactPoint] | None:
    points = []
    for system, value in (("phone", phone), ("email", email)):
        if value:
            point = contactpoint.ContactPoint()
            point.system, point.value = system, value
            points.append(point)
    return points or None


def _name(full: str) -> humanname.HumanName:
    name = humanname.HumanName()
    name.text = full
    return name


def _ext(url: str, **value: Any) -> extension.Extension:
    ext = extension.Extension()
    ext.url = url
    for key, val in value.items():
        setattr(ext, key, val)
    return ext


def _narrative(text: str) -> narrative.Narrative:
    n = narrative.Narrative()
    n.status = "generated"
    n.div = f'<div xmlns="http://www.w3.org/1999/xhtml">{_escape(text)}</div>'
    return n


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Export -----------------------------------------------------------------------------------------


@dataclass
class _Entry:
    full_url: str
    resource: fhirabstractbase.FHIRAbstractBase


def everything(family: Family, version: CarePlanVersion | None = None) -> bundle.Bundle:
    """`Patient/$everything` for the family: the record, team, consents and the current plan."""
    child = Child.objects.filter(family=family).select_related("municipality").first()
    if child is None:
        raise FhirError("The family has no child record.", "not-found")
    entries: list[_Entry] = []
    patient_url = _uuid("Patient", child.first_name, child.last_name, child.date_of_birth)
    pat = patient.Patient()
    pat.name = [humanname.HumanName()]
    pat.name[0].given, pat.name[0].family = [child.first_name], child.last_name
    pat.birthDate = _date(child.date_of_birth)
    if child.municipality is not None:
        addr = fhir_address.Address()
        addr.city = child.municipality.name
        pat.address = [addr]
    entries.append(_Entry(patient_url, pat))

    for g in family.guardians.all():
        person = relatedperson.RelatedPerson()
        person.patient = _ref(patient_url)
        person.name = [_name(g.name)]
        person.relationship = [codeableconcept.CodeableConcept()]
        person.relationship[0].text = g.relation
        person.telecom = _telecom(g.phone, g.email)
        entries.append(_Entry(_uuid("RelatedPerson", patient_url, g.name), person))

    organizations: dict[int, str] = {}

    def org_url(org: Organization) -> str:
        if org.pk not in organizations:
            url = _uuid("Organization", org.name)
            resource = organization.Organization()
            resource.name = org.name
            resource.type = [_concept(CS_ORG_KIND, org.kind)]
            entries.append(_Entry(url, resource))
            organizations[org.pk] = url
        return organizations[org.pk]

    members = list(
        CareTeamMember.objects.filter(family=family)
        .select_related("professional", "professional__organization")
        .order_by("role", "professional__full_name")
    )
    team = careteam.CareTeam()
    team.status = "active"
    team.subject = _ref(patient_url)
    team.participant = []
    practitioners: dict[int, str] = {}
    for m in members:
        prof = m.professional
        if prof.pk not in practitioners:
            url = _uuid("Practitioner", prof.full_name, prof.organization.name)
            doc = practitioner.Practitioner()
            doc.name = [_name(prof.full_name)]
            doc.telecom = _telecom(prof.phone, prof.email)
            entries.append(_Entry(url, doc))
            practitioners[prof.pk] = url
        role_url = _uuid("PractitionerRole", prof.full_name, prof.organization.name, m.role)
        role = practitionerrole.PractitionerRole()
        role.practitioner = _ref(practitioners[prof.pk])
        role.organization = _ref(org_url(prof.organization))
        role.code = [_concept(CS_TEAM_ROLE, m.role)]
        entries.append(_Entry(role_url, role))
        participant = careteam.CareTeamParticipant()
        participant.role = [_concept(CS_TEAM_ROLE, m.role)]
        participant.member = _ref(role_url)
        team.participant.append(participant)
    team_url = _uuid("CareTeam", patient_url)
    entries.append(_Entry(team_url, team))

    for c in (
        Consent.objects.filter(family=family)
        .select_related("organization")
        .order_by("organization__name", "scope", "given_at")
    ):
        res = consent.Consent()
        res.status = "active" if c.withdrawn_at is None else "inactive"
        res.scope = _concept(
            "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"
        )
        res.category = [_concept("http://loinc.org", "59284-0", "Patient Consent")]
        res.patient = _ref(patient_url)
        res.dateTime = fhirdatetime.FHIRDateTime(c.given_at.replace(microsecond=0).isoformat())
        res.organization = [_ref(org_url(c.organization))]
        res.policyRule = _concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN")
        res.provision = consent.ConsentProvision()
        res.provision.code = [_concept(CS_CONSENT_SCOPE, c.scope)]
        if c.ends_on:
            res.provision.period = period.Period()
            res.provision.period.end = _date(c.ends_on)
        entries.append(
            _Entry(
                _uuid(
                    "Consent",
                    patient_url,
                    c.organization.name,
                    c.scope,
                    c.given_at.replace(microsecond=0).isoformat(),
                ),
                res,
            )
        )

    plan = CarePlan.objects.filter(family=family).first()
    version = version or (plan.published() or plan.draft() if plan else None)
    if version is not None:
        entries.extend(_careplan_entries(version, patient_url, team_url))
    result = bundle.Bundle()
    result.type = "collection"
    result.entry = []
    for e in entries:
        entry = bundle.BundleEntry()
        entry.fullUrl = e.full_url
        entry.resource = e.resource
        result.entry.append(entry)
    return result


def careplan_resource(version: CarePlanVersion) -> careplan.CarePlan:
    child = Child.objects.filter(family=version.plan.family).first()
    patient_url = (
        _uuid("Patient", child.first_name, child.last_name, child.date_of_birth)
        if child
        else "urn:uuid:unknown"
    )
    entries = _careplan_entries(version, patient_url, _uuid("CareTeam", patient_url))
    return entries[-1].resource


def _careplan_entries(version: CarePlanVersion, patient_url: str, team_url: str) -> list[_Entry]:
    content = version.data
    entries: list[_Entry] = []
    plan = careplan.CarePlan()
    plan.status = (
        "active"
        if version.status == VersionStatus.PUBLISHED
        else ("draft" if version.status == VersionStatus.DRAFT else "revoked")
    )
    plan.intent = "plan"
    plan.title = f"Individueel zorgplan, versie {version.number}"
    plan.subject = _ref(patient_url)
    plan.created = fhirdatetime.FHIRDateTime(content.plan_date.isoformat())
    plan.careTeam = [_ref(team_url)]
    plan.goal, plan.activity, plan.note = [], [], []
    for domain in content.domains:
        for field in ("situation", "strengths", "needs"):
            text = getattr(domain, field)
            if text:
                note = annotation.Annotation()
                note.text = text
                note.extension = [
                    _ext(EXT_SECTION, valueCode=f"domain.{domain.key}"),
                    _ext(EXT_DOMAIN_FIELD, valueCode=field),
                ]
                plan.note.append(note)
        for i, g in enumerate(domain.goals):
            url = _uuid("Goal", patient_url, version.number, domain.key, i)
            res = goal.Goal()
            res.lifecycleStatus = "active"
            res.description = codeableconcept.CodeableConcept()
            res.description.text = g.text
            res.subject = _ref(patient_url)
            res.category = [_concept(CS_DOMAIN, domain.key)]
            target = goal.GoalTarget()
            target.detailString = g.target
            if g.evaluate_on:
                target.dueDate = _date(g.evaluate_on)
            res.target = [target]
            entries.append(_Entry(url, res))
            plan.goal.append(_ref(url))
        for a in domain.actions:
            activity = careplan.CarePlanActivity()
            detail = careplan.CarePlanActivityDetail()
            detail.status = ACTIVITY_STATUS[a.status]
            detail.code = _concept(CS_DOMAIN, domain.key)
            detail.description = a.what
            detail.performer = [fhirreference.FHIRReference()]
            detail.performer[0].display = a.who
            if a.due:
                detail.scheduledString = a.due.isoformat()
            activity.detail = detail
            plan.activity.append(activity)
    for name in TEXT_SECTIONS:
        value = getattr(content, name)
        if value not in (None, ""):
            note = annotation.Annotation()
            note.text = value.isoformat() if isinstance(value, date) else str(value)
            note.extension = [_ext(EXT_SECTION, valueCode=name)]
            plan.note.append(note)
    for d in content.decisions:
        note = annotation.Annotation()
        note.text = d.decision
        note.extension = [
            _ext(EXT_SECTION, valueCode="decision"),
            _ext(EXT_DECISION_TOPIC, valueCode=d.topic),
            _ext(EXT_DECISION_DATE, valueDate=_date(d.decided_on)),
            _ext(EXT_DECISION_AGREED, valueString=d.agreed_by),
        ]
        plan.note.append(note)
    plan.goal = plan.goal or None
    plan.activity = plan.activity or None
    plan.note = plan.note or None
    plan.text = _narrative(plan.title)
    entries.append(_Entry(_uuid("CarePlan", patient_url, version.number), plan))
    return entries


# Import -----------------------------------------------------------------------------------------


def parse_bundle(data: dict[str, Any]) -> bundle.Bundle:
    """Parse with the R4 models: unknown elements, wrong types and missing required ones are refused."""
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise FhirError("The body is not a FHIR Bundle.", "structure")
    try:
        return bundle.Bundle(data, strict=True)
    except fhirabstractbase.FHIRValidationError as error:
        raise FhirError(f"The bundle is not valid FHIR R4: {error}", "structure") from error


def _by_type(parsed: bundle.Bundle) -> tuple[dict[str, Any], dict[str, list[tuple[str, Any]]]]:
    urls: dict[str, Any] = {}
    types: dict[str, list[tuple[str, Any]]] = {}
    for entry in parsed.entry or []:
        if not entry.fullUrl or entry.resource is None:
            raise FhirError("Every entry needs a fullUrl and a resource.", "required")
        urls[entry.fullUrl] = entry.resource
        types.setdefault(entry.resource.resource_type, []).append((entry.fullUrl, entry.resource))
    return urls, types


def _check_references(value: Any, urls: dict[str, Any]) -> None:
    if isinstance(value, fhirreference.FHIRReference):
        if value.reference and value.reference not in urls:
            raise FhirError(
                f"Reference {value.reference} does not resolve inside the bundle.", "invalid"
            )
        return
    if isinstance(value, fhirabstractbase.FHIRAbstractBase):
        for name, *_rest in value.elementProperties():
            _check_references(getattr(value, name, None), urls)
    elif isinstance(value, list):
        for item in value:
            _check_references(item, urls)


def _code(concept: Any, system: str, allowed: set[str], what: str) -> str:
    for c in (concept.coding or []) if concept else []:
        if c.system == system:
            if c.code not in allowed:
                raise FhirError(f"Unknown {what} code: {c.code}.", "code-invalid")
            return c.code
    raise FhirError(f"Missing {what} code ({system}).", "required")


def _date_of(value: Any) -> date | None:
    return value.date if value is not None else None


DOMAIN_FIELDS = {"situation", "strengths", "needs"}


def _needed(exts: dict[str, Any], url: str) -> Any:
    if url not in exts:
        raise FhirError(f"The note needs the extension {url}.", "required")
    return exts[url]


def _ext_value(ext: Any, kind: str) -> str:
    """The extension's value of the named type; another type (valueString for a code) is refused."""
    value = getattr(ext, kind, None)
    if not isinstance(value, str) or not value:
        raise FhirError(f"Extension {ext.url} needs a {kind}.", "value")
    return value


def _checked(obj: Any, what: str, exclude: list[str]) -> Any:
    """The model's own limits (lengths, dates) on an imported row, as an OperationOutcome."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        where = "; ".join(f"{what}.{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise FhirError(f"Not accepted: {where}", "value") from error
    return obj


def _plan_content(plan: careplan.CarePlan, urls: dict[str, Any]) -> PlanContent:
    values: dict[str, Any] = {
        "plan_date": _date_of(plan.created) or timezone.localdate(),
        "domains": [],
        "decisions": [],
    }
    domains: dict[str, Domain] = {}

    def domain(key: str) -> Domain:
        if key not in DOMAIN_KEYS:
            raise FhirError(f"Unknown plan domain code: {key}.", "code-invalid")
        return domains.setdefault(key, Domain(key=key))  # type: ignore[arg-type]

    for i, ref in enumerate(plan.goal or []):
        res = urls.get(ref.reference) if ref.reference else None
        if res is None:
            raise FhirError(
                f"CarePlan.goal[{i}] needs a reference to a Goal in the bundle.", "required"
            )
        if res.resource_type != "Goal":
            raise FhirError("CarePlan.goal must point to a Goal.", "invalid")
        key = _code(
            res.category[0] if res.category else None, CS_DOMAIN, DOMAIN_KEYS, "plan domain"
        )
        target = (res.target or [None])[0]
        if target is None or not target.detailString:
            raise FhirError("A goal needs a target.", "required")
        if res.description is None or not res.description.text:
            raise FhirError(f"Goal.description.text is required (CarePlan.goal[{i}]).", "required")
        domain(key).goals.append(
            Goal(
                text=res.description.text,
                target=target.detailString,
                evaluate_on=_date_of(target.dueDate),
            )
        )
    for activity in plan.activity or []:
        detail = activity.detail
        if detail is None:
            continue
        key = _code(detail.code, CS_DOMAIN, DOMAIN_KEYS, "plan domain")
        if detail.status not in ACTIVITY_STATUS_BACK:
            raise FhirError(f"Unknown activity status: {detail.status}.", "code-invalid")
        who = (detail.performer or [None])[0]
        if who is None or not who.display:
            raise FhirError(
                "An action needs an owner (activity.detail.performer.display).", "required"
            )
        try:
            due = date.fromisoformat(detail.scheduledString) if detail.scheduledString else None
        except ValueError:
            raise FhirError(
                f"CarePlan.activity.detail.scheduledString must be a date (YYYY-MM-DD), "
                f"not {detail.scheduledString[:40]!r}.",
                "value",
            ) from None
        domain(key).actions.append(
            Action(
                what=detail.description or "",
                who=who.display,
                due=due,
                status=ACTIVITY_STATUS_BACK[detail.status],  # type: ignore[arg-type]
            )
        )
    for note in plan.note or []:
        exts = {e.url: e for e in note.extension or []}
        section = exts.get(EXT_SECTION)
        if section is None:
            continue
        name = _ext_value(section, "valueCode")
        if name.startswith("domain."):
            field = _ext_value(_needed(exts, EXT_DOMAIN_FIELD), "valueCode")
            if field not in DOMAIN_FIELDS:
                raise FhirError(f"Unknown plan domain field: {field[:40]}.", "code-invalid")
            setattr(domain(name.split(".", 1)[1]), field, note.text or "")
        elif name == "decision":
            decided_on = _needed(exts, EXT_DECISION_DATE).valueDate
            if decided_on is None:
                raise FhirError(f"Extension {EXT_DECISION_DATE} needs a valueDate.", "value")
            values["decisions"].append(
                dict(
                    topic=_ext_value(_needed(exts, EXT_DECISION_TOPIC), "valueCode"),
                    decision=note.text or "",
                    decided_on=decided_on.date,
                    agreed_by=_ext_value(_needed(exts, EXT_DECISION_AGREED), "valueString"),
                )
            )
        elif name in TEXT_SECTIONS:
            values[name] = note.text
        else:
            raise FhirError(f"Unknown plan section: {name}.", "code-invalid")
    values["domains"] = [domains[k].model_dump() for k, _label in DOMAINS if k in domains]
    try:
        return PlanContent.model_validate(values)
    except pydantic.ValidationError as error:  # pydantic's message names the field
        where = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise FhirError(f"The plan is not valid: {where}", "invalid") from error


@transaction.atomic
def import_bundle(data: dict[str, Any], *, region: Region, acting_user: User) -> Family:
    """Create or update the family, team, consents and plan from a transaction bundle."""
    parsed = parse_bundle(data)
    if parsed.type != "transaction":
        raise FhirError("POST to the base takes a Bundle of type 'transaction'.", "invalid")
    urls, types = _by_type(parsed)
    for resource in urls.values():
        _check_references(resource, urls)
    patients = types.get("Patient", [])
    if len(patients) != 1:
        raise FhirError("The bundle must hold exactly one Patient.", "invalid")
    patient_url, pat = patients[0]
    if not pat.name or not pat.name[0].family or not pat.name[0].given or pat.birthDate is None:
        raise FhirError(
            "The Patient needs a given name, a family name and a birth date.", "required"
        )
    first, last, born = pat.name[0].given[0], pat.name[0].family, pat.birthDate.date
    if not isinstance(born, date) or born > timezone.localdate():
        raise FhirError("Patient.birthDate must be a date that has passed.", "value")
    _checked(
        Child(first_name=first, last_name=last, date_of_birth=born),
        "Patient",
        exclude=["family"],
    )
    with _refused_as_fhir_error():
        family = _write(
            parsed=types,
            urls=urls,
            patient=pat,
            patient_url=patient_url,
            region=region,
            acting_user=acting_user,
            child=(first, last, born),
        )
    audit.record(
        action=AuditAction.CREATE,
        event=PlanEvent.IMPORTED,
        user=acting_user,
        region=region,
        object_type="families.family",
        object_id=family.pk,
        subject_family_id=family.pk,
        purpose="FHIR import",
        details={"entries": len(urls)},
    )
    return family


@contextmanager
def _refused_as_fhir_error() -> Iterator[None]:
    """A rule an action enforces (consent by age, a team in the family's region, a plan that
    does not validate) refuses the whole bundle with its reason, like a malformed resource."""
    try:
        yield
    except ValidationError as error:
        raise FhirError(" ".join(error.messages), "business-rule") from error


def _write(
    *,
    parsed: dict[str, list[tuple[str, Any]]],
    urls: dict[str, Any],
    patient: Any,
    patient_url: str,
    region: Region,
    acting_user: User,
    child: tuple[str, str, date],
) -> Family:
    """Every write through the same actions as the pages, so the same rules hold."""
    first, last, born = child
    # Two imports of one child at once must find each other, not make two families (as the
    # referral's duplicate check does, under the region's row lock).
    lock(region)
    known = (
        Child.objects.filter(
            family__region=region, first_name=first, last_name=last, date_of_birth=born
        )
        .select_related("family")
        .first()
    )
    if known is not None:
        family = known.family
    else:
        town = patient.address[0].city if patient.address else None
        municipality = region.municipalities.filter(name=town[:100]).first() if town else None
        family = family_actions.do_register_family(
            region,
            child=family_actions.ChildDetails(
                first_name=first,
                last_name=last,
                date_of_birth=born,
                municipality_id=municipality.pk if municipality else None,
            ),
            stage="in_care",
            acting_user=acting_user,
        )
    for _url, person in parsed.get("RelatedPerson", []):
        name = person.name[0].text if person.name else ""
        if name and not family.guardians.filter(name=name).exists():
            phone = next((t.value for t in person.telecom or [] if t.system == "phone"), "")
            email = next((t.value for t in person.telecom or [] if t.system == "email"), "")
            relation = person.relationship[0].text if person.relationship else "ouder"
            guardian = _checked(
                Guardian(
                    family=family,
                    name=name,
                    relation=relation or "ouder",
                    phone=phone or "",
                    email=email or "",
                ),
                "RelatedPerson",
                exclude=["family"],
            )
            family_actions.do_save_record_part(guardian, family=family, acting_user=acting_user)
    orgs: dict[str, Organization] = {}
    for url, res in parsed.get("Organization", []):
        kind = _code(
            res.type[0] if res.type else None,
            CS_ORG_KIND,
            set(OrganizationKind.values),
            "organisation kind",
        )
        if not res.name:
            raise FhirError("Organization.name is required.", "required")
        org = Organization.objects.filter(region=region, name=res.name).first()
        if org is None:
            org = _checked(
                Organization(region=region, name=res.name, kind=kind), "Organization", ["region"]
            )
            network_actions.do_save_organization(
                org, acting_user=acting_user, seen_version=None, fields=["name", "kind"]
            )
        orgs[url] = org
    for _url, role in parsed.get("PractitionerRole", []):
        if role.practitioner is None or not role.practitioner.reference:
            raise FhirError("PractitionerRole.practitioner is required.", "required")
        doc = urls[role.practitioner.reference]
        if doc.resource_type != "Practitioner":
            raise FhirError(
                "PractitionerRole.practitioner must point to a Practitioner, "
                f"not a {doc.resource_type}.",
                "invalid",
            )
        org = orgs.get(role.organization.reference) if role.organization else None
        if org is None:
            raise FhirError("A PractitionerRole needs an Organization in the bundle.", "required")
        team_role = _code(
            role.code[0] if role.code else None, CS_TEAM_ROLE, set(TeamRole.values), "team role"
        )
        if not doc.name or not doc.name[0].text:
            raise FhirError("Practitioner.name.text is required.", "required")
        name = doc.name[0].text
        phone = next((t.value for t in doc.telecom or [] if t.system == "phone"), "")
        email = next((t.value for t in doc.telecom or [] if t.system == "email"), "")
        prof = Professional.objects.filter(region=region, organization=org, full_name=name).first()
        if prof is None:
            prof = _checked(
                Professional(
                    region=region,
                    organization=org,
                    full_name=name,
                    phone=phone or "",
                    email=email or "",
                ),
                "Practitioner",
                exclude=["region", "organization", "user"],
            )
            network_actions.do_save_professional(
                prof, acting_user=acting_user, seen_version=None, fields=["full_name"]
            )
        family_actions.do_add_team_member(
            family, professional=prof, role=team_role, acting_user=acting_user
        )
    child_record = Child.objects.get(family=family)
    for _url, res in parsed.get("Consent", []):
        scope = _code(
            res.provision.code[0] if res.provision and res.provision.code else None,
            CS_CONSENT_SCOPE,
            set(ConsentScope.values),
            "consent scope",
        )
        org = orgs.get(res.organization[0].reference) if res.organization else None
        if org is None:
            raise FhirError("A Consent needs its Organization in the bundle.", "required")
        given_at = res.dateTime.datetime if res.dateTime else timezone.now()
        if timezone.is_naive(given_at):
            given_at = timezone.make_aware(given_at)
        ends = (
            res.provision.period.end.date
            if res.provision.period and res.provision.period.end
            else None
        )
        # FHIR carries the time to the second; the stored one may have more.
        second = given_at.replace(microsecond=0)
        if Consent.objects.filter(
            family=family,
            organization=org,
            scope=scope,
            given_at__gte=second,
            given_at__lt=second + timedelta(seconds=1),
        ).exists():
            continue
        consent = family_actions.do_give_consent(
            family,
            organization=org,
            scope=scope,
            given_by=consent_giver_for_age(child_record.age()),
            given_by_names="",
            method="written",
            ends_on=ends,
            acting_user=acting_user,
            given_at=given_at,
        )
        if res.status != "active":
            family_actions.do_withdraw_consent(consent, acting_user=acting_user)
    plans = parsed.get("CarePlan", [])
    if plans:
        _url, fhir_plan = plans[0]
        if fhir_plan.subject is None or fhir_plan.subject.reference != patient_url:
            raise FhirError("The CarePlan must be about the bundle's Patient.", "invalid")
        if fhir_plan.status not in ("active", "draft"):
            raise FhirError(
                f"Unknown or unsupported CarePlan status: {fhir_plan.status}.", "code-invalid"
            )
        _import_plan(family, _plan_content(fhir_plan, urls), fhir_plan.status, acting_user)
    return family


def _import_plan(family: Family, content: PlanContent, status: str, acting_user: User) -> None:
    """The bundle's plan becomes the family's draft (a new one, or the open one), published when
    the bundle says it is active: the same steps as evaluating a plan on its page."""
    plan = CarePlan.objects.filter(family=family).first()
    if plan is None or not plan.versions.exists():
        draft = plan_actions.do_start_plan(family, content=content, acting_user=acting_user)
    else:
        draft = plan.draft() or plan_actions.do_start_evaluation(plan, acting_user=acting_user)
        draft = plan_actions.do_save_draft(
            draft, content=content, seen_version=draft.version, acting_user=acting_user
        )
    if status == "active":
        plan_actions.do_publish(draft, acting_user=acting_user)


def as_transaction(exported: bundle.Bundle) -> bundle.Bundle:
    """The exported bundle as a transaction another NIK install can POST."""
    for entry in exported.entry or []:
        entry.request = bundle.BundleEntryRequest()
        entry.request.method = "POST"
        entry.request.url = entry.resource.resource_type
    exported.type = "transaction"
    return exported
