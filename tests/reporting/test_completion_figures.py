"""Survey completion as a programme figure, on the evaluation tests' hand-counted survey:
Leo's activity has 7 current participants and one who withdrew; 6 completed the autumn
survey and 5 the summer one (tests/evaluation/results/conftest.py)."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from mathshubs.reporting.counting import ENGLAND, Scope, drilldown, figure_values
from mathshubs.reporting.definitions import AutumnCompletion
from tests.conftest import client_for
from tests.evaluation.results.conftest import hand  # noqa: F401 (a fixture)

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
