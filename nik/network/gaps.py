"""White spots and overlap: which disciplines and kinds of organisation a region lacks, and where."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from nik.core.models import DisciplineCode, OrganizationKind, Professional, Region

# The kinds of organisation a network for these families should have (basismodel step 2).
ESSENTIAL_KINDS = [
    OrganizationKind.UMC,
    OrganizationKind.GENERAL_HOSPITAL,
    OrganizationKind.HOME_CARE,
    OrganizationKind.GP_PRACTICE,
    OrganizationKind.PHARMACY,
    OrganizationKind.YOUTH_HEALTH_CARE,
    OrganizationKind.HOSPICE,
    OrganizationKind.THERAPY_PRACTICE,
    OrganizationKind.MENTAL_HEALTH,
    OrganizationKind.SPIRITUAL_CARE,
    OrganizationKind.SCHOOL_SUPPORT,
    OrganizationKind.PARENT_ORGANIZATION,
]


@dataclass(frozen=True)
class Provision:
    """An organisation offers a discipline in a municipality."""

    organization: str
    municipality: str
    discipline: str


@dataclass
class GapReport:
    municipalities: list[str]
    disciplines: list[str]
    missing_disciplines: list[str]
    missing_kinds: list[str]
    # (municipality, discipline) -> organisations offering it there
    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def count(self, municipality: str, discipline: str) -> int:
        return len(self.cells.get((municipality, discipline), []))

    @property
    def white_spots(self) -> list[tuple[str, str]]:
        return [
            (m, d) for m in self.municipalities for d in self.disciplines if not self.count(m, d)
        ]

    @property
    def overlaps(self) -> list[tuple[str, str, list[str]]]:
        return [
            (m, d, sorted(self.cells[(m, d)]))
            for m in self.municipalities
            for d in self.disciplines
            if self.count(m, d) > 1
        ]

    def discipline_labels(self) -> list[str]:
        labels = dict(DisciplineCode.choices)
        return [str(labels[d]) for d in self.disciplines]

    def missing_kind_labels(self) -> list[str]:
        labels = dict(OrganizationKind.choices)
        return [str(labels[k]) for k in self.missing_kinds]

    def missing_discipline_labels(self) -> list[str]:
        labels = dict(DisciplineCode.choices)
        return [str(labels[d]) for d in self.missing_disciplines]

    def rows(self) -> list[tuple[str, list[int]]]:
        return [(m, [self.count(m, d) for d in self.disciplines]) for m in self.municipalities]

    def next_steps(self, limit: int = 8) -> list[str]:
        kinds = dict(OrganizationKind.choices)
        labels = dict(DisciplineCode.choices)
        steps = [
            _("Invite a %(kind)s into the network: the region has none.") % {"kind": kinds[k]}
            for k in self.missing_kinds
        ]
        steps += [
            _("Find a %(discipline)s for the network: nobody in the register has this discipline.")
            % {"discipline": labels[d]}
            for d in self.missing_disciplines
        ]
        by_discipline: dict[str, list[str]] = defaultdict(list)
        for municipality, discipline in self.white_spots:
            if discipline not in self.missing_disciplines:
                by_discipline[discipline].append(municipality)
        for discipline, places in sorted(by_discipline.items(), key=lambda kv: -len(kv[1])):
            steps.append(
                _(
                    "No %(discipline)s in %(count)s municipalities (%(places)s): ask the partners who covers them."
                )
                % {
                    "discipline": labels[discipline],
                    "count": len(places),
                    "places": ", ".join(places[:4]) + ("…" if len(places) > 4 else ""),
                }
            )
        if self.overlaps:
            steps.append(
                _(
                    "%(count)s places have several organisations for the same discipline: agree who does what."
                )
                % {"count": len(self.overlaps)}
            )
        return steps[:limit]


def compute(
    municipalities: Iterable[str], provisions: Iterable[Provision], kinds_present: Iterable[str]
) -> GapReport:
    """The pure computation, on plain values (unit-tested on hand-made networks)."""
    disciplines = list(DisciplineCode.values)
    places = list(municipalities)
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    offered: set[str] = set()
    for p in provisions:
        offered.add(p.discipline)
        if p.municipality in places:
            cells[(p.municipality, p.discipline)].add(p.organization)
    present = set(kinds_present)
    return GapReport(
        municipalities=places,
        disciplines=disciplines,
        missing_disciplines=[d for d in disciplines if d not in offered],
        missing_kinds=[str(k) for k in ESSENTIAL_KINDS if k not in present],
        cells={key: sorted(orgs) for key, orgs in cells.items()},
    )


# Where else a region's kinds of help are found, besides its organisations' own kind: apps above
# this one add a source in their AppConfig.ready (the wegwijzer adds its services by kind).
KIND_SOURCES: list[Callable[[Region], Iterable[str]]] = []


def analyse(region: Region) -> GapReport:
    """The region's report: three queries (and one per kind source), whatever the register's size."""
    provisions = [
        Provision(org, town or "", code)
        for org, town, code in Professional.objects.filter(region=region, disciplines__isnull=False)
        .values_list("organization__name", "organization__municipality__name", "disciplines__code")
        .distinct()
    ]
    municipalities = region.municipalities.order_by("name").values_list("name", flat=True)
    kinds = set(region.organizations.values_list("kind", flat=True).distinct())
    for source in KIND_SOURCES:
        kinds.update(source(region))
    return compute(municipalities, provisions, kinds)
