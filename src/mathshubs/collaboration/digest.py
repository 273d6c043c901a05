"""The daily digest (ISSUE 13, part 4): at 07:00 Europe/London, one email to each person
who chose "Daily digest" for any of their spaces, with the day before's news of those
spaces: new threads, comments and documents, never their own, never a comment of a
thread they unsubscribed from. Nothing is sent to someone with nothing new, and a day's
digest goes once: the first run after 07:00 claims the day (`DigestRun`), later runs
(every few minutes, on any number of workers) find it claimed.

"The day before" is the London calendar day, 23 hours long when the clocks go forward
and 25 when they go back. The whole national digest is one task: the day's posts, their
spaces' members and everyone's choices are read in a fixed number of queries, and the
emails go through one connection (mathshubs.mail.send_all).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from mathshubs.collaboration.emails import digest_message, post_url
from mathshubs.collaboration.models import (
    Comment,
    DigestRun,
    DocumentVersion,
    Frequency,
    Space,
    Thread,
    ThreadUnsubscribe,
)
from mathshubs.collaboration.notify import Frequencies, audience
from mathshubs.dates import LONDON
from mathshubs.directory.models import Person
from mathshubs.mail import send_all, site_url
from mathshubs.ops import leases

DIGEST_TIME = dt.time(7, 0)


def digest_day(now: dt.datetime) -> dt.date | None:
    """The day whose digest is due at `now`: yesterday (London) from 07:00; None before."""
    local = now.astimezone(LONDON)
    return local.date() - dt.timedelta(days=1) if local.time() >= DIGEST_TIME else None


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Midnight to midnight in London, as aware datetimes."""
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=LONDON)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=LONDON)
    return start, end


def day_words(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@dataclass
class Item:
    """One line of a digest: who did it (never shown to them), which thread (for the
    unsubscribed), the words and the link."""

    author_id: int
    thread_id: int | None
    text: str
    link: str


@dataclass
class SpaceNews:
    space: Space
    items: list[Item] = field(default_factory=list)


def news_of(day: dt.date) -> dict[int, SpaceNews]:
    """The day's new threads, comments and document versions, by space (three queries,
    and one for the spaces)."""
    start, end = day_bounds(day)
    window = {"posted_at__gte": start, "posted_at__lt": end, "deleted_at__isnull": True}
    items: dict[int, list[Item]] = defaultdict(list)
    threads = (
        Thread.objects.filter(**window)
        .select_related("author")
        .only("id", "space_id", "title", "author__first_name", "author__last_name")
        .order_by("posted_at", "pk")
    )
    for thread in threads:
        items[thread.space_id].append(
            Item(
                thread.author_id,
                None,
                f'{thread.author.full_name} started "{thread.title}"',
                post_url(thread),
            )
        )
    comments = (
        Comment.objects.filter(**window, thread__deleted_at__isnull=True)
        .select_related("author", "thread")
        .only(
            "id",
            "thread__id",
            "thread__space_id",
            "thread__title",
            "author__first_name",
            "author__last_name",
        )
        .order_by("posted_at", "pk")
    )
    for comment in comments:
        items[comment.thread.space_id].append(
            Item(
                comment.author_id,
                comment.thread_id,
                f'{comment.author.full_name} commented on "{comment.thread.title}"',
                post_url(comment),
            )
        )
    versions = (
        DocumentVersion.objects.filter(made_at__gte=start, made_at__lt=end)
        .select_related("made_by", "document")
        .only(
            "number",
            "document__id",
            "document__title",
            "document__space_id",
            "made_by__first_name",
            "made_by__last_name",
        )
        .order_by("made_at", "pk")
    )
    for version in versions:
        document = version.document
        verb = "added" if version.number == 1 else f"made version {version.number} of"
        path = reverse("collaboration:document", args=[document.space_id, document.pk])
        items[document.space_id].append(
            Item(
                version.made_by_id,
                None,
                f'{version.made_by.full_name} {verb} the document "{document.title}"',
                site_url(path),
            )
        )
    spaces = Space.objects.filter(pk__in=list(items)).order_by("name")
    return {space.pk: SpaceNews(space, items[space.pk]) for space in spaces}


def digest_messages(day: dt.date) -> Iterator[EmailMessage]:
    """One email per person with something new in a space they take the digest of."""
    news = news_of(day)
    if not news:
        return
    spaces = [n.space for n in news.values()]
    readers = audience(spaces)
    everyone = set().union(*readers.values())
    choices = Frequencies(everyone, list(news))
    threads = {item.thread_id for n in news.values() for item in n.items if item.thread_id}
    unsubscribed: dict[int, set[int]] = defaultdict(set)
    for thread_id, person_id in ThreadUnsubscribe.objects.filter(thread_id__in=threads).values_list(
        "thread_id", "person_id"
    ):
        unsubscribed[person_id].add(thread_id)
    per_person: dict[int, list[dict[str, object]]] = defaultdict(list)
    for space_id, space_news in news.items():
        for person_id in readers[space_id]:
            if choices.of(person_id, space_id) != Frequency.DIGEST:
                continue
            off = unsubscribed.get(person_id, set())
            lines = [
                {"text": item.text, "link": item.link}
                for item in space_news.items
                if item.author_id != person_id and item.thread_id not in off
            ]
            if lines:
                per_person[person_id].append({"name": space_news.space.name, "lines": lines})
    words = day_words(day)
    ids = sorted(per_person)
    for start in range(0, len(ids), 2000):
        people = (
            Person.objects.filter(pk__in=ids[start : start + 2000])
            .exclude(email="")
            .order_by("pk")
            .values_list("pk", "email", "first_name")
        )
        for person_id, email, first_name in people:
            yield digest_message(
                person_id=person_id,
                email=email,
                first_name=first_name,
                day_words=words,
                spaces=per_person[person_id],
            )


def digest_send(*, now: dt.datetime | None = None) -> int:
    """Send the digest due at `now`, once: nothing before 07:00 London, nothing if this
    day's digest was claimed already. Returns how many emails went."""
    now = now or timezone.now()
    day = digest_day(now)
    if day is None:
        return 0

    def day_claimed() -> bool:
        try:
            with transaction.atomic():
                DigestRun.objects.create(day=day, started_at=now)
        except IntegrityError:
            return False
        return True

    # The same task run again after its worker died carries on with the day it claimed.
    if not leases.claim_once(day_claimed, key=f"digest:{day.isoformat()}"):
        return 0
    sent = send_all(digest_messages(day))
    DigestRun.objects.filter(day=day).update(finished_at=timezone.now(), sent=F("sent") + sent)
    return sent
