"""Academic years as they are written in URLs; working days and the end of a day in London."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mathshubs.dates import (
    AcademicYearConverter,
    academic_year_slug,
    end_of_day,
    is_working_day,
    parse_academic_year_slug,
    working_days_before,
)


def test_a_year_is_written_in_urls_with_a_hyphen():
    assert academic_year_slug(2023) == "2023-24"
    assert academic_year_slug(1999) == "1999-00"
    assert parse_academic_year_slug("2023-24") == 2023
    assert parse_academic_year_slug("2023/24") == 2023


@pytest.mark.parametrize("text", ["2023-25", "2023", "latest", ""])
def test_a_malformed_year_does_not_match(text):
    with pytest.raises(ValueError):
        AcademicYearConverter().to_python(text)


def test_pages_by_year_reverse_from_the_starting_year():
    assert reverse("activities:hub_year", args=["north", 2023]) == "/hubs/north/activities/2023-24/"
    assert reverse("grants:hub_summary", args=["north", 2023]) == "/hubs/north/grants/2023-24/"


# --- Working days (2023/24 handbook, Practicalities: confirmation deadlines) ---------------------

GOV_UK_BANK_HOLIDAYS = (
    Path(__file__).resolve().parents[1] / "data" / ("gov-uk-bank-holidays-2019-2027.json")
)


def test_the_bank_holidays_agree_with_gov_uk_for_2019_to_2027():
    events = json.loads(GOV_UK_BANK_HOLIDAYS.read_text())["england-and-wales"]["events"]
    gov_uk = {dt.date.fromisoformat(event["date"]) for event in events}
    days = (dt.date(2019, 1, 1) + dt.timedelta(days=n) for n in range(9 * 366))
    weekdays = [day for day in days if day.year <= 2027 and day.weekday() < 5]
    package = {day for day in weekdays if not is_working_day(day)}
    assert package == gov_uk
    assert dt.date(2023, 5, 8) in package  # the coronation: a one-off bank holiday


@pytest.mark.parametrize(
    ("event_day", "count", "deadline_day"),
    [
        # The example: online, Thursday 7 March 2024 -> Tuesday 5 March 2024.
        (dt.date(2024, 3, 7), 2, dt.date(2024, 3, 5)),
        # Over a weekend: Monday 11 March 2024 -> Thursday 7 March.
        (dt.date(2024, 3, 11), 2, dt.date(2024, 3, 7)),
        # An event on a Sunday counts back from the Friday and Thursday before it.
        (dt.date(2024, 3, 10), 2, dt.date(2024, 3, 7)),
        # Easter 2024: Good Friday 29 March and Easter Monday 1 April are not working days.
        (dt.date(2024, 4, 3), 2, dt.date(2024, 3, 28)),
        # Christmas 2023: 25 and 26 December and 1 January are bank holidays.
        (dt.date(2024, 1, 3), 2, dt.date(2023, 12, 29)),
        (dt.date(2024, 1, 2), 2, dt.date(2023, 12, 28)),
        # Face to face, ten working days: Thursday 7 March 2024 -> Thursday 22 February.
        (dt.date(2024, 3, 7), 10, dt.date(2024, 2, 22)),
        # Ten working days over Christmas 2023 and New Year 2024.
        (dt.date(2024, 1, 10), 10, dt.date(2023, 12, 22)),
        # The coronation bank holiday, Monday 8 May 2023.
        (dt.date(2023, 5, 10), 2, dt.date(2023, 5, 5)),
    ],
)
def test_working_days_before_counts_back_over_working_days_only(event_day, count, deadline_day):
    assert working_days_before(event_day, count) == deadline_day


@given(
    day=st.dates(min_value=dt.date(2019, 1, 10), max_value=dt.date(2027, 12, 31)),
    count=st.integers(min_value=1, max_value=15),
)
def test_the_day_found_is_a_working_day_with_exactly_that_many_working_days_after_it(day, count):
    found = working_days_before(day, count)
    assert is_working_day(found) and found < day
    between = (found + dt.timedelta(days=n) for n in range((day - found).days))
    assert sum(1 for d in between if is_working_day(d)) == count


def test_a_deadline_is_the_last_minute_of_the_day_in_london_in_winter_and_summer():
    winter, summer = end_of_day(dt.date(2024, 3, 5)), end_of_day(dt.date(2024, 6, 5))
    assert winter.astimezone(dt.UTC) == dt.datetime(2024, 3, 5, 23, 59, 59, tzinfo=dt.UTC)
    assert summer.astimezone(dt.UTC) == dt.datetime(2024, 6, 5, 22, 59, 59, tzinfo=dt.UTC)
