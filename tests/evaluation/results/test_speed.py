"""The national completion page and API and the national matched comparison ask the
database a fixed number of times whatever the number of hubs, activities and people."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.results.conftest import AFTER_ALL, answer, likert, participants

pytestmark = pytest.mark.django_db

COMPLETION_PAGE_QUERIES = 9
COMPLETION_API_QUERIES = 9
# Worked out (13) on the first read after an answer changes; from the cache after (9).
COMPARISON_QUERIES = 13
COMPARISON_CACHED_QUERIES = 9
RESULTS_QUERIES = 9
ACTIVITY_PAGE_QUERIES = 16


def _grow(hand, hubs: int, activities: int, people: int) -> None:
    for _ in range(hubs):
        hub = f.HubFactory()
        for _ in range(activities):
            activity = f.ActivityFactory(hub=hub, ncp=f.NCPFactory())
            for i, person in enumerate(participants(activity, people)):
                answer(hand.autumn, activity, person, likert(hand.q, 1 + i % 5))
                if i % 3:
                    answer(hand.summer, activity, person, likert(hand.q, 1 + (i + 1) % 5))


def _queries(client, url: str) -> int:
    """The queries of a first read (nothing kept in the cache)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/surveys/{a}/completion/", COMPLETION_PAGE_QUERIES),
        ("/api/v1/surveys/{a}/completion", COMPLETION_API_QUERIES),
        ("/surveys/{a}/completion.xlsx", COMPLETION_PAGE_QUERIES),
        ("/surveys/{s}/comparison/", COMPARISON_QUERIES),
        ("/api/v1/surveys/{s}/comparison", COMPARISON_QUERIES),
        ("/surveys/{a}/results/", RESULTS_QUERIES),
    ],
)
def test_national_pages_ask_a_fixed_number_of_queries(
    cast, hand, url, most, django_assert_max_num_queries
):
    url = url.format(a=hand.autumn.pk, s=hand.summer.pk)
    nadia = client_for(cast.nadia)
    with time_machine.travel(AFTER_ALL, tick=False):
        _grow(hand, hubs=1, activities=1, people=6)
        small = _queries(nadia, url)
        _grow(hand, hubs=3, activities=3, people=7)
        cache.clear()
        with django_assert_max_num_queries(most):
            assert nadia.get(url).status_code == 200
        assert _queries(nadia, url) == small


def _without_tokens(page: bytes) -> bytes:
    """A page without its CSRF tokens, which differ from one session to another."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", page)


@pytest.mark.parametrize("url", ["/surveys/{s}/comparison/", "/api/v1/surveys/{s}/comparison"])
def test_a_second_reader_of_the_comparison_reads_the_same_from_the_cache(
    cast, hand, url, django_assert_num_queries
):
    url = url.format(s=hand.summer.pk)
    with time_machine.travel(AFTER_ALL, tick=False):
        _grow(hand, hubs=2, activities=2, people=7)
        nadia, again_nadia = client_for(cast.nadia), client_for(cast.nadia)
        first = _without_tokens(nadia.get(url).content)
        with django_assert_num_queries(COMPARISON_CACHED_QUERIES):
            again = _without_tokens(again_nadia.get(url).content)
        assert again == first
        # A new answer makes a new key: the next reader sees it counted.
        activity = f.ActivityFactory(hub=cast.north, ncp=cast.mastery_readiness)
        for person in participants(activity, 6):
            answer(hand.autumn, activity, person, likert(hand.q, 2))
            answer(hand.summer, activity, person, likert(hand.q, 4))
        assert _without_tokens(nadia.get(url).content) != first


def test_the_activity_page_asks_a_fixed_number_of_queries(
    cast, hand, django_assert_max_num_queries
):
    leo = client_for(cast.leo)
    url = f"/activities/{cast.activity.pk}/surveys/"
    small = _queries(leo, url)
    for person in participants(cast.activity, 12):
        answer(hand.autumn, cast.activity, person, likert(hand.q, 3))
    with django_assert_max_num_queries(ACTIVITY_PAGE_QUERIES):
        assert leo.get(url).status_code == 200
    assert _queries(leo, url) == small
