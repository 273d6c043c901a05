"""The autumn-to-summer comparison (comparison.py): matching by pseudonym or person in the
same activity, per activity, hub, NCP and nationally, unmatched responses counted, and
suppression below 5 matched participants."""

from __future__ import annotations

import pytest
import time_machine

from mathshubs.evaluation.results import comparison as cmp
from mathshubs.evaluation.results import selectors
from mathshubs.evaluation.surveys.models import Audience
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.results.conftest import (
    AFTER_ALL,
    SUMMER_CLOSES,
    SUMMER_OPENS,
    answer,
    likert,
    participants,
)
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_both_surveys():
    with time_machine.travel(AFTER_ALL, tick=False):
        yield


def _comparison(user, survey, node=None):
    return selectors.survey_comparison(user=user, survey_id=survey.pk, node=node, now=AFTER_ALL)


def test_a_person_answering_for_another_activity_is_not_matched(cast, hand):
    other = f.ActivityFactory(hub=cast.north, title="Another")
    other.participations.create(person=hand.people[5])
    answer(hand.summer, other, hand.people[5], likert(hand.q, 5))  # P6, summer elsewhere
    found = _comparison(cast.nadia, hand.summer)
    assert found.breakdown.count == 5
    assert (found.tallies.autumn_only, found.tallies.summer_only) == (2, 1)


def test_nationally_it_rolls_up_and_lists_hubs_and_ncps(cast, hand):
    south = f.ActivityFactory(hub=cast.south, title="South Work Group")
    for i, person in enumerate(participants(south, 6)):
        answer(hand.autumn, south, person, likert(hand.q, 1))
        answer(hand.summer, south, person, likert(hand.q, 2 if i < 4 else 1))
    found = _comparison(cast.nadia, hand.summer)
    (item,) = found.results
    assert (found.breakdown.count, item.pairs) == (11, 11)
    assert item.before == round((14 + 6) / 11, 2) and item.after == round((19 + 10) / 11, 2)
    assert (item.up, item.same, item.down) == (3 + 4, 1 + 2, 1)
    children = {b.label: (b.count, [r.change for r in rs]) for b, rs in found.children}
    assert children[cast.south.name] == (6, [round(4 / 6, 2)])
    assert children[cast.north.name] == (5, [1.0])
    assert children[cast.mastery_readiness.code] == (5, [1.0])


def test_fewer_than_5_matched_is_suppressed_with_its_neighbour(cast, hand):
    south = f.ActivityFactory(hub=cast.south, title="South Work Group")
    for person in participants(south, 4):
        answer(hand.autumn, south, person, likert(hand.q, 1))
        answer(hand.summer, south, person, likert(hand.q, 5))
    found = _comparison(cast.nadia, hand.summer)
    children = {b.label: b for b, _ in found.children}
    assert children[cast.south.name].suppressed
    assert children[cast.north.name].suppressed  # else England minus North is South
    body = client_for(cast.simon).get(f"/api/v1/surveys/{hand.summer.pk}/comparison").json()
    assert body["breakdown"]["suppressed"] and body["items"] == []
    assert body["autumn_only"] is None


def test_identified_surveys_match_by_person(cast):
    q = sf.questionnaire()
    series = sf.SurveySeriesFactory()
    autumn = sf.SurveyFactory(version=q.version, series=series, pseudonymous=False)
    summer = sf.SurveyFactory(
        version=q.version,
        series=series,
        audience=Audience.SUMMER,
        opens_on=SUMMER_OPENS,
        closes_on=SUMMER_CLOSES,
        pseudonymous=True,  # one of each: matched through the series' pseudonym
    )
    people = participants(cast.activity, 6)
    for i, person in enumerate(people):
        answer(autumn, cast.activity, person, likert(q, 2))
        if i:
            answer(summer, cast.activity, person, likert(q, 3))
    found = _comparison(cast.leo, summer)
    (item,) = found.results
    assert (found.breakdown.count, item.pairs, item.change) == (5, 5, 1.0)
    assert (found.tallies.autumn_only, found.tallies.summer_only) == (1, 0)


def test_only_items_repeated_in_both_versions_are_compared(cast, hand):
    autumn, summer = cmp.series_pair(hand.summer)
    assert (autumn, summer) == (hand.autumn, hand.summer)
    items = cmp.repeated_items(autumn, summer)
    assert [i.key for i in items] == ["confidence-fractions"]
    assert items[0].points == 5


def test_a_survey_without_its_pair_says_so(cast):
    lone = sf.SurveyFactory(version=sf.questionnaire().version)
    html = client_for(cast.nadia).get(f"/surveys/{lone.pk}/comparison/").content.decode()
    assert "no autumn and summer surveys to compare" in html


def test_the_national_page_shows_the_table_and_the_chart(cast, hand):
    html = client_for(cast.nadia).get(f"/surveys/{hand.summer.pk}/comparison/").content.decode()
    assert "Matched participants: 5" in html
    assert 'role="img"' in html and '<desc id="chart-desc">' in html
    assert 'id="breakdowns"' in html and cast.north.name in html


def test_the_matched_counts_of_the_database_and_of_the_one_pass_agree(cast, hand):
    """matched_rows (the suppression tree's, counted in the database) and
    tallies_by_activity (the comparison's one pass) match the same people."""
    from django.db.models import Q

    for n, shift in ((6, 1), (3, -1), (8, 0)):
        activity = f.ActivityFactory(hub=cast.south)
        for i, person in enumerate(participants(activity, n)):
            answer(hand.autumn, activity, person, likert(hand.q, 1 + i % 5))
            if i % 4:
                point = max(1, min(5, 1 + i % 5 + shift))
                answer(hand.summer, activity, person, likert(hand.q, point))
    items = cmp.repeated_items(hand.autumn, hand.summer)
    counted = {row[0]: row[-1] for row in cmp.matched_rows(hand.autumn, hand.summer)}
    one_pass = cmp.tallies_by_activity(hand.autumn, hand.summer, items, Q())
    assert counted == {a: t.matched for a, t in one_pass.items() if t.matched}
