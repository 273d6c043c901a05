"""What is new in a person's spaces since they last looked (ISSUE 13, part 5).

Opening a space or one of its threads records the visit (`visit_record`). `news_for`
counts, for each space, the threads, comments and document versions others posted since
then (everything, if the person never looked; their own posts never), and whether they
were @mentioned since: one query however many spaces, each count a correlated subquery
the database answers from the posts' indexes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from mathshubs.collaboration.membership import spaces_made_for
from mathshubs.collaboration.models import (
    Comment,
    DocumentVersion,
    Mention,
    Space,
    SpaceVisit,
    Thread,
)
from mathshubs.collaboration.selectors import comments_seen, threads_seen
from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of

# Someone who never looked at a space has seen nothing of it: everything is new.
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
NOTHING_NEW = "Nothing new since you last looked"


def visit_record(user: Any, space: Space, now: dt.datetime | None = None) -> None:
    """The person looked at the space now: one INSERT ... ON CONFLICT DO UPDATE (SQLite
    and PostgreSQL alike), so two tabs opening at once never collide."""
    person = person_of(user)
    if person is None:
        return
    SpaceVisit.objects.bulk_create(
        [SpaceVisit(space=space, person=person, seen_at=now or timezone.now())],
        update_conflicts=True,
        unique_fields=["person", "space"],
        update_fields=["seen_at"],
    )


@dataclass(frozen=True)
class News:
    threads: int = 0
    comments: int = 0
    documents: int = 0  # documents with a version someone else made since
    mentioned: bool = False

    @property
    def anything(self) -> bool:
        return bool(self.threads or self.comments or self.documents or self.mentioned)

    @property
    def parts(self) -> list[str]:
        """ "3 new threads", "1 new comment", "2 new or changed documents": those not 0."""
        counted = [
            (self.threads, "new thread"),
            (self.comments, "new comment"),
            (self.documents, "new or changed document"),
        ]
        return [f"{n} {words}{'' if n == 1 else 's'}" for n, words in counted if n]

    @property
    def text(self) -> str:
        """The counts in words; a mention alone is shown by its flag."""
        if self.parts or self.mentioned:
            return ", ".join(self.parts)
        return NOTHING_NEW


def _count(queryset: QuerySet[Any], group: str, what: str = "pk") -> Coalesce:
    """How many rows of the outer space, as a scalar subquery (0 for none)."""
    counted = queryset.order_by().values(group).annotate(n=Count(what, distinct=True)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _annotated(user: Any, person: Person, spaces: QuerySet[Space]) -> QuerySet[Space]:
    """The spaces, each with its news for the person (counts and a mention flag)."""
    seen_at = SpaceVisit.objects.filter(person=person, space=OuterRef("pk")).values("seen_at")[:1]
    since = OuterRef("seen")
    threads = threads_seen(user, Thread.objects.filter(space=OuterRef("pk"))).exclude(author=person)
    visible_threads = threads_seen(user)
    comments = comments_seen(
        user,
        Comment.objects.filter(
            thread__space=OuterRef("pk"), deleted_at__isnull=True, thread__in=visible_threads
        ),
    ).exclude(author=person)
    versions = DocumentVersion.objects.filter(document__space=OuterRef("pk")).exclude(
        made_by=person
    )
    visible_comments = comments_seen(user, Comment.objects.filter(deleted_at__isnull=True))
    mentions = Mention.objects.filter(
        Q(comment__isnull=True) | Q(comment__in=visible_comments),
        person=person,
        thread__space=OuterRef("pk"),
        thread__in=visible_threads,
    ).filter(
        # A scheduled post's mention is news when the post goes.
        Q(at__gt=since)
        | Q(comment__isnull=True, thread__posted_at__gt=since)
        | Q(comment__posted_at__gt=since)
    )
    return spaces.alias(
        seen=Coalesce(Subquery(seen_at), Value(NEVER), output_field=DateTimeField())
    ).annotate(
        new_threads=_count(threads.filter(posted_at__gt=since), "space"),
        new_comments=_count(comments.filter(posted_at__gt=since), "thread__space"),
        new_documents=_count(versions.filter(made_at__gt=since), "document__space", "document"),
        mentioned=Exists(mentions),
    )


def _news(space: Any) -> News:
    return News(
        threads=space.new_threads,
        comments=space.new_comments,
        documents=space.new_documents,
        mentioned=bool(space.mentioned),
    )


def news_for(user: Any, spaces: list[Space]) -> dict[int, News]:
    """Each space's news for the person, by space id: one query for all the spaces."""
    person = person_of(user)
    if person is None or not spaces:
        return {}
    rows = _annotated(user, person, Space.objects.filter(pk__in=[s.pk for s in spaces]))
    return {space.pk: _news(space) for space in rows.only("pk")}


def spaces_with_news(user: Any, year: int) -> list[tuple[Space, News]]:
    """The person's spaces of the year with something new for them (one query)."""
    person = person_of(user)
    if person is None:
        return []
    rows = _annotated(user, person, spaces_made_for(user, year)).order_by("kind", "name")
    found = [(space, _news(space)) for space in rows]
    return [(space, news) for space, news in found if news.anything]
