"""Academic years and how dates are shown.

An academic year runs from 1 September to 31 August and is written `2023/24`
(DOMAIN.md, "Structure"). In the database a year is its starting calendar
year: 2023 means 2023/24.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

import holidays
from django.core.exceptions import ValidationError
from django.utils import timezone

_YEAR_LABEL = re.compile(r"^(\d{4})/(\d{2})$")


def academic_year_of(day: dt.date) -> int:
    """The academic year (by its starting calendar year) that a date falls in."""
    return day.year if day.month >= 9 else day.year - 1


def current_academic_year() -> int:
    return academic_year_of(timezone.localdate())


def academic_year_label(start_year: int) -> str:
    """2023 -> '2023/24'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def parse_academic_year(label: str) -> int:
    """'2023/24' -> 2023; refuses '2023/25' and other malformed labels."""
    match = _YEAR_LABEL.match(label.strip())
    if not match:
        raise ValidationError(f"Enter the academic year like 2023/24, not {label!r}")
    start = int(match.group(1))
    if (start + 1) % 100 != int(match.group(2)):
        raise ValidationError(
            f"{label!r} is not an academic year: the second part must follow the first"
        )
    return start


def academic_year_slug(start_year: int) -> str:
    """2023 -> '2023-24': the year as it is written in URLs (a slash cannot be)."""
    return academic_year_label(start_year).replace("/", "-")


def parse_academic_year_slug(text: str) -> int:
    """'2023-24' (or '2023/24') -> 2023; ValidationError if it is not an academic year."""
    return parse_academic_year((text or "").strip().replace("-", "/"))


_YEAR_TEXT = re.compile(r"^\s*(\d{4})(?:\s*[-/]\s*(\d{2}))?\s*$")


def parse_year_text(text: str | None) -> int | None:
    """A year however people write it in a query or a form: '2023-24', '2023/24' or
    '2023' -> 2023; None for anything else ('2023-25', '', 'latest')."""
    match = _YEAR_TEXT.match(text or "")
    if not match:
        return None
    start = int(match.group(1))
    if match.group(2) is not None and int(match.group(2)) != (start + 1) % 100:
        return None
    return start


class AcademicYearConverter:
    """The `<ayear:year>` URL part: '2023-24' in the address, 2023 in the view."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> int:
        try:
            return parse_academic_year_slug(value)
        except ValidationError as error:  # no match: the URL is a 404
            raise ValueError(str(error)) from error

    def to_url(self, value: int | str) -> str:
        if isinstance(value, int):
            return academic_year_slug(value)
        self.to_python(value)
        return value


def academic_year_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)


LONDON = ZoneInfo("Europe/London")


@functools.cache
def _bank_holidays() -> holidays.HolidayBase:
    # England and Wales share their bank holidays; the package also lists a holiday that
    # falls on a weekend on its own date, which the weekend rule covers anyway.
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, except England and Wales bank holidays (2023/24 handbook,
    Practicalities: deadlines are counted in working days)."""
    return day.weekday() < 5 and day not in _bank_holidays()


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The working day that lies `count` working days before `day`, counting back over
    working days only (`day` itself does not count). Thursday 7 March 2024, 2 ->
    Tuesday 5 March 2024."""
    if count < 1:
        raise ValueError("count must be 1 or more")
    while count:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def end_of_day(day: dt.date) -> dt.datetime:
    """23:59 Europe/London on `day`, as an aware datetime (the last minute a deadline
    allows; a confirmation at 23:59:59 is still in time)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=LONDON)


WORKING_HOURS = (dt.time(8, 0), dt.time(18, 0))
"""The working day's hours in London: a post written outside them may wait for the next
working morning (2023/24 LLME handbook, Basecamp: "be mindful of other people's working
hours"). 08:00 is also when the events' reminders go."""


def in_working_hours(moment: dt.datetime) -> bool:
    local = moment.astimezone(LONDON)
    start, end = WORKING_HOURS
    return is_working_day(local.date()) and start <= local.time() < end


def next_working_morning(moment: dt.datetime) -> dt.datetime:
    """08:00 London on the next working day after `moment` (the same day if `moment` is
    a working day before 08:00), as an aware datetime."""
    local = moment.astimezone(LONDON)
    day = local.date()
    if not (is_working_day(day) and local.time() < WORKING_HOURS[0]):
        day += dt.timedelta(days=1)
        while not is_working_day(day):
            day += dt.timedelta(days=1)
    return dt.datetime.combine(day, WORKING_HOURS[0], tzinfo=LONDON)
