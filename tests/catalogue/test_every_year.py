"""Activities, grants and the national figures still work for every year held (ISSUE 12):
the real 2019/20 catalogue, the cast's 2023/24, and a year whose menu has an uncoded
project a hub runs and its own stage names."""

from __future__ import annotations

import pytest
import yaml
from django.utils.html import escape

from mathshubs.catalogue.importers import catalogue_import, catalogue_load
from mathshubs.catalogue.models import NCP
from mathshubs.reporting.counting import ENGLAND, figure_values
from mathshubs.reporting.definitions import DEFINITIONS
from tests import factories as f
from tests.catalogue.builders import CATALOGUE_2019
from tests.catalogue.catalogue_files import write
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

MENU_2024 = {
    "year": "2024/25",
    "facts": {"hubs": 40},
    "stages": [
        {"key": "readiness", "name": "Mastery Readiness (new name)", "journey": "mastery_readiness"}
    ],
    "ncps": [
        {
            "title": "Mastery Readiness",
            "phases": ["primary"],
            "type": "work_group",
            "journey_stage": "readiness",
            "finances": {
                "rules": [
                    {"kind": "unit", "label": "Work Group grant", "text": "x", "amount": 4200}
                ]
            },
        }
    ],
}


@pytest.fixture
def years(cast, tmp_path):
    """Every kind of year, each with a school in a North activity of one of its projects."""
    catalogue_load(CATALOGUE_2019)
    catalogue_import(write(tmp_path, yaml.safe_dump(MENU_2024), "2024-25.yaml"))
    projects = {
        2019: NCP.objects.get(code="NCP19-11"),
        2023: cast.mastery_readiness,
        2024: NCP.objects.get(year__start_year=2024),
    }
    activities = {}
    for year, ncp in projects.items():
        activity = f.ActivityFactory(
            hub=cast.north, academic_year=year, ncp=ncp, ncp_code=ncp.code, title=f"Run {year}"
        )
        activity.leads.add(cast.leo.person)
        f.ActivitySchoolFactory(activity=activity, institution=cast.north_school)
        activities[year] = activity
    return projects, activities


def test_activity_and_grant_pages_work_for_every_year(cast, years):
    projects, activities = years
    nadia = client_for(cast.nadia)  # the national team reads every year's activities
    for year, activity in activities.items():
        page = nadia.get(f"/activities/{activity.pk}/")
        assert page.status_code == 200, year
        assert escape(projects[year].title) in page.content.decode()
        grant = nadia.get(f"/activities/{activity.pk}/grant/")
        assert grant.status_code == 200, year
        ncp_grant = nadia.get(f"/ncps/{projects[year].reference}/grant/")
        assert ncp_grant.status_code == 200, (year, projects[year].reference)
    # The uncoded project's grant is counted from its own rule.
    assert "£4,200" in nadia.get(f"/activities/{activities[2024].pk}/grant/").content.decode()


def test_the_national_figures_count_every_year(cast, years):
    values = figure_values(ENGLAND, list(DEFINITIONS), years=[2019, 2023, 2024])
    for year in (2019, 2023, 2024):
        assert values[year]["engaged"].count == 1, year
    # The 2024/25 project's own stage maps to Mastery Readiness on the journey.
    assert values[2024]["mastery_readiness"].count == 1
    assert values[2019]["mastery_readiness"].count == 1


def test_the_schools_journey_names_each_years_stage_as_that_year_did(cast, years):
    page = client_for(cast.nadia).get(f"/institutions/{cast.north_school.urn}/").content.decode()
    assert "Mastery Readiness (new name)" in page
