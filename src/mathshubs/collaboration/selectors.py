"""What of a space a person sees: posts already posted, and their own scheduled ones
(ISSUE 13, part 4). Pages, the API, search and the home page all read through here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from mathshubs.collaboration.models import Comment, Thread


def _person_id(user: Any) -> int | None:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person.pk if person is not None else None


def posted(user: Any, *, now: dt.datetime | None = None) -> Q:
    """A thread or comment the user sees: posted by now, or theirs and scheduled."""
    now = now or timezone.now()
    mine = _person_id(user)
    seen = Q(posted_at__lte=now)
    return seen | Q(author_id=mine) if mine is not None else seen


def threads_seen(user: Any, threads: QuerySet[Thread] | None = None) -> QuerySet[Thread]:
    """Threads the user sees (not taken down), of any space: callers narrow to the spaces
    the user reads (membership.can_read / spaces_for)."""
    threads = Thread.objects.all() if threads is None else threads
    return threads.filter(posted(user), deleted_at__isnull=True)


def comments_seen(user: Any, comments: QuerySet[Comment] | None = None) -> QuerySet[Comment]:
    """Comments the user sees; taken-down ones stay in place as "taken down"."""
    comments = Comment.objects.all() if comments is None else comments
    return comments.filter(posted(user))
