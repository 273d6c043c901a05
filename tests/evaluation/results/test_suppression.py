"""Suppression (suppression.py): fewer than 5 responses is never shown, and no
differencing of two breakdowns recovers a suppressed one (secondary suppression)."""

from __future__ import annotations

import pytest
import time_machine

from mathshubs.evaluation.results.suppression import suppressed_breakdowns
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.results.conftest import AFTER_ALL, answer, likert, participants

N, A, B, C = "national", "a", "b", "c"


def test_a_breakdown_of_1_to_4_is_suppressed_and_of_0_or_5_is_not():
    counts = {N: 10, A: 0, B: 4, C: 5, "d": 1}
    assert suppressed_breakdowns(counts, []) == {B, "d"}


def test_a_lone_suppressed_child_takes_the_next_smallest_with_it():
    counts = {N: 23, A: 3, B: 8, C: 12}
    assert suppressed_breakdowns(counts, [(N, [A, B, C])]) == {A, B}


def test_two_suppressed_children_of_fewer_than_5_together_take_a_third():
    counts = {N: 23, A: 1, B: 2, C: 8, "d": 12}
    assert suppressed_breakdowns(counts, [(N, [A, B, C, "d"])]) == {A, B, C}


def test_a_child_with_no_responses_protects_nothing():
    counts = {N: 13, A: 3, B: 0, C: 10}
    assert suppressed_breakdowns(counts, [(N, [A, B, C])]) == {A, C}


def test_a_parent_made_of_one_suppressed_child_is_suppressed_too():
    # Activity x is the hub's only one; it is suppressed in its NCP's group as the
    # smallest next to y, so the hub (= x) must go too, and then the national group
    # needs another hub hidden.
    counts = {
        N: 40,
        ("hub", 1): 6,
        ("hub", 2): 4 + 30,
        ("ncp", 1): 10,
        ("ncp", 2): 30,
        "x": 6,
        "y": 4,
        "z": 30,
    }
    groups = [
        (N, [("hub", 1), ("hub", 2)]),
        (N, [("ncp", 1), ("ncp", 2)]),
        (("hub", 1), ["x"]),
        (("hub", 2), ["y", "z"]),
        (("ncp", 1), ["x", "y"]),
        (("ncp", 2), ["z"]),
    ]
    hidden = suppressed_breakdowns(counts, groups)
    assert {"x", "y", ("hub", 1)} <= hidden
    assert ("hub", 2) in hidden  # the national group's second cell
    assert "z" in hidden  # the hub's second cell, once y is hidden


def test_groups_hold_wherever_the_rule_stops():
    """In every group with its parent shown, hidden children with responses are none, or
    at least two holding at least 5 responses between them."""
    import itertools

    for sizes in itertools.product([0, 1, 3, 5, 9], repeat=4):
        counts = {N: sum(sizes), **dict(enumerate(sizes))}
        hidden = suppressed_breakdowns(counts, [(N, [0, 1, 2, 3])])
        if N in hidden:
            continue
        inside = [i for i in range(4) if i in hidden and sizes[i] > 0]
        assert not inside or (len(inside) >= 2 and sum(sizes[i] for i in inside) >= 5), sizes


# --- through the API: an attacker differencing what they may see ------------------------


def _counts(body) -> list[int]:
    (confident,) = [q for q in body["questions"] if q["kind"] == "likert"]
    return [o["count"] for o in confident["options"]]


def _results(client, survey, query=""):
    return client.get(f"/api/v1/surveys/{survey.pk}/results{query}").json()


@pytest.fixture
def world(cast, hand):
    """North: Leo's activity, 7 autumn responses. South: s1 with 3 (all "1"), s2 with 8.
    East: one activity with 10."""
    s1 = f.ActivityFactory(hub=cast.south, title="South One")
    s2 = f.ActivityFactory(hub=cast.south, title="South Two")
    east = f.ActivityFactory(hub=f.HubFactory(name="East Test Maths Hub"), title="East One")
    for activity, n, point in ((s1, 3, 1), (s2, 8, 4), (east, 10, 5)):
        for person in participants(activity, n):
            answer(hand.autumn, activity, person, likert(hand.q, point))
    with time_machine.travel(AFTER_ALL, tick=False):
        yield {"s1": s1, "s2": s2, "east": east}


@pytest.mark.django_db
def test_national_minus_every_other_hub_does_not_recover_a_suppressed_hub(cast, hand, world):
    # South as a whole has 11; make a hub of 3 by moving s2 away: a hub with one small
    # activity, the national total minus the other hubs would be its figures.
    world["s2"].hub = f.HubFactory(name="West Test Maths Hub")
    world["s2"].save()
    nadia = client_for(cast.nadia)
    national = _results(nadia, hand.autumn)
    hubs = {b["name"]: b for b in national["breakdowns"] if b["kind"] == "hub"}
    assert hubs[cast.south.name]["suppressed"] and hubs[cast.south.name]["count"] is None
    shown = [b for b in hubs.values() if not b["suppressed"]]
    hidden = [b for b in hubs.values() if b["suppressed"]]
    assert len(hidden) >= 2  # the smallest other hub went with it
    rest = [0] * 5
    for b in shown:
        body = _results(nadia, hand.autumn, f"?hub={b['id']}")
        rest = [x + y for x, y in zip(rest, _counts(body), strict=True)]
    recovered = [x - y for x, y in zip(_counts(national), rest, strict=True)]
    assert recovered != [3, 0, 0, 0, 0]  # South's own figures
    assert sum(recovered) >= 5
    south = _results(nadia, hand.autumn, f"?hub={cast.south.pk}")
    assert south["breakdown"]["suppressed"] and south["questions"] == []


@pytest.mark.django_db
def test_a_hub_minus_its_other_activities_does_not_recover_a_suppressed_one(cast, hand, world):
    simon = client_for(cast.simon)
    hub = _results(simon, hand.autumn)
    assert hub["breakdown"]["name"] == cast.south.name and hub["breakdown"]["count"] == 11
    children = {b["name"]: b for b in hub["breakdowns"]}
    assert children["South One"]["suppressed"]
    assert children["South Two"]["suppressed"]  # else 11 - 8 = South One
    two = _results(simon, hand.autumn, f"?activity={world['s2'].pk}")
    assert two["breakdown"]["suppressed"] and two["questions"] == []
    # ... everywhere: the national team's view of it is suppressed the same way.
    national_view = _results(client_for(cast.nadia), hand.autumn, f"?activity={world['s2'].pk}")
    assert national_view["breakdown"]["suppressed"]


@pytest.mark.django_db
def test_an_activity_of_1_to_4_responses_shows_nothing_on_the_page_either(cast, hand, world):
    html = (
        client_for(cast.simon)
        .get(f"/surveys/{hand.autumn.pk}/results/?activity={world['s1'].pk}")
        .content.decode()
    )
    assert "<strong>fewer than 5</strong>" in html
    assert "question-result" not in html


@pytest.mark.django_db
def test_free_text_is_never_shown_in_results(cast, hand, world):
    for user in (cast.nadia, cast.harriet, cast.leo):
        client = client_for(user)
        page = client.get(f"/surveys/{hand.autumn.pk}/results/?activity={cast.activity.pk}")
        api = client.get(f"/api/v1/surveys/{hand.autumn.pk}/results?activity={cast.activity.pk}")
        assert "A secret sentence" not in page.content.decode() + api.content.decode()
        assert "Free-text answers are not shown" in page.content.decode()
