"""Writes of the network's records: one transaction each, with its audit event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nik.core import audit, textcheck
from nik.core.bulk import fewer_collections, insert_all
from nik.core.concurrency import claim
from nik.core.models import AuditAction, Organization, Professional, Region, User
from nik.core.xlsx import RowError

from .events import NetworkEvent
from .excel import parse_stakeholders
from .models import ProblemStatement, StakeholderAssessment, TargetGroup


@transaction.atomic
def do_save_organization(
    organization: Organization, *, acting_user: User, seen_version: int | None, fields: list[str]
) -> Organization:
    creating = organization.pk is None
    claim(organization, seen_version, fields)
    before = None if creating else Organization.objects.filter(pk=organization.pk).first()
    organization.save()
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        organization,
        organization.region,
        acting_user,
        changes=audit.changes(before, organization),
    )
    return organization


@transaction.atomic
def do_save_professional(
    professional: Professional,
    *,
    acting_user: User,
    seen_version: int | None,
    fields: list[str],
    disciplines: list[Any] | None = None,
) -> Professional:
    creating = professional.pk is None
    claim(professional, seen_version, fields)
    before = None if creating else Professional.objects.filter(pk=professional.pk).first()
    professional.save()
    if disciplines is not None:
        professional.disciplines.set(disciplines)
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        professional,
        professional.region,
        acting_user,
        changes=audit.changes(before, professional),
    )
    return professional


@transaction.atomic
def do_save_problem_statement(
    statement: ProblemStatement, *, acting_user: User, seen_version: int | None
) -> ProblemStatement:
    textcheck.check(statement.region, [statement.question, statement.idea, statement.reflection])
    claim(statement, seen_version, ["question", "idea", "reflection"])
    statement.updated_by = acting_user
    statement.save()
    audit.record_write(AuditAction.UPDATE, statement, statement.region, acting_user)
    return statement


@transaction.atomic
def do_new_target_group_version(
    region: Region, *, acting_user: User, values: dict[str, Any]
) -> TargetGroup:
    """A change to the target group is a new version; earlier versions stay as they were."""
    # Lock the region row so two coordinators saving at once get versions n and n+1.
    Region.objects.select_for_update().get(pk=region.pk)
    last = TargetGroup.objects.filter(region=region).aggregate(v=Max("version"))["v"] or 0
    group = TargetGroup(region=region, version=last + 1, created_by=acting_user, **values)
    group.full_clean()
    group.save()
    audit.record_write(AuditAction.CREATE, group, region, acting_user, version=group.version)
    return group


@transaction.atomic
def do_add_assessment(
    assessment: StakeholderAssessment, *, acting_user: User
) -> StakeholderAssessment:
    textcheck.check(assessment.region, [assessment.action])
    assessment.full_clean()
    assessment.save()
    audit.record_write(AuditAction.CREATE, assessment, assessment.region, acting_user)
    return assessment


@dataclass
class ImportReport:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "ok": self.ok,
            "errors": [{"row": e.row, "message": e.message} for e in self.errors],
        }


def do_import_stakeholders(
    region: Region,
    file: IO[bytes],
    *,
    acting_user: User,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """All or nothing: every row is checked; one wrong row and nothing is imported.

    The check runs outside a transaction (so a job's progress can be seen); the write is one.
    """
    with fewer_collections():
        rows, errors = parse_stakeholders(region, file, progress)
        if errors:
            return ImportReport(0, errors)
        with transaction.atomic():
            _write_stakeholders(region, rows, acting_user)
    return ImportReport(len(rows), [])


def _write_stakeholders(region: Region, rows: list[Any], acting_user: User) -> None:
    insert_all([row.assessment for row in rows])
    audit.record(
        action=AuditAction.CREATE,
        event=NetworkEvent.STAKEHOLDERS_IMPORTED,
        user=acting_user,
        region=region,
        object_type="network.stakeholderassessment",
        details={"imported": len(rows), "source": "xlsx"},
    )


def do_export(region: Region, *, acting_user: User, what: str, rows: int) -> None:
    audit.record(
        action=AuditAction.EXPORT,
        event=NetworkEvent.CONTACTS_EXPORTED,
        user=acting_user,
        region=region,
        object_type=what,
        details={"rows": rows, "format": "xlsx"},
    )


def empty_sheet_error() -> RowError:
    return RowError(1, _("No file was sent."))
