"""A project's numbers are bounded by the columns that hold them, so a number too large
for PostgreSQL is refused (422) instead of a server error (found by the API fuzzing,
tests/fuzz/, on PostgreSQL: `integer out of range`)."""

from __future__ import annotations

import pytest
from django.test import Client

from mathshubs.accounts import services as accounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(cast):
    new = accounts.api_token_create(user=cast.nadia, name="catalogue script")
    return Client(headers={"Authorization": f"Bearer {new.secret}"})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participation_target_schools", 10**16),
        ("participation_target_schools", 2**31),
        ("model_size", 2**15),
        ("model_min_schools", 2**15),
        ("model_max_schools", 2**15),
        ("criteria_minimum_other", 2**15),
        ("recommended_lead_days", "10000"),
    ],
)
def test_a_number_too_large_for_its_column_is_refused(api, field, value):
    api.post("/api/v1/years", {"year": "2025/26"}, content_type="application/json")
    response = api.post(
        "/api/v1/years/2025-26/ncps",
        {"title": "Teaching Assistants", field: value},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert field in str(response.json()["errors"])


def test_the_largest_numbers_the_columns_hold_are_taken(api):
    api.post("/api/v1/years", {"year": "2025/26"}, content_type="application/json")
    response = api.post(
        "/api/v1/years/2025-26/ncps",
        {
            "title": "Teaching Assistants",
            "participation_target_schools": 2**31 - 1,
            "model_max_schools": 2**15 - 1,
            "recommended_lead_days": "9999.9",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
