"""The network's spreadsheets: the stakeholder analysis (import and export) and the contact list.

The stakeholder template is documented in docs/formats/stakeholders.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext as _

from nik.core.models import Professional, Region
from nik.core.xlsx import (
    RowError,
    SheetError,
    as_date,
    as_score,
    as_text,
    capped,
    model_problems,
    read_table,
    write_table,
)

from .models import StakeholderAssessment

STAKEHOLDER_COLUMNS = [
    "Organisatie",
    "Persoon",
    "Datum",
    "Invloed",
    "Belang",
    "Gewenste invloed",
    "Gewenst belang",
    "Actie",
]
SCORE_COLUMNS = ["Invloed", "Belang", "Gewenste invloed", "Gewenst belang"]
SCORE_FIELDS = ["influence", "interest", "desired_influence", "desired_interest"]

CONTACT_COLUMNS = [
    "Naam",
    "Functie",
    "Disciplines",
    "Organisatie",
    "Soort organisatie",
    "Gemeente",
    "E-mail",
    "Telefoon",
    "Ambassadeur",
    "Contactpersoon",
]


@dataclass(frozen=True)
class StakeholderRow:
    """One checked row of the stakeholder sheet, and the record it becomes."""

    row: int
    assessment: StakeholderAssessment


def parse_stakeholders(
    region: Region, file: IO[bytes], progress: Callable[[int, int], None] | None = None
) -> tuple[list[StakeholderRow], list[RowError]]:
    """Check every row; return the good rows and an error for every wrong one."""
    try:
        rows = read_table(file, STAKEHOLDER_COLUMNS)
    except SheetError as error:
        return [], [RowError(1, error.message)]
    # Only the organisations the sheet names: a region may have tens of thousands.
    named = {as_text(row.values["Organisatie"]).lower() for row in rows} - {""}
    organizations = {
        o.name.strip().lower(): o
        for o in region.organizations.annotate(key=Lower(Trim("name"))).filter(key__in=named)
    }
    existing = set(
        StakeholderAssessment.objects.filter(region=region).values_list(
            "organization_id", "person", "assessed_on"
        )
    )
    existing = {(org, person.strip().lower(), day) for org, person, day in existing}
    seen: dict[tuple[int | None, str, date | None], int] = {}
    good: list[StakeholderRow] = []
    errors: list[RowError] = []
    if not rows:
        errors.append(RowError(2, _("The sheet has no rows to import.")))
    for checked, sheet_row in enumerate(rows, start=1):
        if progress is not None and (checked % 100 == 0 or checked == len(rows)):
            progress(checked, len(rows))
        problems: list[str] = []
        if sheet_row.is_empty():
            errors.append(RowError(sheet_row.number, _("The row is empty.")))
            continue
        values = sheet_row.values
        org_name = as_text(values["Organisatie"])
        person = as_text(values["Persoon"])
        organization = None
        if org_name:
            organization = organizations.get(org_name.lower())
            if organization is None:
                problems.append(
                    _("Organisation “%(name)s” is not in this region's register.")
                    % {"name": org_name}
                )
        elif not person:
            problems.append(_("Fill in an organisation or a person."))
        day: date | None = as_date(values["Datum"])
        if day is None:
            problems.append(_("“%(value)s” is not a date.") % {"value": as_text(values["Datum"])})
        scores = {}
        for column in SCORE_COLUMNS:
            score = as_score(values[column])
            if score is None:
                problems.append(
                    _("%(column)s must be a whole number from 1 to 5, not “%(value)s”.")
                    % {"column": column, "value": as_text(values[column])}
                )
            scores[column] = score
        if not problems:
            key = (organization.pk if organization else None, person.lower(), day)
            if key in seen:
                problems.append(_("Same stakeholder and date as row %(row)s.") % {"row": seen[key]})
            elif key in existing:
                problems.append(_("This stakeholder already has an assessment on this date."))
            seen.setdefault(key, sheet_row.number)
        record = None
        if not problems and day is not None:
            record = StakeholderAssessment(
                region_id=region.pk,
                organization_id=organization.pk if organization else None,
                person=person,
                assessed_on=day,
                action=as_text(values["Actie"]),
                **dict(zip(SCORE_FIELDS, scores.values(), strict=True)),
            )
            # The organisation, the date and the scores are checked above; the model checks
            # the two texts (their lengths).
            problems = model_problems(record, only=["person", "action"])
        if problems or record is None:
            errors.extend(RowError(sheet_row.number, p) for p in problems)
            continue
        good.append(StakeholderRow(row=sheet_row.number, assessment=record))
    return good, capped(errors)


def stakeholders_xlsx(region: Region) -> bytes:
    assessments = (
        StakeholderAssessment.objects.filter(region=region)
        .select_related("organization")
        .order_by("assessed_on", "organization__name", "person", "id")
    )
    rows = (
        [
            a.organization.name if a.organization else "",
            a.person,
            a.assessed_on,
            a.influence,
            a.interest,
            a.desired_influence,
            a.desired_interest,
            a.action,
        ]
        for a in assessments
    )
    return write_table(
        "Stakeholders", STAKEHOLDER_COLUMNS, rows, widths=[40, 25, 12, 9, 9, 16, 15, 60]
    )


def contacts_xlsx(professionals: list[Professional], flags: dict[int, tuple[bool, bool]]) -> bytes:
    rows = (
        [
            p.full_name,
            p.job_title,
            ", ".join(str(d) for d in p.disciplines.all()),
            p.organization.name,
            p.organization.get_kind_display(),
            p.organization.municipality.name if p.organization.municipality else "",
            p.email,
            p.phone,
            "ja" if flags.get(p.pk, (False, False))[0] else "",
            "ja" if flags.get(p.pk, (False, False))[1] else "",
        ]
        for p in professionals
    )
    return write_table(
        "Contactlijst", CONTACT_COLUMNS, rows, widths=[28, 28, 30, 40, 28, 20, 36, 16, 12, 14]
    )
