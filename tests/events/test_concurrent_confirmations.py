"""Never more confirmations than places, under many simultaneous confirmations (ISSUE 5,
part 4): real HTTP requests from threads at a live server, on the suite's database."""

from __future__ import annotations

import datetime as dt
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from mathshubs.accounts.models import User
from mathshubs.accounts.services import api_token_create
from mathshubs.events.models import Event
from mathshubs.events.services import registrations as services
from tests import factories as f

PEOPLE = 12
PLACES = 3

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent writers need PostgreSQL; CI's second pass runs this",
)


@pytest.fixture
def crowd(transactional_db, cast):
    """A session of Leo's Work Group with 3 places and 12 participants, each with a token."""
    event = f.EventFactory(
        activity=cast.activity,
        capacity=PLACES,
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=30),
        ends_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=30, hours=1),
    )
    secrets = []
    for n in range(PEOPLE):
        person = f.PersonFactory(email=f"teacher{n}@north.example")
        f.ParticipationFactory(activity=cast.activity, person=person)
        user = User.objects.create(email=person.email, person=person)
        secrets.append(api_token_create(user=user, name="load").secret)
    return event, secrets


def _confirm_all(url: str, secrets: list[str]) -> list[int]:
    codes: list[int] = []
    start = threading.Barrier(len(secrets))

    def confirm(secret: str) -> None:
        request = urllib.request.Request(
            url, method="POST", data=b"", headers={"Authorization": f"Bearer {secret}"}
        )
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                codes.append(response.status)
        except urllib.error.HTTPError as error:
            codes.append(error.code)
            error.read()

    threads = [threading.Thread(target=confirm, args=(secret,)) for secret in secrets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


@pytest.fixture
def slow_counting(monkeypatch):
    """Widen the gap between counting the places and taking one, so that a race, if there
    can be one, happens every time."""
    count = services._places_taken

    def slowly(event: Event) -> int:
        taken = count(event)
        time.sleep(0.2)
        return taken

    monkeypatch.setattr(services, "_places_taken", slowly)


def test_simultaneous_confirmations_never_overbook(live_server, crowd, slow_counting):
    event, secrets = crowd
    codes = _confirm_all(f"{live_server.url}/api/v1/events/{event.pk}/confirm", secrets)
    assert sorted(codes) == [200] * PLACES + [422] * (PEOPLE - PLACES)
    assert event.registrations.filter(status="confirmed").count() == PLACES


def test_without_the_row_lock_the_same_crowd_overbooks(live_server, crowd, monkeypatch):
    # The guard removed: the event is read without a lock. Every request counts the places
    # and then waits until all of them have counted, as simultaneous requests can; with
    # nothing to make them queue, all of them take a place. This shows the test above
    # would catch a change that lost the lock.
    monkeypatch.setattr(services, "_lock_event", lambda pk: Event.objects.get(pk=pk))
    everyone_counted = threading.Barrier(PEOPLE, timeout=20)
    count = services._places_taken

    def together(event: Event) -> int:
        taken = count(event)
        everyone_counted.wait()
        return taken

    monkeypatch.setattr(services, "_places_taken", together)
    event, secrets = crowd
    codes = _confirm_all(f"{live_server.url}/api/v1/events/{event.pk}/confirm", secrets)
    assert codes == [200] * PEOPLE
    assert event.registrations.filter(status="confirmed").count() == PEOPLE > PLACES
