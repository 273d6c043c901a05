"""A space's thread list and a thread ask the database a fixed number of times however
many threads, comments, boosts and people there are (ISSUE 13, "Speed")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mathshubs.collaboration import services
from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import Boost, Comment, SpaceKind, Thread
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Pinned: the session and the user, the reader's roles, membership, the space or thread,
# the posts, their boosts and (for a manager) the history.
SPACE_QUERIES = 13
THREAD_QUERIES = 17


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def _grow(cast, space, threads: int, comments: int) -> Thread:
    thread = None
    for n in range(threads):
        thread = Thread.objects.create(space=space, author=cast.leo.person, title=f"T{n}", body="x")
        writers = [f.PersonFactory() for _ in range(3)]
        Comment.objects.bulk_create(
            Comment(thread=thread, author=writers[i % 3], body=f"<p>{i}</p>")
            for i in range(comments)
        )
        for comment in thread.comments.all()[:comments]:
            Boost.objects.create(comment=comment, person=writers[0], text="👍")
    assert thread is not None
    return thread


def test_the_thread_list_and_a_thread_of_200_comments_are_a_fixed_handful_of_queries(cast):
    space = next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)
    leo = client_for(cast.leo)
    small = _grow(cast, space, threads=1, comments=2)
    services.post_delete(user=cast.leo, post=small.comments.first())
    few_space = _queries(leo, f"/spaces/{space.pk}/")
    few_thread = _queries(leo, f"/spaces/{space.pk}/threads/{small.pk}/")
    big = _grow(cast, space, threads=40, comments=200 // 40)
    big_thread = _grow(cast, space, threads=1, comments=200)
    many_space = _queries(leo, f"/spaces/{space.pk}/")
    many_thread = _queries(leo, f"/spaces/{space.pk}/threads/{big_thread.pk}/")
    assert (few_space, many_space) == (SPACE_QUERIES, SPACE_QUERIES)
    assert (few_thread, many_thread) == (THREAD_QUERIES, THREAD_QUERIES)
    assert big.comments.count() == 5
