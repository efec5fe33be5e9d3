"""What the start page and a region's overview show of the region itself (core's records)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from nik.core.figures import figure, forget
from nik.core.models import (
    Discipline,
    DisciplineCode,
    Membership,
    Municipality,
    Organization,
    OrganizationKind,
    Professional,
    Region,
    Role,
)

SUMMARY = "region-summary"


def region_summary(region: Region) -> dict[str, Any]:
    """Counts that describe a region's network: from the shared cache, counted when it has
    none (nik.core.figures; forgotten when the register changes, see apps.py). The cache holds
    codes, never labels: those are in the reader's language."""
    found = figure(SUMMARY, region.pk, lambda: _summary(region))
    covered = found["covered"]
    kind_labels = dict(OrganizationKind.choices)
    return {
        "region": region,
        "counts": found["counts"],
        "disciplines_covered": len(covered),
        "disciplines_total": len(DisciplineCode.choices),
        "disciplines_missing": [
            label for code, label in DisciplineCode.choices if code not in covered
        ],
        "kinds": [{"label": kind_labels.get(kind, kind), "n": n} for kind, n in found["kinds"]],
        "coordinators": found["coordinators"],
    }


def forget_summary(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A register record changed: its region's summary is counted again on the next view."""
    forget(SUMMARY, getattr(instance, "region_id", None))


def _summary(region: Region) -> dict[str, Any]:
    # One EXISTS per discipline, stopping at the first professional found (a region has tens of
    # thousands of professionals, and some twenty disciplines). In the SELECT list, not the
    # WHERE: there PostgreSQL would join every professional of the region (37 ms -> 0.4 ms at 65k).
    held = Professional.disciplines.through.objects.filter(
        discipline=OuterRef("pk"), professional__region=region
    )
    covered = {
        code
        for code, is_held in Discipline.objects.annotate(held=Exists(held)).values_list(
            "code", "held"
        )
        if is_held
    }
    kinds = region.organizations.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    coordinators = [
        m.user
        for m in Membership.objects.filter(region=region, role=Role.COORDINATOR).select_related(
            "user"
        )
    ]
    return {
        "counts": {
            "organizations": region.organizations.count(),
            "professionals": region.professionals.count(),
            "municipalities": region.municipalities.count(),
        },
        "covered": covered,
        "kinds": [(k["kind"], k["n"]) for k in kinds],
        "coordinators": coordinators,
    }


def regions_table() -> list[Region]:
    """Every region with the size of its network, for the national view."""
    # Counted by subqueries, not joins: joining organisations and professionals together
    # would multiply rows per region at national scale.
    return list(
        Region.objects.annotate(
            n_organizations=_count(Organization.objects.all()),
            n_professionals=_count(Professional.objects.all()),
            n_coordinators=_count(Membership.objects.filter(role=Role.COORDINATOR)),
        ).order_by("name")
    )


def _count(queryset: QuerySet[Any]) -> Coalesce:
    counted = (
        queryset.filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


# The public front ---------------------------------------------------------------------------


def networks_for(place: str) -> list[Region]:
    """The networks that serve a postcode ("2311", "2311 AB") or a town ("Leiden").

    A postcode is looked up in each network's postcode areas; a town by the municipalities a
    network lists, else through the postcode table of the wegwijzer. Usually one network; a town
    on a border can give two."""
    from nik.directory.models import Place

    text = place.strip()[:100]
    if not text:
        return []
    regions = list(Region.objects.all())
    digits = text.replace(" ", "")[:4]
    if digits.isdigit() and len(digits) == 4:
        codes = {int(digits)}
    else:
        named = {
            m.region_id for m in Municipality.objects.filter(name__iexact=text).only("region_id")
        }
        if named:
            return [r for r in regions if r.pk in named]
        codes = {
            int(p)
            for p in Place.objects.filter(city__iexact=text).values_list("postcode", flat=True)
        }
    return [r for r in regions if any(r.serves_postcode(code) for code in codes)]


def network_partners(region: Region) -> list[str]:
    """The organisations that signed the network's cooperation agreement, by name."""
    from nik.roadmap.models import AgreementParty

    return list(
        AgreementParty.objects.filter(agreement__region=region, signed_on__isnull=False)
        .order_by("organization__name")
        .values_list("organization__name", flat=True)
        .distinct()
    )


def help_by_kind(region: Region) -> list[tuple[str, str, int]]:
    """The wegwijzer of a region by kind of help: (code, label, number of services)."""
    from nik.directory.models import Category, Service

    counts = dict(
        Service.objects.filter(Q(region=region) | Q(region__isnull=True))
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    return [
        (code, str(label), counts[code]) for code, label in Category.choices if counts.get(code)
    ]
