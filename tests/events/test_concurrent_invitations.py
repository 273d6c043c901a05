"""Two organisers (or two app servers) inviting the same people at the same moment invite,
and email, each person once: found by the multi-process test (tests/deploy)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading

import pytest
from django.db import connection

from mathshubs.events.models import Invitation
from mathshubs.events.services import invitations
from tests import factories as f

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes its one write lock when a transaction begins, so the two requests "
    "cannot overlap there; CI's PostgreSQL pass runs this",
)


@pytest.fixture
def both_look_before_either_writes(monkeypatch):
    """Each request checks who is already invited, then waits (up to a second) for the
    other to have checked too: without a lock, both find no one and both invite."""
    check = invitations._already_eligible
    both_checked = threading.Barrier(2, timeout=1)

    def then_wait(event, person_ids):
        found = check(event, person_ids)
        # Broken when the other request waits on the lock instead: as it should.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait()
        return found

    monkeypatch.setattr(invitations, "_already_eligible", then_wait)


def test_the_same_people_invited_twice_at_once_are_invited_and_emailed_once(
    transactional_db, cast, both_look_before_either_writes, monkeypatch
):
    event = f.EventFactory(
        activity=cast.activity,
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=30),
        ends_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=30, hours=1),
    )
    emails = [f.PersonFactory(email=f"guest{n}@south.example").email for n in range(3)]
    emailed: list[int] = []
    monkeypatch.setattr(
        invitations.notify,
        "notify_invited",
        lambda *, event, person_ids=None: emailed.extend(person_ids or []),
    )
    added: list[int] = []

    def invite() -> None:
        try:
            added.append(invitations.invitations_add(event=event, by=cast.leo, emails=emails).added)
        finally:
            connection.close()

    threads = [threading.Thread(target=invite) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(added) == [0, 3]
    assert len(emailed) == 3
    assert Invitation.objects.filter(event=event).count() == 3
