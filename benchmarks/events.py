"""Benchmark: the Events page and GET /api/v1/events on the national demo (ISSUE 5, "Speed").

Run with `make bench` or `.venv/bin/python -c "import benchmarks.events as b; b.main()"`.
Builds the national demo on a throw-away SQLite file (benchmarks/pages.py's helpers), then
asks each tab of the Events page and of the API as the demo participant and as the demo
person with the most events (an LLME: sessions they lead, national workshops, network
events), and prints the median and 95th percentile server time and the queries.
Aim: the Events page under 50 ms median on SQLite.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.pages import HEADER, demo_database, measure, row, signed_in

TARGET_MS = 50.0
TABS = ("eligible", "upcoming", "past")


def _busiest() -> object:
    """A user for the demo person with the most registrations (made here if they have none)."""
    from django.db.models import Count

    from mathshubs.accounts.models import User
    from mathshubs.directory.models import Person

    person = (
        Person.objects.annotate(n=Count("registrations")).order_by("-n", "pk").only("email").first()
    )
    user, _ = User.objects.get_or_create(email=person.email, defaults={"person": person})
    return user


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mathshubs-events-bench-") as tmp:
        demo_database(Path(tmp))
        from django.utils import timezone

        from mathshubs.accounts.models import User
        from mathshubs.demo.builder import PARTICIPANT_EMAIL
        from mathshubs.events.selectors import events_tab

        participant = User.objects.select_related("person").get(email=PARTICIPANT_EMAIL)
        busiest = _busiest()
        clients = signed_in([participant, busiest])
        now = timezone.now()
        for user in (participant, busiest):
            sizes = {tab: events_tab(person=user.person, tab=tab, now=now).count() for tab in TABS}
            shown = ", ".join(f"{tab} {n}" for tab, n in sizes.items())
            print(f"{user.email}: {user.person.registrations.count()} registrations; {shown}")
        print(HEADER)
        medians = []
        for user in (participant, busiest):
            for tab in TABS:
                for label, url in (
                    (f"Events page: {tab}", f"/events/?tab={tab}"),
                    (f"API events: {tab}", f"/api/v1/events?tab={tab}"),
                ):
                    timing = measure(clients[user.email], url)
                    if url.startswith("/events/"):
                        medians.append(timing.median_ms)
                    print(row(label, user.email[:24], timing), flush=True)
        worst = max(medians)
        verdict = "within" if worst < TARGET_MS else "OVER"
        print(f"slowest Events page median {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms aim")


if __name__ == "__main__":
    main()
