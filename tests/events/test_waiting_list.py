"""The waiting list and offers of freed places (ISSUE 5, part 4): waiting_list_join,
waiting_list_leave, places_offer, and what registration_confirm/cancel do with offers."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading

import pytest
import time_machine
from django import db
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import Registration, RegistrationStatus
from mathshubs.events.services import organising, registrations, waiting
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)  # the session is on 7 March, online
LATE = dt.datetime(2024, 3, 6, 0, 0, tzinfo=LONDON)


@pytest.fixture
def full(cast):
    """Leo's Work Group session with one place, taken by Pat; two more participants."""
    event = f.EventFactory(activity=cast.activity, capacity=1)
    services.registration_confirm(event=event, person=cast.pat.person, now=BEFORE)
    ann = f.PersonFactory(first_name="Ann", email="ann@north.example")
    ben = f.PersonFactory(first_name="Ben", email="ben@north.example")
    for person in (ann, ben):
        f.ParticipationFactory(activity=cast.activity, person=person)
    return event, ann, ben


def _status(event, person) -> str:
    return Registration.objects.get(event=event, person=person).status


def test_an_eligible_person_joins_the_waiting_list_of_a_full_event(full):
    event, ann, _ = full
    registration = waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    assert registration.status == RegistrationStatus.WAITING
    assert registration.waiting_since == BEFORE


def test_joining_twice_keeps_the_first_place_in_the_queue(full):
    event, ann, _ = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    again = waiting.waiting_list_join(event=event, person=ann, now=BEFORE + dt.timedelta(hours=1))
    assert again.waiting_since == BEFORE


def test_it_refuses_the_waiting_list_while_places_remain(cast):
    event = f.EventFactory(activity=cast.activity, capacity=2)
    with pytest.raises(ValidationError) as error:
        waiting.waiting_list_join(event=event, person=cast.pat.person, now=BEFORE)
    assert error.value.messages == [waiting.NOT_FULL]
    unlimited = f.EventFactory(activity=cast.activity)
    with pytest.raises(ValidationError, match="still has places"):
        waiting.waiting_list_join(event=unlimited, person=cast.pat.person, now=BEFORE)
    assert not Registration.objects.exists()


def test_it_refuses_someone_not_eligible(cast, full):
    event, _, _ = full
    with pytest.raises(PermissionDenied, match="not invited"):
        waiting.waiting_list_join(event=event, person=cast.sam.person, now=BEFORE)


def test_it_refuses_after_the_deadline(full):
    event, ann, _ = full
    with pytest.raises(ValidationError, match="The deadline to join the waiting list was Tuesday"):
        waiting.waiting_list_join(event=event, person=ann, now=LATE)


def test_it_refuses_someone_already_confirmed(cast, full):
    event, _, _ = full
    with pytest.raises(ValidationError) as error:
        waiting.waiting_list_join(event=event, person=cast.pat.person, now=BEFORE)
    assert error.value.messages == [waiting.ALREADY_CONFIRMED]


def test_a_cancelled_place_is_offered_to_the_first_waiting_not_the_second(cast, full):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ben, now=BEFORE + dt.timedelta(minutes=1))
    services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    offered = Registration.objects.get(event=event, person=ann)
    assert offered.status == RegistrationStatus.OFFERED
    assert offered.offered_at == BEFORE
    assert _status(event, ben) == RegistrationStatus.WAITING


def test_the_queue_goes_by_waiting_since_not_by_who_registered_first(cast, full):
    event, ann, ben = full
    # Ben's row is older (he confirmed and cancelled elsewhere in time), but Ann waits longer.
    Registration.objects.create(
        event=event, person=ben, status=RegistrationStatus.WAITING, waiting_since=BEFORE
    )
    Registration.objects.create(
        event=event,
        person=ann,
        status=RegistrationStatus.WAITING,
        waiting_since=BEFORE - dt.timedelta(days=1),
    )
    services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    assert _status(event, ann) == RegistrationStatus.OFFERED
    assert _status(event, ben) == RegistrationStatus.WAITING


def test_the_person_offered_confirms_although_the_event_is_full(cast, full):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    registration = services.registration_confirm(event=event, person=ann, now=BEFORE)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1


def test_no_one_else_can_take_the_place_held_for_the_person_offered(cast, full):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    with pytest.raises(ValidationError) as error:
        services.registration_confirm(event=event, person=ben, now=BEFORE)
    assert error.value.messages == [services.EVENT_FULL]
    with pytest.raises(ValidationError, match="full"):
        services.registration_confirm(event=event, person=cast.pat.person, now=BEFORE)


def test_two_cancellations_offer_two_places_to_two_people(cast, full):
    event, ann, ben = full
    event.capacity = 2
    event.save()
    services.registration_confirm(event=event, person=cast.leo.person, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ben, now=BEFORE + dt.timedelta(minutes=1))
    services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    services.registration_cancel(event=event, person=cast.leo.person, now=BEFORE)
    assert _status(event, ann) == _status(event, ben) == RegistrationStatus.OFFERED


def test_turning_down_an_offer_passes_the_place_to_the_next(cast, full):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ben, now=BEFORE + dt.timedelta(minutes=1))
    services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    left = waiting.waiting_list_leave(event=event, person=ann, now=BEFORE)
    assert left.status == RegistrationStatus.CANCELLED
    assert _status(event, ben) == RegistrationStatus.OFFERED


def test_leaving_the_waiting_list(full):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_leave(event=event, person=ann, now=BEFORE)
    assert _status(event, ann) == RegistrationStatus.CANCELLED
    with pytest.raises(ValidationError) as error:
        waiting.waiting_list_leave(event=event, person=ben, now=BEFORE)
    assert error.value.messages == [waiting.NOT_WAITING]


def test_raising_the_capacity_offers_the_new_places_in_order(cast, full):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ben, now=BEFORE + dt.timedelta(minutes=1))
    event.capacity = 2
    event.save()
    offers = waiting.places_offer(event=event, now=BEFORE)
    assert [r.person for r in offers] == [ann]
    assert waiting.places_offer(event=event, now=BEFORE) == []  # the place is held already
    event.capacity = None
    event.save()
    assert [r.person for r in waiting.places_offer(event=event, now=BEFORE)] == [ben]


def test_an_organiser_raising_the_capacity_offers_the_new_place_to_the_first_waiting(
    cast, full, django_capture_on_commit_callbacks
):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ben, now=BEFORE + dt.timedelta(minutes=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes = organising.event_update(event=event, by=cast.harriet, capacity=2, now=BEFORE)
    assert changes == ["Places: 2 (was 1)"]
    assert _status(event, ann) == RegistrationStatus.OFFERED
    assert _status(event, ben) == RegistrationStatus.WAITING
    assert [m.to for m in mail.outbox] == [["ann@north.example"]]
    assert mail.outbox[0].subject.startswith("A place is free for you")


def test_an_organiser_removing_the_limit_offers_a_place_to_everyone_waiting(cast, full):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ben, now=BEFORE + dt.timedelta(minutes=1))
    organising.event_update(event=event, by=cast.leo, capacity=None, now=BEFORE)
    assert _status(event, ann) == _status(event, ben) == RegistrationStatus.OFFERED


def test_an_organisers_change_after_the_deadline_offers_nothing(cast, full):
    event, ann, _ = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    organising.event_update(event=event, by=cast.leo, capacity=3, now=LATE)
    assert _status(event, ann) == RegistrationStatus.WAITING


def test_nothing_is_offered_after_the_deadline(cast, full):
    event, ann, _ = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    event.capacity = 5
    event.save()
    assert waiting.places_offer(event=event, now=LATE) == []
    assert _status(event, ann) == RegistrationStatus.WAITING


def test_an_offer_lapses_at_the_deadline(cast, full):
    event, ann, _ = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    with pytest.raises(ValidationError, match="The deadline to confirm was"):
        services.registration_confirm(event=event, person=ann, now=LATE)


def test_the_offer_is_emailed_once_the_cancellation_commits(
    cast, full, django_capture_on_commit_callbacks
):
    event, ann, ben = full
    waiting.waiting_list_join(event=event, person=ann, now=BEFORE)
    waiting.waiting_list_join(event=event, person=ben, now=BEFORE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(event=event, person=cast.pat.person, now=BEFORE)
    assert [m.to for m in mail.outbox] == [["ann@north.example"]]
    assert "Confirm" in mail.outbox[0].body or "confirm" in mail.outbox[0].body


def test_the_api_joins_and_leaves_the_waiting_list(cast, full):
    event, _, _ = full
    client = client_for(cast.leo)
    url = reverse("api:event_waiting_join", args=[event.pk])
    with time_machine.travel(BEFORE, tick=False):
        response = client.post(url)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "waiting"
        response = client.delete(reverse("api:event_waiting_leave", args=[event.pk]))
        assert response.status_code == 200
        assert response.json()["status"] == "cancelled"
        assert client.delete(url).status_code == 422


def test_the_api_refuses_strangers_and_anonymous(cast, full):
    event, _, _ = full
    url = reverse("api:event_waiting_join", args=[event.pk])
    with time_machine.travel(BEFORE, tick=False):
        _refusals(cast, url)


def _refusals(cast, url):
    assert client_for(None).post(url).status_code == 401
    assert client_for(cast.sam).post(url).status_code == 404
    assert client_for(cast.simon).post(url).status_code == 404
    # Harriet sees the event (her hub's) but is not invited to it.
    assert client_for(cast.harriet).post(url).status_code == 403


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent writers need PostgreSQL; CI's second pass runs this",
)
def test_simultaneous_cancellations_and_confirmations_never_give_a_place_twice(
    transactional_db, cast, monkeypatch
):
    """Two places, both taken; two people waiting; two cancellations and four other
    confirmations at once. Each freed place goes to one waiting person, never to a
    newcomer, never twice: the offers are made under the event row lock."""
    event = f.EventFactory(activity=cast.activity, capacity=2)
    pat, leo = cast.pat.person, cast.leo.person
    for person in (pat, leo):
        services.registration_confirm(event=event, person=person, now=BEFORE)
    queue = [f.PersonFactory(email=f"queue{n}@north.example") for n in range(2)]
    others = [f.PersonFactory(email=f"other{n}@north.example") for n in range(4)]
    for person in queue + others:
        f.ParticipationFactory(activity=cast.activity, person=person)
    for n, person in enumerate(queue):
        waiting.waiting_list_join(event=event, person=person, now=BEFORE + dt.timedelta(n))
    count = registrations._places_taken
    # Each cancellation, once it has counted the places, waits for the other to count too
    # (up to a second): without the lock both would then offer the same place to the first
    # waiting; with it the second is still queued behind the first, and the wait times out.
    cancelling = threading.local()
    both_counted = threading.Barrier(2, timeout=1)

    def counted(locked):
        taken = count(locked)
        if getattr(cancelling, "yes", False):
            with contextlib.suppress(threading.BrokenBarrierError):
                both_counted.wait()
        return taken

    monkeypatch.setattr(registrations, "_places_taken", counted)
    start = threading.Barrier(2 + len(others))
    outcomes: list[str] = []

    def run(action, person):
        cancelling.yes = action is services.registration_cancel
        start.wait()
        try:
            action(event=event, person=person, now=BEFORE)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            db.connection.close()

    jobs = [(services.registration_cancel, p) for p in (pat, leo)]
    jobs += [(services.registration_confirm, p) for p in others]
    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["ok", "ok"] + [services.EVENT_FULL] * len(others))
    statuses = dict(event.registrations.values_list("person__email", "status"))
    assert statuses["queue0@north.example"] == statuses["queue1@north.example"] == "offered"
    held = event.registrations.filter(status__in=["confirmed", "offered"]).count()
    assert held == 2
