"""A task's worker killed half-way through its emails, then the task run again (as
mathshubs.ops.leases puts it back in the queue): for the tests of each emailing task."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from mathshubs.ops import leases


class WorkerKilled(BaseException):
    """Not an Exception: nothing in the task may catch it, as nothing catches SIGKILL."""


def killed_then_run_again(run: Callable[[], object], *, after: int = 2) -> None:
    """`run` as one queued task: its first run dies once `after` messages have gone, its
    second runs to the end."""
    task_id = str(uuid.uuid4())

    class Dying(EmailBackend):
        def send_messages(self, messages):
            if len(mail.outbox) >= after:
                raise WorkerKilled
            return super().send_messages(messages)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("mathshubs.mail.get_connection", lambda: Dying())
        with leases.running(task_id), pytest.raises(WorkerKilled):
            run()
    assert len(mail.outbox) == after
    with leases.running(task_id):
        run()


def times_each_was_emailed() -> set[int]:
    return set(Counter(message.to[0] for message in mail.outbox).values())
