"""Background work for events, run by `mathshubs worker` and scheduled in ops/schedule.py."""

from __future__ import annotations

from django_tasks import task

from mathshubs.events.services import requirements_erase_due


@task()
def requirements_erase() -> int:
    """Erase dietary, access and other requirements once their event is long enough past."""
    return requirements_erase_due()
