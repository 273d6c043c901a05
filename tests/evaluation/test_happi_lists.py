"""The lists of HAPPI forms (ISSUE 10, part 1): hub staff see every form of their hub with
its state, the national team every hub's, filterable, with XLSX and CSV exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mathshubs.evaluation import services
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.test_happi_services import submitted_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def south_activity(cast):
    activity = f.ActivityFactory(
        hub=cast.south,
        title="South Reasoning Work Group",
        ncp=cast.mastery_readiness,
        ncp_code=cast.mastery_readiness.code,
    )
    return activity


def listed(user, query="") -> str:
    response = client_for(user).get(reverse("evaluation:happi_list") + query)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_hub_staff_see_every_form_of_their_hub_and_no_other(cast, south_activity):
    submitted_plan(cast)
    north = listed(cast.harriet, "?year=2023")
    assert "North Mastery Readiness Work Group" in north
    assert "South Reasoning Work Group" not in north
    assert "Submitted" in north
    south = listed(cast.simon, "?year=2023")
    assert "South Reasoning Work Group" in south and "North Mastery" not in south


def test_the_national_team_filters_by_hub_project_and_status(cast, south_activity):
    submitted_plan(cast)
    everything = listed(cast.nadia, "?year=2023")
    assert "North Mastery Readiness" in everything and "South Reasoning" in everything
    assert "South Reasoning" not in listed(cast.nadia, "?year=2023&hub=north")
    submitted = listed(cast.nadia, "?year=2023&status=submitted")
    assert "North Mastery Readiness" in submitted and "South Reasoning" not in submitted
    # An activity with no form yet counts as not started.
    assert "South Reasoning" in listed(cast.nadia, "?year=2023&status=not_started")
    assert "North Mastery" not in listed(cast.nadia, "?year=2023&ncp=NCP23-99")


def test_a_participant_gets_no_list(cast):
    assert client_for(cast.pat).get(reverse("evaluation:happi_list")).status_code == 403


def test_the_csv_has_a_row_per_activity_with_each_sections_state(cast, south_activity):
    submitted_plan(cast)
    response = client_for(cast.nadia).get(reverse("evaluation:happi_csv") + "?year=2023")
    assert response["Content-Disposition"] == 'attachment; filename="happi-forms-2023-24.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:8] == [
        "Maths Hub",
        "Activity",
        "Activity id",
        "Project",
        "Academic year",
        "Leads",
        "Plan status",
        "Progress status",
    ]
    north = next(r for r in rows if r[1] == "North Mastery Readiness Work Group")
    assert north[5:9] == ["Leo Lead", "Submitted", "Not started", "Not started"]
    south = next(r for r in rows if r[1] == "South Reasoning Work Group")
    assert south[6:9] == ["Not started", "Not started", "Not started"]


def test_the_xlsx_export_keeps_numbers_as_numbers(cast):
    submitted_plan(cast)
    response = client_for(cast.harriet).get(reverse("evaluation:happi_xlsx") + "?year=2023")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "HAPPI forms"
    header, first = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header[2] == "Activity id" and first[2] == cast.activity.pk
    assert first[-1] is not None  # the date it was last submitted


def test_the_list_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for n in range(30):
        activity = f.ActivityFactory(hub=cast.north, title=f"Work Group {n}")
        activity.leads.add(cast.leo.person)
        services.happi_create(activity=activity, by=cast.leo)
    client = client_for(cast.harriet)
    client.get(reverse("evaluation:happi_list") + "?year=2023")
    with django_assert_max_num_queries(12):
        client.get(reverse("evaluation:happi_list") + "?year=2023")


def test_an_activity_of_ones_hub_that_one_also_leads_is_listed_once(cast):
    cast.activity.leads.add(cast.harriet.person)
    page = listed(cast.harriet, "?year=2023")
    assert page.count(">North Mastery Readiness Work Group</a>") == 1
    assert "1 activity" in page
