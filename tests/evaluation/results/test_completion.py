"""Completion (completion.py, selectors.survey_completion): by activity, LLME, hub, NCP
and nationally, against the handbook's 100%; the LLME survey over activity leads; the
CSV and XLSX export of the same rows."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from mathshubs.evaluation.results import selectors
from mathshubs.evaluation.surveys.models import Audience, SeriesGroup
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.results.conftest import answer, likert, participants
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def south(cast, hand):
    """A South activity of 4 current participants, 4 of whom completed (100%)."""
    activity = f.ActivityFactory(hub=cast.south, title="South Work Group")
    for person in participants(activity, 4):
        answer(hand.autumn, activity, person, likert(hand.q, 3))
    return activity


def test_the_national_team_sees_it_by_hub_by_ncp_and_nationally(cast, hand, south):
    report = selectors.survey_completion(user=cast.nadia, survey_id=hand.autumn.pk)
    assert (report.total.tally.done, report.total.tally.total) == (10, 11)
    hubs = {r.label: (r.tally.done, r.tally.total, r.tally.rate) for r in report.hubs}
    assert hubs == {cast.north.name: (6, 7, 85.7), cast.south.name: (4, 4, 100.0)}
    ncps = {r.label: (r.tally.done, r.tally.total) for r in report.ncps}
    assert ncps == {cast.mastery_readiness.code: (6, 7), "Local activities (no NCP)": (4, 4)}
    assert report.activities == []


def test_the_national_page_shows_the_target(cast, hand, south):
    html = client_for(cast.nadia).get(f"/surveys/{hand.autumn.pk}/completion/").content.decode()
    assert "100% completion rate" in html
    assert "10 of 11" in html and "90.9%" in html and "Met" in html and "1 to go" in html


def test_hub_staff_see_their_hub_activity_by_activity(cast, hand, south):
    report = selectors.survey_completion(user=cast.simon, survey_id=hand.autumn.pk)
    assert [(r.label, r.tally.done, r.tally.total) for r in report.activities] == [
        ("South Work Group", 4, 4)
    ]
    assert report.total.tally.met


def test_hub_staff_see_it_per_llme_too(cast, hand):
    second = f.ActivityFactory(hub=cast.north, title="Leo's second")
    second.leads.add(cast.leo.person)
    for person in participants(second, 3):
        answer(hand.autumn, second, person, likert(hand.q, 3))
    participants(second, 1)  # one who has not answered
    report = selectors.survey_completion(user=cast.harriet, survey_id=hand.autumn.pk)
    assert [(r.label, r.activities, r.tally.done, r.tally.total) for r in report.llmes] == [
        ("Leo Lead", 2, 9, 11)
    ]
    assert selectors.survey_completion(user=cast.leo, survey_id=hand.autumn.pk).llmes == []
    assert (
        selectors.survey_completion(user=cast.leo, survey_id=hand.autumn.pk).total.tally.done == 9
    )


def test_an_ncp_survey_covers_only_its_ncps_activities(cast, hand, south):
    series = sf.SurveySeriesFactory(ncp=cast.mastery_readiness)
    own = sf.SurveyFactory(version=hand.q.version, series=series)
    report = selectors.survey_completion(user=cast.nadia, survey_id=own.pk)
    assert [r.label for r in report.hubs] == [cast.north.name]
    assert (report.total.tally.done, report.total.tally.total) == (0, 7)


def test_the_llme_survey_counts_the_activitys_leads(cast, hand):
    series = sf.SurveySeriesFactory(group=SeriesGroup.LLMES)
    llme = sf.SurveyFactory(
        version=hand.q.version,
        series=series,
        audience=Audience.LLME,
        title="LLME survey",
        pseudonymous=False,
    )
    colead = f.PersonFactory(first_name="Cora", last_name="Colead")
    cast.activity.leads.add(colead)
    answer(llme, cast.activity, cast.leo.person, likert(hand.q, 4))
    report = selectors.survey_completion(user=cast.leo, survey_id=llme.pk)
    (row,) = report.activities
    assert (row.tally.done, row.tally.total) == (1, 2)
    page = client_for(cast.harriet).get(f"/activities/{cast.activity.pk}/surveys/")
    assert "1 of 2 leads" in page.content.decode()
    assert "Cora Colead" in page.content.decode()


def test_the_csv_and_xlsx_carry_the_rows_of_the_page(cast, hand, south):
    nadia = client_for(cast.nadia)
    response = nadia.get(f"/surveys/{hand.autumn.pk}/completion.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Breakdown", "Name", "Maths Hub"]
    assert rows[1][0] == "National" and rows[1][6:10] == ["10", "11", "90.9", "100"]
    assert ["Maths Hub", cast.south.name] == rows[3][:2] and rows[3][6:9] == ["4", "4", "100.0"]
    book = load_workbook(
        io.BytesIO(nadia.get(f"/surveys/{hand.autumn.pk}/completion.xlsx").content)
    )
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][6:9] == (10, 11, 90.9)
    leo = client_for(cast.leo).get(f"/surveys/{hand.autumn.pk}/completion.csv")
    assert cast.south.name not in leo.content.decode("utf-8-sig")


def test_the_list_of_surveys_links_to_completion_results_and_comparison(cast, hand):
    html = client_for(cast.harriet).get("/surveys/results/").content.decode()
    assert f"/surveys/{hand.autumn.pk}/completion/" in html
    assert f"/surveys/{hand.summer.pk}/results/" in html
    assert f"/surveys/{hand.summer.pk}/comparison/" in html
    assert "2023/24" in html
