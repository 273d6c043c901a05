"""What is new since you last looked (ISSUE 13, part 5): others' new threads, comments
and documents and @mentions since the person's last visit, on the spaces list and the
home page, in a fixed number of queries however many spaces."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mathshubs.collaboration import documents, services
from mathshubs.collaboration.membership import spaces_for, spaces_made_for
from mathshubs.collaboration.models import Mention, Space, SpaceKind, SpaceMember, SpaceVisit
from mathshubs.collaboration.visits import (
    NOTHING_NEW,
    News,
    news_for,
    visit_record,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Pinned: the session and the user, the reader's roles and year, the spaces (made if
# missing), their thread counts, and their news (one query for every space).
SPACE_LIST_QUERIES = 15
# A Tuesday in term: a scheduled post goes at 08:00 on Wednesday.
START = dt.datetime(2024, 1, 16, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space(cast):
    """North's activity space: Leo leads, Pat takes part."""
    return next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)


def _news(user, space) -> News:
    return news_for(user, [space])[space.pk]


def test_everything_others_posted_is_new_until_you_look_and_your_own_posts_never(
    cast, space, clock
):
    mine = services.thread_post(user=cast.leo, space=space, title="Leo's", text="Agenda")
    services.comment_post(user=cast.leo, thread=mine, text="My own note")
    assert _news(cast.leo, space) == News()
    assert _news(cast.leo, space).text == NOTHING_NEW
    theirs = services.thread_post(user=cast.pat, space=space, title="Pat's", text="Question")
    services.comment_post(user=cast.pat, thread=mine, text="Thanks")
    services.comment_post(user=cast.pat, thread=theirs, text="And another")
    documents.text_write(user=cast.nadia, space=space, title="Plan", text="Week one")
    news = _news(cast.leo, space)
    assert news == News(threads=1, comments=2, documents=1)
    assert news.text == "1 new thread, 2 new comments, 1 new or changed document"
    # Pat sees Leo's thread and comment as new, not her own.
    assert _news(cast.pat, space) == News(threads=1, comments=1, documents=1)


def test_looking_at_the_space_or_a_thread_resets_the_news(cast, space, clock):
    thread = services.thread_post(user=cast.pat, space=space, title="Pat's", text="Question")
    leo = client_for(cast.leo)
    assert leo.get(f"/spaces/{space.pk}/").status_code == 200
    assert _news(cast.leo, space) == News()
    clock.shift(dt.timedelta(minutes=5))
    services.comment_post(user=cast.pat, thread=thread, text="Anyone?")
    assert _news(cast.leo, space) == News(comments=1)
    clock.shift(dt.timedelta(minutes=5))
    assert leo.get(f"/spaces/{space.pk}/threads/{thread.pk}/").status_code == 200
    assert _news(cast.leo, space) == News()
    assert SpaceVisit.objects.get(
        person=cast.leo.person, space=space
    ).seen_at == START + dt.timedelta(minutes=10)


def test_a_visit_is_one_row_per_person_and_space_however_often(cast, space, clock):
    visit_record(cast.leo, space)
    clock.shift(dt.timedelta(hours=1))
    with CaptureQueriesContext(connection) as captured:
        visit_record(cast.leo, space)
    assert len(captured) == 1
    visit = SpaceVisit.objects.get()
    assert visit.seen_at == START + dt.timedelta(hours=1)


def test_a_post_scheduled_by_someone_else_is_new_only_once_it_goes(cast, space, clock):
    visit_record(cast.leo, space)
    clock.shift(dt.timedelta(minutes=1))
    services.thread_post(user=cast.pat, space=space, title="Tomorrow", text="Later", scheduled=True)
    assert _news(cast.leo, space) == News()
    assert _news(cast.pat, space) == News()  # her own
    clock.move_to(dt.datetime(2024, 1, 17, 9, 0, tzinfo=dt.UTC))
    assert _news(cast.leo, space) == News(threads=1)


def test_a_taken_down_post_is_not_news(cast, space, clock):
    thread = services.thread_post(user=cast.leo, space=space, title="Leo's", text="Agenda")
    comment = services.comment_post(user=cast.pat, thread=thread, text="Oops")
    gone = services.thread_post(user=cast.pat, space=space, title="Wrong space", text="Sorry")
    services.post_delete(user=cast.pat, post=comment)
    services.post_delete(user=cast.pat, post=gone)
    assert _news(cast.leo, space) == News()


def test_a_mention_since_you_looked_is_flagged(cast, space, clock):
    visit_record(cast.leo, space)
    clock.shift(dt.timedelta(minutes=1))
    thread = services.thread_post(user=cast.pat, space=space, title="For Leo", text="Question")
    Mention.objects.get_or_create(thread=thread, comment=None, person=cast.leo.person)
    news = _news(cast.leo, space)
    assert news.mentioned and news.threads == 1
    html = client_for(cast.leo).get("/spaces/").content.decode()
    row = html.split(f'id="space-{space.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "You were mentioned" in row and "1 new thread" in row
    visit_record(cast.leo, space)
    assert not _news(cast.leo, space).mentioned


def test_a_mention_in_a_taken_down_comment_is_not_flagged(cast, space, clock):
    thread = services.thread_post(user=cast.leo, space=space, title="Leo's", text="Agenda")
    comment = services.comment_post(user=cast.pat, thread=thread, text="Hello")
    Mention.objects.get_or_create(thread=thread, comment=comment, person=cast.leo.person)
    assert _news(cast.leo, space).mentioned
    services.post_delete(user=cast.pat, post=comment)
    assert not _news(cast.leo, space).mentioned


def test_the_spaces_list_says_what_is_new_in_each_space(cast, space, clock):
    services.thread_post(user=cast.pat, space=space, title="Pat's", text="Question")
    hub = next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.HUB_COMMUNITY)
    visit_record(cast.leo, hub)
    html = client_for(cast.leo).get("/spaces/").content.decode()
    assert "1 new thread" in html.split(f'id="space-{space.pk}"', 1)[1].split("</tr>", 1)[0]
    assert NOTHING_NEW in html.split(f'id="space-{hub.pk}"', 1)[1].split("</tr>", 1)[0]


def test_the_home_page_lists_only_the_spaces_with_news(cast, space, clock):
    services.thread_post(user=cast.pat, space=space, title="Pat's", text="Question")
    for other in spaces_for(cast.leo, 2023):
        if other != space:
            visit_record(cast.leo, other)
    html = client_for(cast.leo).get("/").content.decode()
    section = html.split('id="home-spaces"', 1)[1].split("</ul>", 1)[0]
    assert space.name in section and "1 new thread" in section
    assert "LLME Community" not in section
    assert 'href="/spaces/"' in html
    visit_record(cast.leo, space)
    html = client_for(cast.leo).get("/").content.decode()
    assert "Nothing new in your spaces since you last looked" in html


@pytest.mark.parametrize("who", ["nadia", "harriet", "leo", "pat", "sam", "simon"])
def test_the_home_pages_spaces_are_the_spaces_lists(cast, who):
    user = getattr(cast, who)
    made = Space.objects.create(kind=SpaceKind.MADE, name="Made by hand")
    SpaceMember.objects.create(space=made, person=cast.pat.person)
    for someone in (cast.leo, cast.harriet, cast.simon, cast.sam):
        spaces_for(someone, 2023)  # make the spaces the cast's records call for
    listed = {space.pk for space in spaces_for(user, 2023)}
    assert {space.pk for space in spaces_made_for(user, 2023)} == listed


def _many_spaces(cast, how_many: int) -> None:
    """Spaces made by hand with Pat in them, each with a thread, a comment and a document
    of Leo's, and a mention of Pat."""
    for n in range(how_many):
        made = Space.objects.create(kind=SpaceKind.MADE, name=f"Made {n}")
        SpaceMember.objects.create(space=made, person=cast.pat.person)
        SpaceMember.objects.create(space=made, person=cast.leo.person)
        thread = services.thread_post(user=cast.leo, space=made, title=f"T{n}", text="Words")
        services.comment_post(user=cast.leo, thread=thread, text="More words")
        documents.text_write(user=cast.leo, space=made, title=f"D{n}", text="Text")
        Mention.objects.get_or_create(thread=thread, comment=None, person=cast.pat.person)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_the_spaces_list_and_home_page_ask_the_same_number_of_queries_for_1_or_12_spaces(
    cast, space, clock
):
    pat = client_for(cast.pat)
    services.thread_post(user=cast.leo, space=space, title="Leo's", text="Agenda")
    assert len(spaces_for(cast.pat, 2023)) == 1
    one_list, one_home = _queries(pat, "/spaces/"), _queries(pat, "/")
    _many_spaces(cast, 11)
    assert len(spaces_for(cast.pat, 2023)) == 12
    many_list, many_home = _queries(pat, "/spaces/"), _queries(pat, "/")
    assert (one_list, many_list) == (SPACE_LIST_QUERIES, SPACE_LIST_QUERIES)
    assert many_home == one_home
    html = pat.get("/spaces/").content.decode()
    assert html.count("You were mentioned") == 11
