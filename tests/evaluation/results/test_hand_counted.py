"""A small world counted by hand (conftest.py says who answered what): completion,
suppression and the matched comparison asserted exactly, on pages and in the API."""

from __future__ import annotations

import pytest
import time_machine
from django.utils.html import escape

from mathshubs.evaluation.results import selectors
from tests.conftest import client_for
from tests.evaluation.results.conftest import AFTER_ALL, answer, likert

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_both_surveys():
    with time_machine.travel(AFTER_ALL, tick=False):
        yield


def test_completion_counts_current_participants_only(cast, hand):
    report = selectors.survey_completion(user=cast.leo, survey_id=hand.autumn.pk)
    (row,) = report.activities
    assert (row.tally.done, row.tally.total, row.tally.rate) == (6, 7, 85.7)
    assert row.tally.to_go == 1
    summer = selectors.survey_completion(user=cast.leo, survey_id=hand.summer.pk)
    assert (summer.total.tally.done, summer.total.tally.total) == (5, 7)
    assert summer.total.tally.rate == 71.4


def test_a_completion_counts_only_for_the_activity_it_was_about(cast, hand):
    elsewhere = cast.activity.__class__.objects.create(
        hub=cast.north, academic_year=2023, title="Another", activity_type="work_group"
    )
    elsewhere.participations.create(person=hand.people[6])
    answer(hand.autumn, elsewhere, hand.people[6], likert(hand.q, 3))
    report = selectors.survey_completion(user=cast.harriet, survey_id=hand.autumn.pk)
    found = {r.label: (r.tally.done, r.tally.total) for r in report.activities}
    assert found == {cast.activity.title: (6, 7), "Another": (1, 1)}


def test_the_activity_page_counts_and_names_who_has_not_responded(cast, hand):
    html = client_for(cast.leo).get(f"/activities/{cast.activity.pk}/surveys/").content.decode()
    assert "6 of 7 current participants (85.7%)" in html
    assert "5 of 7 current participants (71.4%)" in html
    assert escape(hand.people[6].full_name) in html  # P7: answered neither
    assert escape(hand.people[5].full_name) in html  # P6: not the summer one
    assert escape(hand.withdrawn.full_name) not in html


def test_the_results_of_the_activity_are_counted_exactly(cast, hand):
    body = (
        client_for(cast.leo)
        .get(f"/api/v1/surveys/{hand.autumn.pk}/results?activity={cast.activity.pk}")
        .json()
    )
    assert body["breakdown"]["count"] == 7  # every submitted response, W's included
    by_text = {q["text"]: q for q in body["questions"]}
    confident = by_text["I feel confident teaching fractions"]
    assert [o["count"] for o in confident["options"]] == [1, 2, 2, 1, 1]
    assert confident["mean"] == round((2 + 3 + 3 + 4 + 2 + 5 + 1) / 7, 2)
    assert by_text["Anything else?"]["answered"] == 7
    assert by_text["Anything else?"]["options"] == []


def test_the_summer_results_of_5_are_shown_and_of_4_would_not_be(cast, hand):
    body = (
        client_for(cast.leo)
        .get(f"/api/v1/surveys/{hand.summer.pk}/results?activity={cast.activity.pk}")
        .json()
    )
    assert body["breakdown"] == {
        "kind": "activity",
        "id": cast.activity.pk,
        "name": cast.activity.title,
        "count": 5,
        "suppressed": False,
    }


def test_the_matched_comparison_is_counted_exactly(cast, hand):
    body = (
        client_for(cast.leo)
        .get(f"/api/v1/surveys/{hand.summer.pk}/comparison?activity={cast.activity.pk}")
        .json()
    )
    assert body["breakdown"]["count"] == 5
    assert (body["autumn_only"], body["summer_only"]) == (2, 0)
    (item,) = body["items"]
    assert item == {
        "item_key": "confidence-fractions",
        "text": "I feel confident teaching fractions",
        "matched": 5,
        "before": 2.8,
        "after": 3.8,
        "change": 1.0,
        "up": 3,
        "same": 1,
        "down": 1,
    }


def test_the_comparison_page_has_an_accessible_chart_and_its_table(cast, hand):
    html = (
        client_for(cast.leo)
        .get(f"/surveys/{hand.summer.pk}/comparison/?activity={cast.activity.pk}")
        .content.decode()
    )
    assert 'role="img"' in html and '<title id="chart-title">' in html
    assert "2.80 in autumn, 3.80 in summer (+1.00) over 5 matched participants" in html
    main = html.split("<main")[1].split("</main>")[0]
    assert 'id="comparison"' in main and "<script" not in main
