"""How the API refuses what it cannot take (mathshubs/api_problems.py)."""

from __future__ import annotations

import pytest

from mathshubs.activities.models import ActivitySchool
from tests.conftest import client_for


@pytest.mark.parametrize("body", ["5", '"today"', "[]", "true", "null"])
def test_a_json_body_that_is_not_an_object_cannot_be_parsed(cast, body):
    # Every field of "complete the activity" has a default: a bare value passed for an
    # empty body, and completed every school of the activity.
    response = client_for(cast.harriet).post(
        f"/api/v1/activities/{cast.activity.pk}/complete",
        body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"message": "Cannot parse request body"}
    assert not ActivitySchool.objects.filter(completed_on__isnull=False).exists()


def test_an_object_body_is_taken_as_before(cast):
    response = client_for(cast.harriet).post(
        f"/api/v1/activities/{cast.activity.pk}/complete", "{}", content_type="application/json"
    )
    assert response.status_code == 200
