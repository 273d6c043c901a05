"""Benchmark: server time and queries of the main pages and API calls on the national demo.

Run with `make bench` or `.venv/bin/python -c "import benchmarks.pages as b; b.main()"`.
Builds the national demo on a throw-away SQLite file, then asks each page as the
persona who would use it, through Django's test client (no network, no browser), and
prints the median and 95th percentile server time and the number of queries.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mathshubs-pages-bench-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'pages.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mathshubs.settings")
        os.environ.setdefault("MATHSHUBS_TESTING", "false")
        os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from mathshubs.accounts.models import User
        from mathshubs.demo.builder import demo_build

        call_command("migrate", verbosity=0)
        demo_build(scale="national", seed=1, say=lambda _line: None)
        users = {u.email: u for u in User.objects.select_related("person")}
        people = {email: user.person for email, user in users.items()}
        clients: dict[str | None, Client] = {None: Client()}
        for email, user in users.items():
            clients[email] = Client()
            clients[email].force_login(user)

        print(f"{'page':28} {'who':24} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7}")
        for label, who, url in _cases(people):
            client = clients[who]
            assert client.get(url).status_code == 200, url  # warm caches, check it works
            times = []
            for _ in range(ROUNDS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{label:28} {who or 'anonymous':24} {statistics.median(times):7.1f} "
                f"{p95:7.1f} {len(queries):7d}",
                flush=True,
            )
