"""Search in the spaces (ISSUE 13, part 5): threads, comments and documents of the spaces
the person reads, never another hub's, never a taken-down post or someone else's
scheduled one; snippets in plain, escaped text. The words searched for are whole words
in the posts, so the same tests hold for PostgreSQL's full-text search and SQLite's
fallback."""

from __future__ import annotations

import pytest

from mathshubs.collaboration import documents, services
from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import SpaceKind
from mathshubs.collaboration.search import (
    QUERY_MISSING,
    QUERY_TOO_SHORT,
    query_problem,
    search,
    snippet,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
YEAR = 2023


def _space(user, kind):
    return next(s for s in spaces_for(user, YEAR) if s.kind == kind)


@pytest.fixture
def north(cast):
    """North's activity space: Leo leads, Pat takes part."""
    return _space(cast.leo, SpaceKind.ACTIVITY)


@pytest.fixture
def south_hub(cast):
    """South's hub LLME Community: Simon is its staff."""
    return _space(cast.simon, SpaceKind.HUB_COMMUNITY)


def _titles(hits) -> list[str]:
    return [hit.title for hit in hits]


def test_it_finds_a_thread_by_its_title_or_its_message(cast, north):
    thread = services.thread_post(
        user=cast.leo, space=north, title="Fractions homework", text="Try the manipulatives"
    )
    for words in ("fractions", "MANIPULATIVES", "fractions manipulatives"):
        found = search(cast.pat, words)
        assert _titles(found.threads) == ["Fractions homework"], words
        assert found.threads[0].url == f"/spaces/{north.pk}/threads/{thread.pk}/"
        assert found.threads[0].space == north
    assert search(cast.pat, "fractions giraffes").total == 0


def test_it_finds_a_comment_and_links_to_it(cast, north):
    thread = services.thread_post(user=cast.leo, space=north, title="Week 2", text="Agenda")
    comment = services.comment_post(user=cast.pat, thread=thread, text="The tessellation task")
    found = search(cast.leo, "tessellation")
    assert [hit.url for hit in found.comments] == [
        f"/spaces/{north.pk}/threads/{thread.pk}/#comment-{comment.pk}"
    ]
    assert found.comments[0].title == "Week 2" and not found.threads


def test_it_finds_a_document_by_its_title_or_its_latest_text(cast, north):
    written = documents.text_write(
        user=cast.leo, space=north, title="Session plan", text="Old words: quadrilaterals"
    )
    assert _titles(search(cast.pat, "quadrilaterals").documents) == ["Session plan"]
    documents.text_write(
        user=cast.leo, space=north, document=written, text="New words: parallelograms"
    )
    assert _titles(search(cast.pat, "parallelograms").documents) == ["Session plan"]
    assert not search(cast.pat, "quadrilaterals").documents  # only the latest text
    found = search(cast.pat, "session plan").documents
    assert [hit.url for hit in found] == [f"/spaces/{north.pk}/documents/{written.pk}/"]


def test_a_hub_member_never_finds_another_hubs_space(cast, north, south_hub):
    services.thread_post(
        user=cast.simon, space=south_hub, title="Southern planning", text="Zucchini agenda"
    )
    documents.text_write(user=cast.simon, space=south_hub, title="Zucchini notes", text="x")
    assert search(cast.simon, "zucchini").total == 2
    assert search(cast.nadia, "zucchini").total == 2  # the national team reads every space
    for someone in (cast.harriet, cast.leo, cast.pat, cast.sam):
        assert search(someone, "zucchini").total == 0
    page = client_for(cast.harriet).get("/spaces/search/?q=zucchini").content.decode()
    assert "Southern planning" not in page and "Nothing in your spaces matches" in page


def test_a_taken_down_post_is_never_found(cast, north):
    thread = services.thread_post(user=cast.leo, space=north, title="Kept", text="Agenda")
    comment = services.comment_post(user=cast.pat, thread=thread, text="Regrettable words")
    gone = services.thread_post(user=cast.pat, space=north, title="Regrettable", text="Oops")
    services.post_delete(user=cast.pat, post=comment)
    services.post_delete(user=cast.pat, post=gone)
    for user in (cast.leo, cast.pat, cast.nadia):
        assert search(user, "regrettable").total == 0


def test_a_comment_of_a_taken_down_thread_is_never_found(cast, north):
    thread = services.thread_post(user=cast.pat, space=north, title="Mistake", text="Oops")
    services.comment_post(user=cast.leo, thread=thread, text="Hexagonal reply")
    services.post_delete(user=cast.pat, post=thread)
    assert search(cast.leo, "hexagonal").total == 0


def test_a_scheduled_post_is_found_only_by_its_author(cast, north):
    thread = services.thread_post(
        user=cast.pat, space=north, title="Tomorrow's pentagons", text="Later", scheduled=True
    )
    services.comment_post(user=cast.pat, thread=thread, text="Pentagons again", scheduled=True)
    assert search(cast.leo, "pentagons").total == 0
    assert search(cast.nadia, "pentagons").total == 0
    mine = search(cast.pat, "pentagons")
    assert (len(mine.threads), len(mine.comments)) == (1, 1)


def test_a_snippet_is_plain_escaped_text_with_the_words_marked(cast, north):
    services.thread_post(
        user=cast.leo,
        space=north,
        title="Bar models",
        text='Compare <strong>fractions</strong> & decimals, not <script>alert("x")</script>',
    )
    hit = search(cast.pat, "fractions").threads[0]
    assert "<mark>fractions</mark>" in hit.snippet
    assert "<strong>" not in hit.snippet and "<script>" not in hit.snippet
    assert "&amp; decimals" in hit.snippet
    page = client_for(cast.pat).get("/spaces/search/?q=fractions").content.decode()
    assert "<mark>fractions</mark> &amp; decimals" in page and "alert(" not in page


def test_a_snippet_escapes_what_was_typed_as_text():
    text = "A long beginning " * 10 + "then <b>tags</b> typed & the word wanted, " + "end " * 80
    made = snippet(text, ["wanted"])
    assert made.startswith("… ") and made.endswith(" …")
    assert "&lt;b&gt;tags&lt;/b&gt; typed &amp; the word <mark>wanted</mark>" in made


@pytest.mark.parametrize(
    "typed, problem", [("", QUERY_MISSING), ("   ", QUERY_MISSING), ("ab", QUERY_TOO_SHORT)]
)
def test_an_empty_or_too_short_search_is_explained(cast, typed, problem):
    assert query_problem(typed) == problem
    answer = client_for(cast.leo).get("/spaces/search/", {"q": typed})
    html = answer.content.decode()
    assert answer.status_code == 200 and problem in html and "govuk-error-summary" in html
    assert 'id="result-count"' not in html


def test_the_search_page_groups_what_it_finds_by_kind(cast, north):
    thread = services.thread_post(user=cast.leo, space=north, title="Origami", text="Folding")
    services.comment_post(user=cast.pat, thread=thread, text="More origami please")
    documents.text_write(user=cast.leo, space=north, title="Origami steps", text="Fold")
    html = client_for(cast.pat).get("/spaces/search/?q=origami").content.decode()
    assert "3 results for <strong>origami</strong>" in html
    for heading in ("Threads (1)", "Comments (1)", "Documents (1)"):
        assert heading in html
    assert html.count(north.name) >= 3


def test_the_spaces_list_has_a_search_box_and_search_needs_signing_in(cast):
    html = client_for(cast.pat).get("/spaces/").content.decode()
    assert 'action="/spaces/search/"' in html and 'name="q"' in html
    assert client_for(None).get("/spaces/search/?q=origami").status_code == 302
