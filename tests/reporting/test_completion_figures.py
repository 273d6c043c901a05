"""Survey completion as a programme figure, on the evaluation tests' hand-counted survey:
Leo's activity has 7 current participants and one who withdrew; 6 completed the autumn
survey and 5 the summer one (tests/evaluation/results/conftest.py)."""

from __future__ import annotations

import pytest
import time_machine
from django.utils.html import escape

from mathshubs.reporting.counting import ENGLAND, Scope, drilldown, figure_values
from mathshubs.reporting.definitions import AutumnCompletion
from tests.conftest import client_for
from tests.evaluation.results.conftest import AFTER_ALL, hand  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_completion_is_of_current_participants_as_the_evaluation_pages_count_it(cast, hand):  # noqa: F811
    year = figure_values(ENGLAND)[2023]
    assert (year["autumn_completion"].count, year["autumn_completion"].of) == (6, 7)
    assert (year["summer_completion"].count, year["summer_completion"].of) == (5, 7)
    north = Scope("hub", "North", (cast.north.pk,))
    assert drilldown(AutumnCompletion, north, 2023).count() == 6
    assert figure_values(Scope("hub", "South", (cast.south.pk,))).get(2023, {}).get(
        "autumn_completion"
    ) in (None, type(year["autumn_completion"])(0, 0))


def test_a_year_without_the_survey_has_no_completion_figure(cast, hand):  # noqa: F811
    hand.summer.delete()
    value = figure_values(ENGLAND)[2023]["summer_completion"]
    assert (value.count, value.of, value.shown) == (0, 0, "No data")


def test_who_completed_is_for_hub_staff_not_the_national_team(cast, hand):  # noqa: F811
    name = escape(hand.people[0].full_name)  # completed the autumn survey
    own = client_for(cast.harriet).get(f"/reports/2023-24/autumn_completion/?hub={cast.north.pk}")
    assert own.status_code == 200 and 'id="drilldown"' in own.content.decode()
    assert name in own.content.decode()
    national = client_for(cast.nadia).get(
        f"/reports/2023-24/autumn_completion/?hub={cast.north.pk}"
    )
    html = national.content.decode()
    assert national.status_code == 200 and "85.7%" in html
    assert 'id="no-drilldown"' in html and 'id="drilldown"' not in html
    assert name not in html


def test_the_national_dashboard_charts_completion_by_hub(cast, hand):  # noqa: F811
    from mathshubs.reporting.counting import share_by_hub

    found = {name: (v.count, v.of) for name, v in share_by_hub(AutumnCompletion, 2023)}
    assert found == {"North Test Maths Hub": (6, 7)}  # South runs no activity: no bar
    html = client_for(cast.nadia).get("/reports/2023-24/").content.decode()
    assert 'id="completion-by-hub-chart"' in html and "North Test Maths Hub: 85.7%" in html


def test_the_matched_rise_is_the_comparisons_answers_that_rose(cast, hand):  # noqa: F811
    # Matched 5 on one repeated item: 3 up, 1 same, 1 down (the hand-counted comparison).
    with time_machine.travel(AFTER_ALL, tick=False):
        value = figure_values(ENGLAND)[2023]["matched_rise"]
        assert (value.count, value.of, value.shown) == (3, 5, "60.0%")
        north = figure_values(Scope("hub", "North", (cast.north.pk,)))[2023]["matched_rise"]
        assert north.shown == "60.0%"
        page = client_for(cast.nadia).get("/reports/2023-24/matched_rise/").content.decode()
        assert "pseudonymous: no one is named" in page and 'id="drilldown"' not in page


def test_the_matched_rise_waits_for_the_summer_survey_to_close(cast, hand):  # noqa: F811
    with time_machine.travel("2024-06-10 10:00 +0100", tick=False):
        assert "matched_rise" not in figure_values(ENGLAND).get(2023, {}) or (
            figure_values(ENGLAND)[2023]["matched_rise"].of == 0
        )


def test_fewer_than_5_matched_is_not_shown_anywhere(cast, hand):  # noqa: F811
    from mathshubs.evaluation.surveys.models import PseudonymousResponse

    # Drop one matched pair: 4 matched people is fewer than 5.
    summer = PseudonymousResponse.objects.filter(survey=hand.summer).first()
    summer.delete()
    with time_machine.travel(AFTER_ALL, tick=False):
        value = figure_values(ENGLAND)[2023]["matched_rise"]
        assert value.suppressed and value.shown == "fewer than 5"
        nadia = client_for(cast.nadia)
        page = nadia.get("/reports/2023-24/matched_rise/").content.decode()
        assert "<strong>fewer than 5</strong>" in page and " of 4)" not in page
        body = nadia.get("/api/v1/reports/2023-24/figures/matched_rise").json()
        assert body["years"][0]["value"] == {
            "count": None,
            "of": None,
            "value": None,
            "shown": "fewer than 5",
            "suppressed": True,
        }
        # The dashboard leads to it rather than working it out.
        board = nadia.get("/reports/2023-24/").content.decode()
        assert 'id="elsewhere"' in board and "/reports/2023-24/matched_rise/" in board
