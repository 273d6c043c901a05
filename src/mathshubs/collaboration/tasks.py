"""Background work for the spaces (ISSUE 13, part 4), run by `mathshubs worker`:
a post's emails once it commits, scheduled posts as they go and the 07:00 digest
(both scheduled in ops/schedule.py every few minutes)."""

from __future__ import annotations

from django_tasks import task

from mathshubs.collaboration import digest, notify


@task()
def post_notify(*, kind: str, post_id: int, only: list[int] | None = None) -> int:
    return notify.post_notify(kind=kind, post_id=post_id, only=only)


@task()
def scheduled_send() -> int:
    """Posts scheduled for the next working morning go out, with their emails."""
    return notify.scheduled_send()


@task()
def digest_send() -> int:
    """From 07:00 London: yesterday's digest to everyone who chose it, once per day."""
    return digest.digest_send()
