"""Two leads (or two tabs) pressing "Send a reminder" at the same moment send one: the
activity's row is locked while the last reminder is checked (PostgreSQL: concurrent
writers and row locks)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mathshubs.evaluation.results import services
from mathshubs.evaluation.results.models import SurveyReminder
from tests.evaluation.results.conftest import DURING_SUMMER

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent writers need PostgreSQL; CI's second pass runs this",
)
TABS = 5


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reminders_send_one(cast, hand):
    outcomes: list[str] = []
    start = threading.Barrier(TABS)

    def send() -> None:
        start.wait()
        try:
            services.reminder_send(
                survey=hand.summer, activity=cast.activity, by=cast.leo, now=DURING_SUMMER
            )
            outcomes.append("sent")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(TABS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * (TABS - 1) + ["sent"]
    assert SurveyReminder.objects.count() == 1
