"""A long export of the figures (ISSUE 11, part 4): the national report as a PDF, or every
row behind a figure as CSV, made by a task worker while the reader watches its progress.

Only the person who asked reads it, and only while the figures are still theirs to read;
the file is erased `REPORT_EXPORT_RETENTION_DAYS` after it was made (a drill-down names
schools and people)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ExportKind(models.TextChoices):
    REPORT_PDF = "report-pdf", "The report (PDF)"
    ROWS_CSV = "rows-csv", "The rows behind a figure (CSV)"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready to download"
    FAILED = "failed", "Could not be made"


def export_path(export: ReportExport, filename: str) -> str:
    return f"reports/{export.pk}/{filename}"


class ReportExport(models.Model):
    # Not a counter: the address of an export says nothing of how many others exist.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports"
    )
    kind = models.CharField(max_length=20, choices=ExportKind.choices)
    academic_year = models.PositiveSmallIntegerField()
    # The scope as the address gives it (selectors.access_scope checks it again at build).
    hub = models.ForeignKey(
        "directory.Hub", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.CharField(max_length=50, blank=True)
    scope_label = models.CharField(max_length=200)
    figure = models.CharField(max_length=60, blank=True)  # a definition's key (rows)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    steps_done = models.PositiveIntegerField(default=0)
    steps = models.PositiveIntegerField(default=1)
    stage = models.CharField(max_length=200, blank=True)  # what is being done now
    file = models.FileField(upload_to=export_path, max_length=500, blank=True)
    problem = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_export_mine"),
            models.Index(fields=["finished_at"], name="report_export_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.scope_label}, {self.academic_year}"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, 100 * self.steps_done // max(self.steps, 1))

    @property
    def progress_text(self) -> str:
        """What the export's page says of it, and its polling reads."""
        if self.status == ExportStatus.QUEUED:
            return "Waiting for a worker to start it"
        if self.status == ExportStatus.RUNNING:
            return f"{self.stage or 'Starting'}: {self.percent}% done"
        return self.get_status_display()

    @property
    def pending(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
