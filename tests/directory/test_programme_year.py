import datetime as dt

import pytest
import time_machine

from mathshubs.directory.selectors import programme_year
from tests import factories as f

pytestmark = pytest.mark.django_db

AUTUMN_2026 = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


@time_machine.travel(AUTUMN_2026)
def test_with_nothing_recorded_it_is_the_current_academic_year():
    assert programme_year() == 2026


@time_machine.travel(AUTUMN_2026)
def test_until_the_new_year_has_data_it_is_the_latest_year_with_activities():
    f.ActivityFactory(academic_year=2022)
    f.ActivityFactory(academic_year=2023)
    assert programme_year() == 2023


@time_machine.travel(AUTUMN_2026)
def test_a_role_for_this_year_makes_it_this_year_and_future_years_are_ignored():
    f.ActivityFactory(academic_year=2023)
    f.ActivityFactory(academic_year=2027)
    assert programme_year() == 2023
    f.RoleAssignmentFactory(academic_year=2026)
    assert programme_year() == 2026
