"""Academic years and how dates are shown.

An academic year runs from 1 September to 31 August and is written `2023/24`
(DOMAIN.md, "Structure"). In the database a year is its starting calendar
year: 2023 means 2023/24.
"""

from __future__ import annotations

import datetime as dt
import re

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
