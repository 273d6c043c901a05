"""Search in the spaces a person reads (ISSUE 13, part 5): threads (title and message),
comments, and documents (title, and a written document's latest text).

On PostgreSQL it is full-text search (the "english" configuration, so "sessions" finds
"session"), ranked; on SQLite, the embedded default, every word must appear somewhere in
the post, in any case. What is searched goes through the selectors like every other
read: a post scheduled by someone else, or taken down, is never found. The snippet is
worked out here from the post's plain text rather than by ts_headline: it is the same on
both databases, costs nothing for the few rows shown, and is escaped in one place.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import (
    Comment,
    Document,
    DocumentVersion,
    Space,
    SpaceKind,
    Thread,
)
from mathshubs.collaboration.selectors import comments_seen, threads_seen
from mathshubs.directory.rules import is_national, programme_year_for

MIN_LENGTH = 3
MAX_LENGTH = 200
PER_KIND = 50  # the best of each kind; a narrower search finds the rest
QUERY_MISSING = "Enter a word to search for"
QUERY_TOO_SHORT = f"Enter at least {MIN_LENGTH} letters or numbers to search for"
QUERY_TOO_LONG = f"Enter {MAX_LENGTH} characters or fewer to search for"
CONFIG = "english"
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 180


@dataclass(frozen=True)
class Hit:
    kind: str  # "thread", "comment" or "document"
    title: str
    space: Space
    url: str
    snippet: SafeString
    at: dt.datetime


@dataclass
class Results:
    threads: list[Hit] = field(default_factory=list)
    comments: list[Hit] = field(default_factory=list)
    documents: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.threads) + len(self.comments) + len(self.documents)


def query_problem(text: str) -> str | None:
    """What is wrong with what was typed, or None."""
    text = (text or "").strip()
    if not text:
        return QUERY_MISSING
    if len(text) > MAX_LENGTH:
        return QUERY_TOO_LONG
    if len(re.sub(r"\W", "", text)) < MIN_LENGTH:
        return QUERY_TOO_SHORT
    return None


def _words(text: str) -> list[str]:
    """The words typed, without quotes, a leading minus or an "or": for the SQLite
    fallback and to find a snippet."""
    words = [w.strip("\"'").lstrip("-") for w in text.split()]
    return [w for w in words if w and w.lower() != "or"][:10]


def readable_spaces(user: Any, year: int | None = None) -> QuerySet[Space]:
    """The spaces the user reads: the national team every space (of the year, with the
    spaces made by hand, if a year is given); anyone else their spaces of the year."""
    if is_national(user):
        everything = Space.objects.all()
        return (
            everything
            if year is None
            else everything.filter(Q(academic_year=year) | Q(kind=SpaceKind.MADE))
        )
    mine = spaces_for(user, year if year is not None else programme_year_for(user))
    return Space.objects.filter(pk__in=[space.pk for space in mine])


def _plain(body: str) -> str:
    """A sanitised HTML body as plain text: tags become spaces, entities characters."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(body.replace("<", " <")))).strip()


def snippet(text: str, words: list[str]) -> SafeString:
    """Escaped plain text around the first word found, the words found marked."""
    stems = [w[: max(4, len(w) - 2)] if len(w) > 4 else w for w in words]
    # Stems, so PostgreSQL's "session" for "sessions" is found too; a mark ends a word.
    alternatives = "|".join(re.escape(stem) for stem in stems if stem)
    pattern = re.compile(f"(?:{alternatives})\\w*" if alternatives else "$^", re.IGNORECASE)
    found = pattern.search(text)
    start = 0
    if found and found.start() > SNIPPET_BEFORE:
        # Begin at a word, before the one found.
        start = text.find(" ", found.start() - SNIPPET_BEFORE, found.start()) + 1
        start = start or found.start()
    end = len(text)
    if end - start > SNIPPET_BEFORE + SNIPPET_AFTER:
        end = start + SNIPPET_BEFORE + SNIPPET_AFTER
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    window = text[start:end]
    pieces = pattern.split(window)
    marks = pattern.findall(window)
    out: list[str] = [escape(pieces[0])]
    for mark, piece in zip(marks, pieces[1:], strict=True):
        out.append(f"<mark>{escape(mark)}</mark>{escape(piece)}")
    lead = "… " if start else ""
    tail = " …" if end < len(text) else ""
    return mark_safe(lead + "".join(out) + tail)  # noqa: S308 (every piece escaped above)


def _matching(queryset: QuerySet[Any], text: str, fields: list[str]) -> QuerySet[Any]:
    """The rows matching the text, best first: ranked full-text search on PostgreSQL,
    every word in some field (any case) elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        vector = SearchVector(*fields, config=CONFIG)
        return (
            queryset.alias(found=vector)
            .filter(found=query)
            .order_by(SearchRank(vector, query).desc(), "-pk")
        )
    for word in _words(text):
        anywhere = Q()
        for name in fields:
            anywhere |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(anywhere)
    return queryset.order_by("-pk")


def search(user: Any, text: str, year: int | None = None) -> Results:
    """Threads, comments and documents of the user's spaces matching the text: three
    queries (and those that find the user's spaces) whatever the number of results."""
    text = (text or "").strip()
    if query_problem(text):
        return Results()
    words = _words(text)
    spaces = readable_spaces(user, year)
    threads = threads_seen(user, Thread.objects.filter(space__in=spaces))
    comments = comments_seen(
        user, Comment.objects.filter(thread__in=threads, deleted_at__isnull=True)
    )
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    documents = Document.objects.filter(space__in=spaces).annotate(
        latest_text=Subquery(latest.values("text")[:1]),
        latest_at=Subquery(latest.values("made_at")[:1]),
    )
    results = Results()
    for thread in _matching(threads.select_related("space"), text, ["title", "body"])[:PER_KIND]:
        results.threads.append(
            Hit(
                kind="thread",
                title=thread.title,
                space=thread.space,
                url=reverse("collaboration:thread", args=[thread.space_id, thread.pk]),
                snippet=snippet(_plain(thread.body), words),
                at=thread.posted_at,
            )
        )
    for comment in _matching(comments.select_related("thread__space"), text, ["body"])[:PER_KIND]:
        thread = comment.thread
        url = reverse("collaboration:thread", args=[thread.space_id, thread.pk])
        results.comments.append(
            Hit(
                kind="comment",
                title=thread.title,
                space=thread.space,
                url=f"{url}#comment-{comment.pk}",
                snippet=snippet(_plain(comment.body), words),
                at=comment.posted_at,
            )
        )
    found = _matching(documents.select_related("space"), text, ["title", "latest_text"])
    for document in found[:PER_KIND]:
        results.documents.append(
            Hit(
                kind="document",
                title=document.title,
                space=document.space,
                url=reverse("collaboration:document", args=[document.space_id, document.pk]),
                snippet=snippet(document.latest_text or "", words),
                at=document.latest_at or document.created_at,
            )
        )
    return results
