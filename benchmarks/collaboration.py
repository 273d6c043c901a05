"""Benchmark: the collaboration spaces' pages on the national demo (ISSUE 13, "Speed").

Run with `make bench` or `.venv/bin/python benchmarks/run.py collaboration`. Builds the
national demo on a throw-away SQLite file (`MATHSHUBS_BENCH_BUILT`: the URL of a demo
already built, to measure that instead; a SQLite one is copied first, so the bench never
changes it), then, through Django's test client as members of the spaces:

1. the spaces list (an LLME's, and the national team's: every space of the year);
2. a space's thread list (the demo hub's LLME Community, and the busiest space);
3. a thread with 200 comments, made here for the bench (boosts on some) and deleted
   afterwards, as a member and as the hub lead (a manager: edit and history links);
4. the national daily digest (`digest_national`), when `collaboration.digest` exists:
   seconds, emails sent, people they went to (the locmem email backend: nothing leaves).

Each page: median and 95th percentile server time, and the queries of one request.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.pages import HEADER, demo_database, measure, row, signed_in

ROUNDS = 20
COMMENTS = 200


def _long_thread(space: Any, author: Any) -> Any:
    """A thread of the space with COMMENTS comments by its members, one in four boosted,
    all posted in the past day (so every reader sees them)."""
    from django.utils import timezone

    from mathshubs.collaboration.membership import members
    from mathshubs.collaboration.models import Boost, Comment, Thread

    people = list(members(space).order_by("pk").values_list("pk", flat=True)[:40])
    start = timezone.now() - dt.timedelta(days=1)
    thread = Thread.objects.create(
        space=space,
        author=author,
        title="Bench: a long conversation",
        body="<p>Planning next term's Work Group sessions: what should we change?</p>",
        posted_at=start,
    )
    comments = Comment.objects.bulk_create(
        Comment(
            thread=thread,
            author_id=people[i % len(people)],
            body=f"<p>Comment {i + 1}: in our schools the gap task worked best when "
            "teachers tried it with one class first and brought pupils' work back.</p>",
            posted_at=start + dt.timedelta(minutes=5 * (i + 1)),
        )
        for i in range(COMMENTS)
    )
    Boost.objects.bulk_create(
        Boost(comment=comment, person_id=people[(i + 1) % len(people)], text="👍")
        for i, comment in enumerate(comments)
        if i % 4 == 0
    )
    return thread


def digest_national() -> None:
    """The national daily digest, timed: `collaboration.digest.digest_send(now=...)` at
    07:00 on the demo's build day, so "the day before" holds the demo's news. Skipped,
    saying so, while the digest does not exist; a failure is printed, not raised."""
    try:
        from mathshubs.collaboration.digest import digest_send  # type: ignore[import-not-found]
    except ImportError:
        print("national digest: skipped (mathshubs.collaboration.digest does not exist yet)")
        return
    from django.core import mail
    from django.db.models import Max
    from django.test.utils import override_settings

    from mathshubs.collaboration.models import Comment, DigestRun, Thread
    from mathshubs.dates import LONDON

    latest = max(
        filter(
            None,
            (
                Thread.objects.aggregate(at=Max("posted_at"))["at"],
                Comment.objects.aggregate(at=Max("posted_at"))["at"],
            ),
        ),
        default=None,
    )
    if latest is None:
        print("national digest: skipped (the demo has no posts)")
        return
    # The morning of the demo's build day (its latest post): the digest of the day before,
    # which the demo fills on purpose.
    day = latest.astimezone(LONDON).date()
    now = dt.datetime.combine(day, dt.time(7, 0), LONDON)
    runs_before = set(DigestRun.objects.values_list("pk", flat=True))
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        started = time.perf_counter()
        try:
            sent = digest_send(now=now)
        except Exception as error:  # noqa: BLE001 (the digest is being written: report, go on)
            print(f"national digest: FAILED ({type(error).__name__}: {error})", flush=True)
            return
        finally:
            DigestRun.objects.exclude(pk__in=runs_before).delete()  # a built demo keeps its days
        seconds = time.perf_counter() - started
        people = {address for message in mail.outbox for address in message.to}
    print(
        f"national digest of {day - dt.timedelta(days=1):%a %d %b %Y}: {seconds:.1f} s, "
        f"{sent:,} emails sent, to {len(people):,} people",
        flush=True,
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mathshubs-collaboration-bench-") as tmp:
        demo_database(Path(tmp), "collaboration", reuse=True)
        from django.db import connection
        from django.db.models import Count

        from mathshubs.accounts.models import User
        from mathshubs.collaboration.models import Space, SpaceKind, Thread
        from mathshubs.demo.builder import HUB_EMAIL, LLME_EMAIL, NATIONAL_EMAIL
        from mathshubs.demo.people import DEMO_HUB_SLUG
        from mathshubs.directory.models import Hub

        users = {u.email: u for u in User.objects.select_related("person")}
        national, hub_lead, llme = users[NATIONAL_EMAIL], users[HUB_EMAIL], users[LLME_EMAIL]
        clients = signed_in([national, hub_lead, llme])
        hub = Hub.objects.get(slug=DEMO_HUB_SLUG)
        home = Space.objects.filter(kind=SpaceKind.HUB_COMMUNITY, hub=hub).latest("academic_year")
        busiest = Space.objects.annotate(n=Count("threads")).order_by("-n", "pk")[0]
        print(
            f"database: {connection.vendor}; {Space.objects.count():,} spaces, "
            f"{Thread.objects.count():,} threads; busiest: {busiest.name} ({busiest.n} threads)"
        )
        digest_national()  # before the bench's own thread, which is posted today
        thread = _long_thread(home, hub_lead.person)
        try:
            print(HEADER)
            for label, who, url in (
                ("spaces list: LLME", llme, "/spaces/"),
                ("spaces list: national", national, "/spaces/"),
                ("thread list: hub space", llme, f"/spaces/{home.pk}/"),
                ("thread list: busiest", national, f"/spaces/{busiest.pk}/"),
                (f"thread, {COMMENTS} comments", llme, f"/spaces/{home.pk}/threads/{thread.pk}/"),
                (
                    f"thread, {COMMENTS}: manager",
                    hub_lead,
                    f"/spaces/{home.pk}/threads/{thread.pk}/",
                ),
            ):
                timing = measure(clients[who.email], url, rounds=ROUNDS)
                print(row(label, who.email, timing), flush=True)
        finally:
            thread.delete()


if __name__ == "__main__":
    main()
