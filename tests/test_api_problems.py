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


def test_a_nul_character_in_a_path_parameter_is_refused(cast):
    from mathshubs.api_problems import NUL_REFUSED

    response = client_for(cast.nadia).get("/api/v1/hubs/north%00")
    assert response.status_code == 422
    assert response.json() == {"message": NUL_REFUSED}


def test_a_nul_character_in_a_query_parameter_is_refused(cast):
    from mathshubs.api_problems import NUL_REFUSED

    response = client_for(cast.nadia).get("/api/v1/people?q=Pat%00")
    assert response.status_code == 422
    assert response.json() == {"message": NUL_REFUSED}


def test_a_nul_character_in_a_json_body_cannot_be_parsed(cast):
    response = client_for(cast.harriet).post(
        f"/api/v1/activities/{cast.activity.pk}/leads",
        '{"email": "leo@north.example\\u0000"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_a_nul_character_in_a_form_field_is_refused(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mathshubs.api_problems import NUL_REFUSED

    # Refused as the form is read, before the space is even looked for.
    response = client_for(cast.nadia).post(
        "/api/v1/spaces/1/documents",
        {"title": "Plan\x00", "file": SimpleUploadedFile("plan.txt", b"plan")},
    )
    assert response.status_code == 422
    assert response.json() == {"message": NUL_REFUSED}
