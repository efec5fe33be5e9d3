"""Spreadsheet imports as background tasks: the registry of importers, the job, the task.

An app registers its importer (in its AppConfig.ready); core knows no app. The importer checks
every row (calling `progress` as it goes, outside any transaction, so the page can show it) and
then writes everything in one transaction, or nothing. Page uploads run through a job; the API's
import stays direct (its files are held to the same limits).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_tasks import task

from . import audit
from .auth import AuthedRequest
from .events import CoreEvent
from .limits import MAX_FILE_BYTES
from .models import AuditAction, ImportJob, ImportStatus, Region, User
from .xlsx import RowError, capped

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Run = Callable[..., tuple[int, list[RowError]]]


@dataclass(frozen=True)
class Importer:
    kind: str
    label: str | Promise
    run: Run  # run(region, file, *, acting_user, progress) -> (imported, errors)
    back: str  # the URL name of the page the import belongs to (takes the region's slug)


IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> None:
    IMPORTERS[importer.kind] = importer


class ImportRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@transaction.atomic
def do_queue_import(region: Region, kind: str, file: IO[bytes], *, acting_user: User) -> ImportJob:
    """Keep the uploaded file as a job and start the task once the job is committed."""
    if kind not in IMPORTERS:
        raise ImportRefused(_("Unknown kind of import."))
    content = file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ImportRefused(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    job = ImportJob.objects.create(
        region=region,
        kind=kind,
        filename=str(getattr(file, "name", ""))[:200],
        content=content,
        created_by=acting_user,
    )
    audit.record(
        action=AuditAction.CREATE,
        event=CoreEvent.IMPORT_QUEUED,
        user=acting_user,
        region=region,
        object_type="core.importjob",
        object_id=job.pk,
        details={"kind": kind, "bytes": len(content)},
    )
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


@task()
def run_import(job_id: int) -> str:
    """Claim the job (once, also with several workers), run its importer, keep the report."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return "taken"
    job = ImportJob.objects.select_related("region", "created_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(rows_checked=done, rows_total=total)

    try:
        imported, errors = IMPORTERS[job.kind].run(
            job.region,
            io.BytesIO(bytes(job.content)),
            acting_user=job.created_by,
            progress=progress,
        )
    except Exception:
        logger.exception("Import job %s failed", job_id)
        imported, status = 0, ImportStatus.FAILED
        errors = [RowError(1, _("The import failed; nothing was imported. Try again later."))]
    else:
        status = ImportStatus.REFUSED if errors else ImportStatus.DONE
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        imported=imported,
        errors=[{"row": e.row, "message": e.message} for e in capped(errors)],
        content=b"",
        finished_at=timezone.now(),
    )
    return str(status)


def open_job(region: Region, pk: Any) -> ImportJob | None:
    return ImportJob.objects.filter(region=region, pk=pk).first() if str(pk).isdigit() else None


def start_from_upload(request: AuthedRequest, region: Region, kind: str) -> HttpResponse:
    """Start an import from an uploaded file: to its job page, or the reason it cannot start."""
    file = request.FILES.get("file")
    importer = IMPORTERS[kind]
    try:
        if file is None:
            raise ImportRefused(_("No file was sent."))
        job = do_queue_import(region, kind, file, acting_user=request.user)
    except ImportRefused as refused:
        return render(
            request,
            "core/import_job.html",
            {
                "region": region,
                "job": None,
                "errors": [{"row": 1, "message": refused.message}],
                "label": importer.label,
                "back": reverse(importer.back, args=[region.slug]),
            },
            status=400,
        )
    return redirect("import_job", slug=region.slug, pk=job.pk)
