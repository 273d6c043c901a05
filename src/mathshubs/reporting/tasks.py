"""Background work for reporting, run by `mathshubs worker`: long exports, and erasing
them once old (scheduled hourly in ops/schedule.py)."""

from __future__ import annotations

from django_tasks import task

from mathshubs.reporting import services


@task()
def export_build(*, export_id: str) -> str:
    """Make one export: the report as a PDF, or the rows behind a figure as CSV."""
    return services.export_build(export_id)


@task()
def exports_erase() -> int:
    return services.exports_erase_due()
