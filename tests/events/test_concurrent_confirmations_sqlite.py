"""Never more confirmations than places on the embedded SQLite database too (ISSUE 5, part 4),
under simultaneous confirmations: a real app server (gunicorn, several processes and threads)
on its own SQLite file, twelve people confirming at once for three places.

The suite's own SQLite database is in memory and shared by one connection, so it cannot
show concurrency; this test builds a file database of its own. On SQLite, every write
transaction starts with BEGIN IMMEDIATE (settings: transaction_mode), so confirmations of
one event queue for the database's write lock as they queue for the row lock on PostgreSQL
(tests/events/test_concurrent_confirmations.py). With that setting back at SQLite's
DEFERRED, the same crowd gets "database is locked" errors (500s) and this test fails.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.events.test_concurrent_confirmations import PEOPLE, PLACES, _confirm_all

ROOT = Path(__file__).resolve().parents[2]
SETUP = f"""
import datetime as dt, json, os
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from mathshubs.accounts.models import User
from mathshubs.accounts.services import api_token_create
from tests import factories as f
activity = f.ActivityFactory()
soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
event = f.EventFactory(
    activity=activity, capacity={PLACES}, starts_at=soon, ends_at=soon + dt.timedelta(hours=1)
)
secrets = []
for n in range({PEOPLE}):
    person = f.PersonFactory(email=f"teacher{{n}}@north.example")
    f.ParticipationFactory(activity=activity, person=person)
    user = User.objects.create(email=person.email, person=person)
    secrets.append(api_token_create(user=user, name="load").secret)
print(json.dumps({{"event": event.pk, "secrets": secrets}}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped before serving"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not listen on port {port} within {seconds} s")


@pytest.fixture
def sqlite_server(tmp_path):
    database = tmp_path / "confirmations.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mathshubs.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(ROOT),
    }
    made = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETUP], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout.strip().splitlines()[-1])
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "mathshubs.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "4",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, server)
        yield f"http://127.0.0.1:{port}", data, database
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_simultaneous_confirmations_never_overbook_on_sqlite(sqlite_server):
    url, data, database = sqlite_server
    codes = _confirm_all(f"{url}/api/v1/events/{data['event']}/confirm", data["secrets"])
    assert sorted(codes) == [200] * PLACES + [422] * (PEOPLE - PLACES)
    with sqlite3.connect(database) as db:
        (confirmed,) = db.execute(
            "SELECT COUNT(*) FROM events_registration WHERE event_id = ? AND status = ?",
            (data["event"], "confirmed"),
        ).fetchone()
    assert confirmed == PLACES
