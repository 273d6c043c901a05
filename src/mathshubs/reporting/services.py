"""Long exports of the figures (ISSUE 11, part 4), made by a task worker: asked for on a
page, built with its progress written as it goes, downloaded by the person who asked,
erased a few days later."""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from mathshubs.dates import academic_year_slug
from mathshubs.exports import Table, csv_write
from mathshubs.reporting import exports, selectors
from mathshubs.reporting.counting import Scope
from mathshubs.reporting.models import ExportKind, ExportStatus, ReportExport

log = logging.getLogger(__name__)

ROWS_A_STEP = 2000  # a drill-down's rows between two progress writes
GONE = "You no longer have access to these figures, so the export was not made"
FAILED = (
    "Something went wrong while making the export. Ask for it again; if it fails again, "
    "tell the Maths Hubs national team"
)


def export_request(
    *, user: Any, kind: str, scope: Scope, year: int, figure: str = ""
) -> ReportExport:
    """The export asked for: the same one already waiting or being made, or a new one
    queued for a worker once this transaction commits."""
    from mathshubs.reporting.tasks import export_build as build_task

    fields = {
        "requested_by": user,
        "kind": kind,
        "academic_year": year,
        "hub_id": scope.hub_ids[0] if scope.kind == "hub" and scope.hub_ids else None,
        "region": scope.key if scope.kind == "region" else "",
        "figure": figure,
    }
    waiting = ReportExport.objects.filter(
        **fields, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]
    ).first()
    if waiting is not None:  # a second click while the first is being made
        return waiting
    steps = 1 if kind == ExportKind.ROWS_CSV else 4
    export = ReportExport.objects.create(**fields, scope_label=scope.label, steps=steps)
    transaction.on_commit(lambda: build_task.enqueue(export_id=str(export.pk)))
    return export


def _progress(export: ReportExport, done: int, stage: str, steps: int | None = None) -> None:
    export.steps_done, export.stage = done, stage
    if steps is not None:
        export.steps = steps
    ReportExport.objects.filter(pk=export.pk).update(
        steps_done=done, stage=stage, steps=export.steps
    )


def export_build(export_id: str) -> str:
    """Make the export's file; its status says how it went. Access is checked again
    here: a role taken away since the request stops it."""
    export = ReportExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.status != ExportStatus.QUEUED:
        return "gone" if export is None else export.status
    ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)
    try:
        scope = selectors.access_scope(
            user=export.requested_by,
            hub=str(export.hub_id) if export.hub_id else None,
            region=export.region or None,
        )
        name, content = _make(export, scope)
    except Http404:
        _finish(export, ExportStatus.FAILED, problem=GONE)
    except Exception:
        log.exception("report export %s failed", export.pk)
        _finish(export, ExportStatus.FAILED, problem=FAILED)
    else:
        export.file.save(name, ContentFile(content), save=False)
        _finish(export, ExportStatus.DONE)
    return export.status


def _finish(export: ReportExport, status: str, *, problem: str = "") -> None:
    export.status, export.problem, export.finished_at = status, problem, timezone.now()
    export.steps_done = export.steps if status == ExportStatus.DONE else export.steps_done
    export.stage = "" if status == ExportStatus.DONE else export.stage
    export.save(update_fields=["status", "problem", "finished_at", "file", "steps_done", "stage"])


def _make(export: ReportExport, scope: Scope) -> tuple[str, bytes]:
    slug = academic_year_slug(export.academic_year)
    if export.kind == ExportKind.REPORT_PDF:
        from mathshubs.reporting.report import STEPS, report_pdf

        content = report_pdf(
            scope=scope,
            year=export.academic_year,
            progress=lambda done, stage: _progress(export, done, stage, len(STEPS) + 1),
        )
        _progress(export, len(STEPS), "Saving the file")
        return f"maths-hubs-report-{slug}.pdf", content
    return f"{export.figure}-{slug}.csv", _rows_csv(export, scope)


def _rows_csv(export: ReportExport, scope: Scope) -> bytes:
    definition = selectors.definition_or_404(export.figure)
    rows = selectors.access_drilldown(
        user=export.requested_by, scope=scope, definition=definition, year=export.academic_year
    )
    if rows is None:
        raise Http404(selectors.NOT_FOUND)
    total = rows.count()
    steps = max(1, -(-total // ROWS_A_STEP))
    _progress(export, 0, f"Writing {total:,} rows", steps)
    header, cells = exports.drilldown_cells(definition.source)

    def written() -> Any:
        for number, row in enumerate(rows.iterator(chunk_size=ROWS_A_STEP), start=1):
            if number % ROWS_A_STEP == 0:
                _progress(export, number // ROWS_A_STEP, f"Written {number:,} of {total:,} rows")
            yield cells(row)

    out = io.StringIO()
    csv_write(out, Table(definition.key, header, written()))
    return out.getvalue().encode("utf-8")


def exports_erase_due(*, now: dt.datetime | None = None) -> int:
    """Erase exports (and their files) made more than REPORT_EXPORT_RETENTION_DAYS ago,
    and any left waiting that long."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.REPORT_EXPORT_RETENTION_DAYS)
    erased = 0
    for export in ReportExport.objects.filter(created_at__lt=cutoff).iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        erased += 1
    return erased
