"""Benchmark: many people confirming one event at once, on PostgreSQL (ISSUE 5, "Speed").

Run with `make bench` or `.venv/bin/python -c "import benchmarks.confirmations as b; b.main()"`.
Creates its own database (`ms_bench_confirm` on the PostgreSQL server of BENCH_POSTGRES,
default postgres://postgres@127.0.0.1:5432; dropped first if it is there, and at the end),
migrates it, makes one face-to-face event with 300 places and 2,000 invited people, then
starts 4, then 16 client processes together (BENCH_CLIENTS changes the 16), each time
on a new event. Each client calls the real service,
`events.services.registration_confirm`, for its share of the people, one after another,
as the web processes would (the service, not HTTP: this measures the row lock and the
writes, not the web server). Prints replies per second (confirmed or refused as full),
confirmations per second until the last place went, and the final confirmed count, which
must equal the places: zero overbooking (it stops with an error otherwise). Aim: 100
confirmations per second or more.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from typing import Any

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "ms_bench_confirm"
CAPACITY, PEOPLE = 300, 2000
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))  # the figure compared with the aim
CLIENT_COUNTS = sorted({4, CLIENTS})
TARGET_PER_SECOND = 100.0


def _django() -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mathshubs.settings")
    os.environ.setdefault("MATHSHUBS_TESTING", "false")
    import django

    django.setup()


def _fresh_database() -> None:
    """Drop and create the benchmark's own database (never another)."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')


def _drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def _people() -> list[int]:
    from mathshubs.directory.models import Person

    people = Person.objects.bulk_create(
        Person(email=f"person.{n}@bench.demo.test", first_name="Bench", last_name=f"{n}")
        for n in range(PEOPLE)
    )
    return [p.pk for p in people]


def _event(people: list[int]) -> int:
    """A national face-to-face event two months ahead with `CAPACITY` places, everyone
    invited."""
    from django.utils import timezone

    from mathshubs.events.models import Event, EventFormat, EventKind, Invitation

    starts = timezone.now() + dt.timedelta(days=60)
    event = Event.objects.create(
        kind=EventKind.NETWORK_EVENT,
        title="Maths Hubs Network conference",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
        format=EventFormat.FACE_TO_FACE,
        venue="Conference centre (illustrative)",
        capacity=CAPACITY,
    )
    Invitation.objects.bulk_create(Invitation(event=event, person_id=p) for p in people)
    return event.pk


def _client(event_id: int, person_ids: list[int], start: Any, results: Any) -> None:
    """One client process: confirm each of its people in turn, once every client is ready."""
    _django()
    from django.core.exceptions import ValidationError

    from mathshubs.directory.models import Person
    from mathshubs.events.models import Event
    from mathshubs.events.services import registration_confirm

    event = Event.objects.get(pk=event_id)
    people = list(Person.objects.filter(pk__in=person_ids).order_by("pk"))
    start.wait()
    confirmed, full, last = 0, 0, 0.0
    for person in people:
        try:
            registration_confirm(event=event, person=person)
        except ValidationError:
            full += 1
        else:
            confirmed += 1
            last = time.monotonic()
    results.put((confirmed, full, last, time.monotonic()))


def _run(clients: int, people: list[int]) -> float:
    """One event, `clients` processes confirming all the people at once; prints the figures
    and returns the confirmations a second."""
    from django.db import connections

    from mathshubs.events.models import Registration, RegistrationStatus

    event_id = _event(people)
    connections.close_all()  # the clients open their own
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(clients + 1), context.Queue()
    processes = [
        context.Process(target=_client, args=(event_id, people[i::clients], start, results))
        for i in range(clients)
    ]
    for process in processes:
        process.start()
    start.wait()
    began = time.monotonic()
    replies = [results.get() for _ in processes]
    for process in processes:
        process.join()
    confirmed = Registration.objects.filter(
        event_id=event_id, status=RegistrationStatus.CONFIRMED
    ).count()
    said_yes, said_full = sum(r[0] for r in replies), sum(r[1] for r in replies)
    filled = max(r[2] for r in replies) - began
    done = max(r[3] for r in replies) - began
    rate = said_yes / filled if filled > 0 else float("inf")
    print(
        f"{clients:7d} {said_yes + said_full:8,} {(said_yes + said_full) / done:9.1f} "
        f"{filled:9.2f} {rate:9.1f} {confirmed:9d} {confirmed - CAPACITY:10d}",
        flush=True,
    )
    if confirmed != CAPACITY or said_yes != CAPACITY:
        raise SystemExit("Overbooked or places left: the confirmations do not add up")
    return rate


def main() -> None:
    import psycopg

    try:
        _fresh_database()
    except psycopg.OperationalError as error:
        print(f"skipped: no PostgreSQL at {SERVER} ({error}).")
        print("Start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start")
        return
    try:
        _django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        people = _people()
        print(f"{PEOPLE:,} invited people, one event of {CAPACITY} places per row (PostgreSQL)")
        print(
            f"{'clients':>7} {'replies':>8} {'replies/s':>9} {'filled s':>9} "
            f"{'confirm/s':>9} {'confirmed':>9} {'overbooked':>10}"
        )
        rates = {clients: _run(clients, people) for clients in CLIENT_COUNTS}
        from django.db import connections

        connections.close_all()
    finally:
        _drop_database()
    rate = rates[CLIENTS]
    verdict = "within" if rate >= TARGET_PER_SECOND else "BELOW"
    print(
        f"{rate:.0f} confirmations a second with {CLIENTS} clients: "
        f"{verdict} the {TARGET_PER_SECOND:.0f} a second aim; never overbooked"
    )


if __name__ == "__main__":
    main()
