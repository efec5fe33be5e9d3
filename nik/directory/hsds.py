"""Open Referral HSDS 3.0: the wegwijzer's services as `service` objects with their organization,
locations, phones, languages and taxonomy terms; imported back all or nothing.

Ids are UUIDs made from natural keys (region and name), so an export, an import into an empty
database and a second export give the same content.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nik.core.limits import MAX_ERRORS, MAX_ROWS
from nik.core.models import Organization, OrganizationKind, Region, User

from . import actions
from .models import Category, Financing, Service, service_key, stable_id

TAXONOMY_CATEGORY = "nik-wegwijzer-category"
TAXONOMY_FINANCING = "nik-financing"


def _id(*parts: object) -> str:
    return stable_id(*parts)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TaxonomyTerm(_Model):
    id: str
    code: str
    name: str
    description: str
    taxonomy: str


class Attribute(_Model):
    id: str
    link_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_term: TaxonomyTerm


class Phone(_Model):
    id: str
    number: str = Field(min_length=1)


class Language(_Model):
    id: str
    name: str | None = None
    code: str | None = None


class Address(_Model):
    id: str
    address_1: str
    city: str
    postal_code: str
    country: str
    address_type: str
    state_province: str = ""


class Location(_Model):
    id: str
    location_type: Literal["physical", "postal", "virtual"]
    name: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    addresses: list[Address] = []


class ServiceAtLocation(_Model):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    location: Location


class HsdsOrganization(_Model):
    id: str
    name: str = Field(min_length=1)
    description: str
    website: str | None = None


class HsdsService(_Model):
    id: str
    organization_id: str | None = None
    name: str = Field(min_length=1)
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: Literal["active", "inactive", "defunct", "temporarily closed"]
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: float | None = Field(default=None, ge=0, le=30)
    maximum_age: float | None = Field(default=None, ge=0, le=30)
    assured_date: date | None = None
    assurer_email: str | None = None
    phones: list[Phone] = []
    languages: list[Language] = []
    organization: HsdsOrganization
    service_at_locations: list[ServiceAtLocation] = []
    attributes: list[Attribute] = []


def _term(taxonomy: str, code: str, name: str) -> Attribute:
    term_id = _id("term", taxonomy, code)
    return Attribute(
        id=_id("attribute", taxonomy, code, name),
        taxonomy_term_id=term_id,
        link_type="service",
        link_entity="service",
        taxonomy_term=TaxonomyTerm(
            id=term_id, code=code, name=name, description=name, taxonomy=taxonomy
        ),
    )


def to_hsds(service: Service) -> dict[str, Any]:
    sid = service_key(service)
    org = service.organization
    org_id = _id("organization", org.region.slug, org.name)
    categories = dict(Category.choices)
    financing = dict(Financing.choices)
    attributes = [_term(TAXONOMY_CATEGORY, service.category, str(categories[service.category]))]
    attributes += [
        _term(TAXONOMY_FINANCING, code, str(financing.get(code, code)))
        for code in service.financing_codes()
    ]
    for a in attributes:
        a.link_id = sid
    locations = []
    if service.latitude is not None:
        loc_id = _id("location", sid)
        addresses = []
        if service.address or service.postcode or service.city:
            addresses.append(
                Address(
                    id=_id("address", sid),
                    address_1=service.address,
                    city=service.city,
                    postal_code=service.postcode,
                    country="NL",
                    address_type="physical",
                )
            )
        locations.append(
            ServiceAtLocation(
                id=_id("service_at_location", sid),
                service_id=sid,
                location_id=loc_id,
                location=Location(
                    id=loc_id,
                    location_type="physical",
                    name=service.name,
                    latitude=service.latitude,
                    longitude=service.longitude,
                    addresses=addresses,
                ),
            )
        )
    model = HsdsService(
        id=sid,
        organization_id=org_id,
        name=service.name,
        description=service.description,
        url=service.website or None,
        email=service.email or None,
        status="active",
        fees_description=service.cost or None,
        eligibility_description=service.for_whom or None,
        minimum_age=service.age_min,
        maximum_age=service.age_max,
        assured_date=service.last_confirmed,
        assurer_email=service.contact_email or None,
        phones=[Phone(id=_id("phone", sid), number=service.phone)] if service.phone else [],
        languages=[
            Language(id=_id("language", sid, code), code=code) for code in service.language_codes()
        ],
        organization=HsdsOrganization(
            id=org_id,
            name=org.name,
            description=org.get_kind_display() or org.name,
            website=org.website or None,
        ),
        service_at_locations=locations,
        attributes=attributes,
    )
    return model.model_dump(mode="json", exclude_none=True)


def organization_hsds(org: Organization) -> dict[str, Any]:
    return HsdsOrganization(
        id=_id("organization", org.region.slug, org.name),
        name=org.name,
        description=org.get_kind_display() or org.name,
        website=org.website or None,
    ).model_dump(mode="json", exclude_none=True)


class ImportErrors(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("HSDS import refused")
        self.errors = errors


def _find_term(model: HsdsService, taxonomy: str) -> list[str]:
    return [a.taxonomy_term.code for a in model.attributes if a.taxonomy_term.taxonomy == taxonomy]


@transaction.atomic
def import_services(records: list[Any], *, region: Region, acting_user: User | None) -> int:
    """Every record is checked first; one broken record and nothing of the file is imported."""
    if not isinstance(records, list):
        raise ImportErrors(
            [
                {
                    "record": None,
                    "id": None,
                    "errors": [
                        "Expected a list of HSDS service objects, or a page with 'contents'."
                    ],
                }
            ]
        )
    if len(records) > MAX_ROWS:
        raise ImportErrors(
            [
                {
                    "record": None,
                    "id": None,
                    "errors": [
                        _("More than %(n)s records in one import. Split the file.")
                        % {"n": MAX_ROWS}
                    ],
                }
            ]
        )
    parsed: list[tuple[HsdsService, Service]] = []
    errors: list[dict[str, Any]] = []
    # The region's entries of the names in the file, once: a record updates the one of its name.
    names = [
        r.get("name") for r in records if isinstance(r, dict) and isinstance(r.get("name"), str)
    ]
    existing = {s.name: s for s in Service.objects.filter(region=region, name__in=names)}
    for number, record in enumerate(records, start=1):
        if len(errors) >= MAX_ERRORS:
            errors.append(
                {
                    "record": None,
                    "id": None,
                    "errors": [_("… and more records with problems; mend these first.")],
                }
            )
            break
        try:
            model = HsdsService.model_validate(record)
        except ValidationError as error:
            errors.append(
                {
                    "record": number,
                    "id": record.get("id") if isinstance(record, dict) else None,
                    "errors": [
                        f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
                    ],
                }
            )
            continue
        problems: list[Any] = []
        categories = _find_term(model, TAXONOMY_CATEGORY)
        if len(categories) != 1 or categories[0] not in Category.values:
            problems.append(
                f"attributes: needs exactly one known term of taxonomy {TAXONOMY_CATEGORY}"
            )
        unknown = [c for c in _find_term(model, TAXONOMY_FINANCING) if c not in Financing.values]
        if unknown:
            problems.append(f"attributes: unknown financing {', '.join(unknown)}")
        if (
            model.minimum_age is not None
            and model.maximum_age is not None
            and model.minimum_age > model.maximum_age
        ):
            problems.append("minimum_age is above maximum_age")
        service = _service(model, region, existing) if not problems else None
        if service is not None:
            problems = _model_problems(model, service, region)
        if problems or service is None:
            errors.append({"record": number, "id": model.id, "errors": problems})
        else:
            parsed.append((model, service))
    if errors:
        raise ImportErrors(errors)
    for model, service in parsed:
        org, _created = Organization.objects.get_or_create(
            region=region,
            name=model.organization.name,
            defaults={"kind": OrganizationKind.OTHER, "website": model.organization.website or ""},
        )
        service.organization = org
        actions.do_save_service(service, acting_user=acting_user)
    return len(parsed)


def _model_problems(model: HsdsService, service: Service, region: Region) -> list[str]:
    """The models' own limits (lengths, e-mail, URL schemes) on one record, before any write."""
    from django.core.exceptions import ValidationError as ModelError

    problems: list[Any] = []
    checks = [
        (
            "organization",
            Organization(
                region=region,
                name=model.organization.name,
                kind=OrganizationKind.OTHER,
                website=model.organization.website or "",
            ),
            ["region"],
        ),
        ("", service, ["region", "organization", "search_vector"]),
    ]
    for prefix, obj, exclude in checks:
        try:
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ModelError as error:
            for field, messages in error.message_dict.items():
                where = ".".join(filter(None, [prefix, HSDS_NAMES.get(field, field)]))
                problems.extend(f"{where}: {m}" for m in messages)
    return problems


# Our field names as HSDS calls them, so a refusal names the element the sender wrote.
HSDS_NAMES = {
    "for_whom": "eligibility_description",
    "cost": "fees_description",
    "phone": "phones[0].number",
    "website": "url",
    "contact_email": "assurer_email",
    "address": "address_1",
    "postcode": "postal_code",
    "age_min": "minimum_age",
    "age_max": "maximum_age",
}


def _service(model: HsdsService, region: Region, existing: dict[str, Service]) -> Service:
    """The wegwijzer entry an HSDS record describes (unsaved): the one of that name, or a new one."""
    location = model.service_at_locations[0].location if model.service_at_locations else None
    address = location.addresses[0] if location and location.addresses else None
    # Two records of one name describe one entry (the later wins), as when saved one by one.
    service = existing.setdefault(model.name, Service(region=region, name=model.name))
    service.description = model.description or ""
    service.for_whom = model.eligibility_description or ""
    service.category = _find_term(model, TAXONOMY_CATEGORY)[0]
    service.age_min = int(model.minimum_age or 0)
    service.age_max = int(model.maximum_age if model.maximum_age is not None else 23)
    service.financing = ",".join(_find_term(model, TAXONOMY_FINANCING))
    service.cost = model.fees_description or ""
    service.languages = ",".join(filter(None, (lang.code for lang in model.languages)))
    service.phone = model.phones[0].number if model.phones else ""
    service.email = model.email or ""
    service.website = model.url or ""
    service.contact_email = model.assurer_email or ""
    service.last_confirmed = model.assured_date or timezone.localdate()
    service.latitude = location.latitude if location else None
    service.longitude = location.longitude if location else None
    service.address = address.address_1 if address else ""
    service.postcode = address.postal_code if address else ""
    service.city = address.city if address else ""
    return service
