"""Academic years as they are written in URLs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.dates import AcademicYearConverter, academic_year_slug, parse_academic_year_slug


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
