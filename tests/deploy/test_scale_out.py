"""The production shape, run: on PostgreSQL, two gunicorn app servers, two task workers and
three schedulers as separate processes, against a database of their own.

Concurrent confirmations, cancellations and invitations go through both app servers from
many threads; then: no event holds more confirmations than places and every answer agrees
with the database; every email went exactly once; a worker killed (SIGKILL) in the middle
of a task loses nothing once a worker is back; each scheduled job is enqueued once per
due period however many schedulers run. A second test backs the database up with
`pg_dump -Fc`, restores it with `pg_restore` into another, and runs the app against it.

It needs a PostgreSQL server it may create databases on and takes about a minute, so it
runs as its own step of `.ci/run` (MATHSHUBS_SCALE_OUT=1), not inside the suite's passes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from mathshubs.ops.schedule import JOBS

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVER_URL = os.environ.get("SCALE_OUT_POSTGRES", "postgres://postgres@127.0.0.1:5432")

pytestmark = pytest.mark.skipif(
    os.environ.get("MATHSHUBS_SCALE_OUT") != "1",
    reason="the multi-process test starts a dozen processes on PostgreSQL: it runs as its "
    "own step of .ci/run (MATHSHUBS_SCALE_OUT=1 .venv/bin/pytest -s tests/deploy)",
)

PLACES, PARTICIPANTS, OUTSIDERS = 20, 60, 40
CANCELLING = 10
RACED_INVITES = 10  # outsiders invited at once by several requests through both servers
INVITE_RACE = 4
MAIL_DELAY = 0.1  # seconds per message, as an SMTP round trip
LEASE, HEARTBEAT = 3.0, 0.5
SCHEDULERS = 3
EVENT_FULL = "This event is full. You can join the waiting list."


# -- the database and the processes ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    """One database of its own and the processes running against it."""

    def __init__(self, folder: Path) -> None:
        import psycopg

        self.psycopg = psycopg
        self.folder = folder
        self.name = f"mathshubs_scaleout_{os.getpid()}"
        self.url = f"{SERVER_URL}/{self.name}"
        self.mailbox = folder / "mail"
        self.mailbox.mkdir()
        (folder / "var").mkdir()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.data: dict = {}

    def env(self, url: str | None = None) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTEST", "DATABASE_URL", "MATHSHUBS_", "EMAIL_", "TASKS_"))
        }
        env.update(
            DATABASE_URL=url or self.url,
            DJANGO_SETTINGS_MODULE="mathshubs.settings",
            MATHSHUBS_TESTING="false",
            MATHSHUBS_VAR_DIR=str(self.folder / "var"),
            TASKS_BACKEND="database",
            EMAIL_BACKEND="tests.deploy.mailbox.OneFilePerMessage",
            MAILBOX_DIR=str(self.mailbox),
            MAILBOX_DELAY=str(MAIL_DELAY),
            SECRET_KEY="scale-out-" + "x" * 50,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DEBUG="false",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(REPO),
        )
        return env

    def run(self, *argv: str, url: str | None = None) -> str:
        done = subprocess.run(
            argv, cwd=REPO, env=self.env(url), capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def admin_sql(self, sql: str) -> None:
        with self.psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as db:
            db.execute(sql)

    def query(self, sql: str, params: tuple = (), url: str | None = None) -> list[tuple]:
        with self.psycopg.connect(url or self.url, autocommit=True) as db:
            return db.execute(sql, params).fetchall()

    def create(self) -> None:
        started = time.monotonic()
        self.admin_sql(f'CREATE DATABASE "{self.name}"')
        self.run(str(BIN / "mathshubs"), "migrate", "--no-input", "-v0")
        seeded = self.run(
            str(BIN / "python"),
            "-m",
            "tests.deploy.seed",
            str(PLACES),
            str(PARTICIPANTS),
            str(OUTSIDERS),
        )
        self.data = json.loads(seeded.strip().splitlines()[-1])
        self.created_in = time.monotonic() - started

    def spawn(self, name: str, *argv: str, url: str | None = None) -> None:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        self.processes[name] = subprocess.Popen(
            argv,
            cwd=REPO,
            env=self.env(url),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn's workers die with it
        )
        log.close()

    def web(self, name: str, url: str | None = None, workers: int = 2) -> str:
        port = _free_port()
        gunicorn = [str(BIN / "gunicorn"), "mathshubs.wsgi", "--bind", f"127.0.0.1:{port}"]
        options = ["--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5"]
        self.spawn(name, *gunicorn, *options, url=url)
        return f"http://127.0.0.1:{port}"

    def worker(self, name: str) -> None:
        self.spawn(
            name,
            str(BIN / "mathshubs"),
            "worker",
            "--worker-id",
            name,
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--heartbeat",
            str(HEARTBEAT),
            "--lease",
            str(LEASE),
        )

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)

    def drop(self) -> None:
        self.admin_sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def logs(self) -> str:
        return "\n".join(
            f"--- {log.name}\n" + log.read_text(errors="replace")[-3000:]
            for log in sorted(self.folder.glob("*.log"))
        )

    # -- what the test reads back

    def mail(self) -> dict[tuple[str, str], list[str]]:
        """(recipient, first words of the subject) -> the Message-ID of each such message."""
        seen: dict[tuple[str, str], list[str]] = {}
        for path in self.mailbox.glob("*.eml"):
            message = message_from_bytes(path.read_bytes())
            subject = str(make_header(decode_header(message["Subject"])))
            seen.setdefault((message["To"], subject.split(":")[0]), []).append(
                message["Message-ID"]
            )
        return seen

    def mail_count(self) -> int:
        return sum(1 for _ in self.mailbox.glob("*.eml"))

    def wait_for_queue(self, timeout: float = 60) -> None:
        """Until no task is waiting or running."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            waiting = self.query(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status IN ('READY', 'RUNNING')"
            )[0][0]
            if not waiting:
                return
            time.sleep(0.2)
        raise AssertionError(f"tasks still queued after {timeout}s\n{self.logs()}")


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    folder = Path(tempfile.mkdtemp(prefix="mathshubs-scaleout-"))
    stack = Stack(folder)
    try:
        stack.create()
        yield stack
    finally:
        stack.stop_all()
        stack.drop()
        shutil.rmtree(folder, ignore_errors=True)  # failures quote the processes' logs


# -- driving the app servers -------------------------------------------------------------


def call(base: str, method: str, path: str, token: str, body: dict | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read() or b"null")


def wait_until_up(base: str, token: str, stack: Stack) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if call(base, "GET", "/api/v1/events", token)[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} did not answer\n{stack.logs()}")


def all_at_once(calls: list[Callable[[], tuple]]) -> list[tuple]:
    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(lambda f: f(), calls))


class Sampler(threading.Thread):
    """Reads the places taken as often as it can while requests run: the most ever seen."""

    def __init__(self, stack: Stack, event: int) -> None:
        super().__init__(daemon=True)
        self.stack, self.event, self.most, self.reads = stack, event, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        with self.stack.psycopg.connect(self.stack.url, autocommit=True) as db:
            while not self.done.is_set():
                taken = db.execute(
                    "SELECT count(*) FROM events_registration WHERE event_id = %s "
                    "AND status IN ('confirmed', 'offered')",
                    (self.event,),
                ).fetchone()[0]
                self.most, self.reads = max(self.most, taken), self.reads + 1
                time.sleep(0.02)


# -- the test ------------------------------------------------------------------------------


def test_two_app_servers_two_workers_and_three_schedulers_together(stack: Stack):
    started = time.monotonic()
    data, event = stack.data, stack.data["event"]
    people, lead = data["people"], data["lead_token"]
    servers = [stack.web("web1"), stack.web("web2")]
    stack.worker("worker1")
    stack.worker("worker2")
    for n in range(SCHEDULERS):
        stack.spawn(f"scheduler{n + 1}", str(BIN / "mathshubs"), "scheduler", "--interval", "1")
    for base in servers:
        wait_until_up(base, lead, stack)
    figures: Counter[str] = Counter()

    def send(n: int, method: str, path: str, token: str, body: dict | None = None):
        figures["requests"] += 1
        return lambda: call(servers[n % 2], method, path, token, body)

    sampler = Sampler(stack, event)
    sampler.start()

    # 1. Everyone confirms at once: 60 people, 20 places.
    answers = all_at_once(
        [
            send(n, "POST", f"/api/v1/events/{event}/confirm", p["token"])
            for n, p in enumerate(people)
        ]
    )
    confirmed_first = {p["id"] for p, (code, _) in zip(people, answers, strict=True) if code == 200}
    refused = [p for p, (code, _) in zip(people, answers, strict=True) if code != 200]
    assert len(confirmed_first) == PLACES, Counter(code for code, _ in answers)
    assert {(code, body["message"]) for code, body in answers if code != 200} == {(422, EVENT_FULL)}
    stack.wait_for_queue()

    # 2. At once: ten outsiders are invited by four requests through both servers, ten
    #    people cancel, and the forty refused try again.
    cancelling = [p for p in people if p["id"] in confirmed_first][:CANCELLING]
    raced = data["outsiders"][:RACED_INVITES]
    invite = f"/api/v1/events/{event}/invitations"
    calls = [send(n, "POST", invite, lead, {"emails": raced}) for n in range(INVITE_RACE)]
    calls += [
        send(n, "POST", f"/api/v1/events/{event}/cancel", p["token"])
        for n, p in enumerate(cancelling)
    ]
    calls += [
        send(n, "POST", f"/api/v1/events/{event}/confirm", p["token"])
        for n, p in enumerate(refused)
    ]
    answers = all_at_once(calls)
    invite_answers = answers[:INVITE_RACE]
    cancel_answers = answers[INVITE_RACE : INVITE_RACE + CANCELLING]
    confirm_answers = answers[INVITE_RACE + CANCELLING :]
    assert all(code == 200 for code, _ in cancel_answers), cancel_answers
    confirmed_second = {
        p["id"] for p, (code, _) in zip(refused, confirm_answers, strict=True) if code == 200
    }
    assert {(c, b["message"]) for c, b in confirm_answers if c != 200} <= {(422, EVENT_FULL)}
    assert {b["status"] for _, b in cancel_answers} == {"cancelled"}
    assert [code for code, _ in invite_answers] == [200] * INVITE_RACE, invite_answers
    assert sum(body["added"] for _, body in invite_answers) == RACED_INVITES, invite_answers
    stack.wait_for_queue()
    sampler.done.set()
    sampler.join()

    holding = {
        row[0]
        for row in stack.query(
            "SELECT person_id FROM events_registration "
            "WHERE event_id = %s AND status = 'confirmed'",
            (event,),
        )
    }
    assert sampler.most <= PLACES
    assert holding == (confirmed_first - {p["id"] for p in cancelling}) | confirmed_second
    assert len(holding) <= PLACES

    # 3. One invitation task for thirty people; its worker is killed half-way.
    late = data["outsiders"][RACED_INVITES:]
    before = stack.mail_count()
    code, body = call(servers[0], "POST", invite, lead, {"emails": late})
    figures["requests"] += 1
    assert code == 200 and body["added"] == len(late), body
    task_id, victim = _running_invitation_task(stack)
    while stack.mail_count() < before + len(late) // 6:
        time.sleep(0.005)
    # In the middle of a message's round trip, not in the instant between handing one
    # over and marking it sent (where a kill makes that one go twice: see below).
    time.sleep(MAIL_DELAY * 0.4)
    stack.kill(victim)
    sent_before_kill = stack.mail_count() - before
    assert stack.query(
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", (task_id,)
    ) == [("RUNNING",)]
    stack.worker(f"{victim}-restarted")
    stack.wait_for_queue()
    status, worker_ids = stack.query(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s",
        (task_id,),
    )[0]
    assert status == "SUCCESSFUL" and len(worker_ids) == 2, (status, worker_ids, stack.logs())

    # 4. Every email exactly once. The one exception the design allows: the message a
    #    killed worker had handed over but not yet marked goes again, with the same
    #    Message-ID (mathshubs.mail). The kill above is timed to miss that instant.
    mail = stack.mail()
    by_people = {p["id"]: p["email"] for p in people}
    expected = {
        (by_people[pk], "Attendance confirmed") for pk in confirmed_first | confirmed_second
    }
    expected |= {(email, "Invitation") for email in data["outsiders"]}
    assert set(mail) == expected, (set(mail) - expected, expected - set(mail))
    repeated = {key: ids for key, ids in mail.items() if len(ids) > 1}
    assert len(repeated) <= 1 and all(
        key[0] in late and len(ids) == 2 and len(set(ids)) == 1 for key, ids in repeated.items()
    ), repeated
    assert all(len(set(ids)) == 1 for ids in mail.values())

    # 5. Three schedulers: each job once, and once more each time its period passes.
    jobs = _scheduled(stack)
    assert jobs and set(jobs.values()) == {1}, jobs
    for round_ in (2, 3):
        for job in JOBS:  # its period passes
            stack.query(
                "UPDATE ops_scheduledrun SET last_enqueued_at = last_enqueued_at - %s "
                "WHERE job = %s RETURNING id",
                (job.every, job.task),
            )
        time.sleep(2.5)  # every scheduler ticks at least twice
        jobs = _scheduled(stack)
        assert set(jobs.values()) == {round_}, jobs
    stack.wait_for_queue()
    outcomes = stack.query(
        "SELECT task_path, status, exception_class_path FROM django_tasks_database_dbtaskresult "
        "WHERE status <> 'SUCCESSFUL'"
    )
    assert outcomes == [], outcomes

    figures["confirmations"] = len(confirmed_first) + len(confirmed_second)
    figures["cancellations"] = len(cancelling)
    figures["emails"] = sum(len(ids) for ids in mail.values())
    figures["tasks"] = stack.query("SELECT count(*) FROM django_tasks_database_dbtaskresult")[0][0]
    print(
        f"\nscale-out: 2 app servers x 2 gunicorn workers, 2 task workers, {SCHEDULERS} "
        f"schedulers; {figures['requests']} requests, {figures['confirmations']} "
        f"confirmations for {PLACES} places (most held at once: {sampler.most}, "
        f"{sampler.reads} reads), {figures['cancellations']} cancellations, "
        f"{figures['emails']} emails, {len(mail)} different, {len(repeated)} sent twice; "
        f"{figures['tasks']} tasks; worker killed after {sent_before_kill} of {len(late)} "
        f"invitations, none lost; "
        f"{len(jobs)} scheduled jobs enqueued once a period x 3 periods; "
        f"{time.monotonic() - started:.1f} s (and {stack.created_in:.1f} s to create, "
        "migrate and seed the database)"
    )


def _running_invitation_task(stack: Stack) -> tuple[str, str]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        rows = stack.query(
            "SELECT id, worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'RUNNING' AND task_path = 'mathshubs.events.tasks.invitations_send'"
        )
        if rows:
            return str(rows[0][0]), rows[0][1][-1]
        time.sleep(0.02)
    raise AssertionError(f"the invitation task never ran\n{stack.logs()}")


def _scheduled(stack: Stack) -> dict[str, int]:
    paths = [job.task for job in JOBS]
    rows = stack.query(
        "SELECT task_path, count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = ANY(%s) GROUP BY task_path",
        (paths,),
    )
    return dict.fromkeys(paths, 0) | dict(rows)


# -- backup and a tested restore -------------------------------------------------------


def test_a_backup_restores_into_a_new_database_that_the_app_runs_on(stack: Stack):
    """deploy/backup.sh makes the dump (and deletes dumps past their retention); the
    restore is the one docs/operations.md gives."""
    started = time.monotonic()
    restored = f"{stack.name}_restored"
    backups = stack.folder / "backups"
    backups.mkdir()
    expired = backups / "mathshubs-20000101T000000Z.dump"
    expired.write_bytes(b"an old dump")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(expired, (forty_days_ago, forty_days_ago))
    done = subprocess.run(
        [str(REPO / "deploy" / "backup.sh")],
        env={**os.environ, "DATABASE_URL": stack.url, "BACKUP_DIR": str(backups)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    dump = Path(done.stdout.strip())
    assert [p.name for p in backups.iterdir()] == [dump.name]  # the old one deleted
    stack.admin_sql(f'CREATE DATABASE "{restored}"')
    restored_url = f"{SERVER_URL}/{restored}"
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", restored_url, str(dump)],
            check=True,
            timeout=60,
        )
        tables = [
            row[0]
            for row in stack.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        count = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
        assert dict(stack.query(count, url=restored_url)) == dict(stack.query(count))
        # migrate runs the system checks first: `check` and no migration missing.
        stack.run(str(BIN / "mathshubs"), "migrate", "--check", url=restored_url)
        base = stack.web("web-restored", url=restored_url, workers=1)
        person = stack.data["people"][0]
        wait_until_up(base, person["token"], stack)
        event = stack.data["event"]
        code, body = call(base, "GET", f"/api/v1/events/{event}", person["token"])
        assert code == 200 and body["title"] == "Scale session", body
        # Writes too: a place given up and taken by someone else (a new row: the
        # sequences came back with the data).
        holding = {
            pk
            for (pk,) in stack.query(
                "SELECT person_id FROM events_registration WHERE event_id = %s",
                (event,),
                url=restored_url,
            )
        }
        confirmed = stack.query(
            "SELECT person_id FROM events_registration WHERE event_id = %s "
            "AND status = 'confirmed' LIMIT 1",
            (event,),
            url=restored_url,
        )[0][0]
        token = {p["id"]: p["token"] for p in stack.data["people"]}
        newcomer = next(p for p in stack.data["people"] if p["id"] not in holding)
        assert call(base, "POST", f"/api/v1/events/{event}/cancel", token[confirmed])[0] == 200
        code, body = call(base, "POST", f"/api/v1/events/{event}/confirm", newcomer["token"])
        assert code == 200 and body["status"] == "confirmed", body
        print(
            f"\nrestore: {dump.stat().st_size // 1024} KiB dump, {len(tables)} tables "
            "restored with the same rows; check, migrate --check, and the API reads and "
            f"writes on it; {time.monotonic() - started:.1f} s"
        )
    finally:
        if "web-restored" in stack.processes:
            stack.kill("web-restored", signal.SIGTERM)
        stack.admin_sql(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
