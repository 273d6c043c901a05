"""The figures' pages and API ask the database a fixed number of times whatever the
number of hubs, activities, schools and people (ISSUE 11: "a fixed handful of queries
whatever the data size")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _grow(cast, hubs: int, activities: int, schools: int) -> None:
    for _ in range(hubs):
        hub = f.HubFactory()
        for _ in range(activities):
            activity = f.ActivityFactory(hub=hub, academic_year=2023, ncp=cast.mastery_readiness)
            activity.leads.add(f.PersonFactory())
            for _ in range(schools):
                school = f.InstitutionFactory(hub=hub)
                f.ActivitySchoolFactory(activity=activity, institution=school)
                f.ParticipationFactory(activity=activity, institution=school)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/reports/2023-24/",
        "/reports/2023-24/primary_tfm/",
        "/reports/2023-24/active_llmes/",
        "/reports/2023-24/figures.xlsx",
        "/api/v1/reports/2023-24/figures",
        "/api/v1/reports/2023-24/figures/engaged/rows.csv",
    ],
)
def test_the_national_team_asks_a_fixed_number_of_queries(cast, url):
    nadia = client_for(cast.nadia)
    _grow(cast, hubs=1, activities=1, schools=2)
    small = _queries(nadia, url)
    _grow(cast, hubs=3, activities=2, schools=4)
    assert _queries(nadia, url) == small
