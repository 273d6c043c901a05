"""Background work for people's data, scheduled daily in ops/schedule.py."""

from __future__ import annotations

from django_tasks import task

from mathshubs.privacy import retention


@task()
def retention_enforce() -> dict[str, int]:
    """Delete or de-identify every kind of personal data kept longer than
    settings.RETENTION allows (docs/privacy.md); returns what changed, per kind."""
    return retention.retention_enforce()
