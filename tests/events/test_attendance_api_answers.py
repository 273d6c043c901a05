"""The attendance report's API answers match what the document declares (found by the
API fuzzing, tests/fuzz/)."""

from __future__ import annotations

import pytest

from mathshubs.events.api_attendance import ReportProblems
from tests import factories as f
from tests.conftest import client_for


@pytest.fixture
def event(cast):
    return f.EventFactory(activity=cast.activity, minimum_minutes=60)


def test_a_report_sent_without_its_file_is_a_422_of_the_declared_shape(cast, event):
    response = client_for(cast.leo).post(f"/api/v1/events/{event.pk}/attendance-report", {})
    assert response.status_code == 422
    problem = ReportProblems.model_validate(response.json())
    assert problem.errors[0]["loc"] == ["file", "file"]


def test_a_bad_file_is_a_422_listing_its_problems_as_text(cast, event):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("report.csv", b"Full Name,Email\r\nPat,p@x.org\r\n")
    response = client_for(cast.leo).post(
        f"/api/v1/events/{event.pk}/attendance-report", {"file": upload}
    )
    assert response.status_code == 422
    problem = ReportProblems.model_validate(response.json())
    assert problem.errors and all(isinstance(error, str) for error in problem.errors)
