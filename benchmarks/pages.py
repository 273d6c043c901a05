"""Benchmark: server time and queries of the main pages and API calls on the national demo.

Run with `make bench` or `.venv/bin/python -c "import benchmarks.pages as b; b.main()"`.
Builds the national demo on a throw-away SQLite file, then asks each page as the
persona who would use it, through Django's test client (no network, no browser), and
prints the median and 95th percentile server time and the number of queries.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROUNDS = 25


def _cases(demo_people: dict[str, object]) -> list[tuple[str, str | None, str]]:
    from mathshubs.activities.models import Activity
    from mathshubs.directory.models import Institution

    school = Institution.objects.filter(hub__isnull=False).order_by("urn").first()
    participant = demo_people["participant@demo.test"]
    led = Activity.objects.filter(leads=demo_people["llme@demo.test"], academic_year=2023)
    activity = led.order_by("pk").first()
    hub = "london-south-east-plus"
    return [
        ("home", None, "/"),
        ("find your hub: typo", None, "/find-your-hub/?q=Aldgte+School"),
        ("find your hub: postcode", None, "/find-your-hub/?q=EC3A+5DE"),
        ("hubs list", None, "/hubs/"),
        ("hub page", None, "/hubs/london-south-east-plus/"),
        ("institutions search", None, "/institutions/?q=st+mary"),
        ("institutions page 400", None, "/institutions/?page=400"),
        ("institution page", None, f"/institutions/{school.urn}/"),
        ("people: hub lead", "hub@demo.test", "/people/"),
        ("people: LLME", "llme@demo.test", "/people/"),
        ("people: national", "national@demo.test", "/people/?q=smith"),
        ("person: hub lead", "hub@demo.test", f"/people/{participant.pk}/"),
        ("profile: participant", "participant@demo.test", "/account/profile/"),
        ("API hubs", None, "/api/v1/hubs"),
        ("API institutions", None, "/api/v1/institutions?q=academy&limit=50"),
        ("API find-hub", None, "/api/v1/find-hub?q=Camden"),
        ("API people: hub lead", "hub@demo.test", "/api/v1/people?limit=50"),
        ("API me", "participant@demo.test", "/api/v1/me"),
        ("catalogue 2023/24", None, "/catalogue/2023-24/"),
        ("NCP page", None, "/catalogue/ncp/NCP19-09/"),
        ("grant planner", None, "/ncps/NCP19-09/grant/?grant-schools=8"),
        ("activities: hub lead", "hub@demo.test", "/activities/"),
        ("activities: national", "national@demo.test", "/activities/"),
        ("hub's year plan", "hub@demo.test", f"/hubs/{hub}/activities/2023-24/"),
        ("activity page: lead", "llme@demo.test", f"/activities/{activity.pk}/"),
        ("activity page: hub lead", "hub@demo.test", f"/activities/{activity.pk}/"),
        ("journey: ready for Embedding", "hub@demo.test", f"/hubs/{hub}/journey/?next=embedding"),
        ("LLME register", "hub@demo.test", f"/hubs/{hub}/llmes/"),
        ("national LLMEs", "national@demo.test", "/llmes/"),
        ("hub grants", "hub@demo.test", f"/hubs/{hub}/grants/2023-24/"),
        ("API activities", "hub@demo.test", "/api/v1/activities?year=2023"),
        ("API activity grant", "hub@demo.test", f"/api/v1/activities/{activity.pk}/grant"),
        ("API hub grants", "hub@demo.test", f"/api/v1/hubs/{hub}/grants?year=2023-24"),
        ("API hub journey", "hub@demo.test", f"/api/v1/hubs/{hub}/journey?next=embedding"),
    ]


def demo_database(
    directory: Path, name: str = "pages", *, scale: str = "national", reuse: bool = False
) -> None:
    """Point Django at the demo to measure, in this process only: the national demo (seed
    1) built on a throw-away SQLite file in `directory`. With `reuse`, a bench honours
    MATHSHUBS_BENCH_BUILT (the URL of a demo already built; a SQLite one is copied first,
    so the bench never changes it) and MATHSHUBS_BENCH_DATABASE_URL (a database to build
    it in, PostgreSQL say)."""
    built = os.environ.get("MATHSHUBS_BENCH_BUILT") if reuse else None
    target = os.environ.get("MATHSHUBS_BENCH_DATABASE_URL") if reuse else None
    url = built or target or f"sqlite:///{directory / f'{name}.sqlite3'}"
    if built and built.startswith("sqlite:///"):
        copy = directory / f"{name}.sqlite3"
        source, into = sqlite3.connect(built.removeprefix("sqlite:///")), sqlite3.connect(copy)
        source.backup(into)  # consistent, WAL and all
        source.close()
        into.close()
        url = f"sqlite:///{copy}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mathshubs.settings")
    os.environ.setdefault("MATHSHUBS_TESTING", "false")
    os.environ.setdefault("MATHSHUBS_VAR_DIR", str(directory / "var"))
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    import django

    django.setup()
    from django.core.management import call_command

    from mathshubs.demo.builder import demo_build

    if built:
        return
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    demo_build(scale=scale, seed=1, say=lambda _line: None)


def signed_in(users: Iterable[Any]) -> dict[str | None, Any]:
    """A test client per user, signed in, by email; `None`: anonymous."""
    from django.test import Client

    clients: dict[str | None, Any] = {None: Client()}
    for user in users:
        clients[user.email] = Client()
        clients[user.email].force_login(user)
    return clients


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p95_ms: float
    queries: int


def measure(
    client: Any, url: str, rounds: int = ROUNDS, before: Callable[[], None] | None = None
) -> Timing:
    """Median and 95th percentile server time of `rounds` GETs, and their queries;
    `before` runs before each (to empty a cache, say) and is not timed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url  # warm caches, check it works
    times = []
    for _ in range(rounds):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    return Timing(statistics.median(times), p95, len(queries))


HEADER = f"{'page':28} {'who':24} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7}"


def row(label: str, who: str | None, timing: Timing) -> str:
    return (
        f"{label:28} {who or 'anonymous':24} {timing.median_ms:7.1f} "
        f"{timing.p95_ms:7.1f} {timing.queries:7d}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mathshubs-pages-bench-") as tmp:
        demo_database(Path(tmp))
        from mathshubs.accounts.models import User

        users = list(User.objects.select_related("person"))
        people = {user.email: user.person for user in users}
        clients = signed_in(users)
        print(HEADER)
        for label, who, url in _cases(people):
            print(row(label, who, measure(clients[who], url)), flush=True)
