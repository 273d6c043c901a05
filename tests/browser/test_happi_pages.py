"""The HAPPI form in a real browser, through the handbook's path (ISSUE 10, "Done when"):
an LLME creates and submits a plan; hub staff return it, then accept the second version;
the two versions are compared. axe-core finds no serious problem on any page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import visible
from tests.browser.test_pages import check, sign_in

OUTCOMES = [
    {"category": "Professional learning", "items": ["Deepen understanding of TfM"]},
    {"category": "Practice development", "items": ["Improve lesson design"]},
]


@pytest.fixture
def happi_cast(transactional_db, cast):
    cast.mastery_readiness.outcomes = OUTCOMES
    cast.mastery_readiness.save()
    return cast


def test_a_plan_is_written_submitted_returned_resubmitted_accepted_and_compared(
    page, live_server, happi_cast
):
    cast = happi_cast
    sign_in(page, live_server, cast.leo)
    page.goto("/")
    page.get_by_role("link", name="Hub Activities").first.click()
    page.get_by_role("link", name="North Mastery Readiness Work Group").click()
    page.get_by_role("link", name="Plan, Progress, and Impact form").click()
    check(page, "happi-create", "Plan, Progress, and Impact form")
    page.get_by_role("button", name="Create the form").click()

    check(page, "happi-plan-empty", "Plan")
    page.get_by_label("Improve lesson design", exact=True).check()  # reveals its two boxes
    words = page.get_by_label("This outcome in your words: Improve lesson design")
    words.fill("Plan lessons in small steps together")
    page.get_by_role("button", name="Save and submit").click()
    summary = page.locator(".govuk-error-summary")
    assert visible(summary)
    assert "Say how you will evidence outcome 1" in summary.inner_text()
    assert "Choose at least one local data collection method" in summary.inner_text()
    assert words.input_value() == "Plan lessons in small steps together"
    check(page, "happi-plan-errors", "Plan")
    page.get_by_label("How you will evidence it: Improve lesson design").fill("Lesson visits")
    page.get_by_label("Visits to participants' schools").check()
    page.get_by_role("button", name="Save and submit").click()
    assert "submitted to your Maths Hub" in page.locator(".govuk-notification-banner").inner_text()
    assert "Submitted" in page.locator("#plan-status").inner_text()
    check(page, "happi-task-list", "Plan, Progress, and Impact form")

    sign_in(page, live_server, cast.harriet)
    page.goto(f"/activities/{cast.activity.pk}/happi/plan/")
    check(page, "happi-plan-review", "Plan")
    page.get_by_label("Comment for the leads").fill("Add a pupil outcome, please")
    page.get_by_role("button", name="Return to the leads").click()
    assert "Returned" in page.locator("#plan-status").inner_text()

    sign_in(page, live_server, cast.leo)
    page.goto(f"/activities/{cast.activity.pk}/happi/")
    page.get_by_role("button", name="Edit the form").click()
    assert "Add a pupil outcome, please" in page.locator("#review-comment").inner_text()
    page.get_by_label("Add a local outcome").fill("Pupils explain their reasoning")
    page.get_by_label("How you will evidence the new outcome").fill("Pupil voice")
    page.get_by_role("button", name="Save and submit").click()

    sign_in(page, live_server, cast.harriet)
    page.goto(f"/activities/{cast.activity.pk}/happi/plan/")
    page.get_by_role("button", name="Accept").click()
    assert "Accepted" in page.locator("#plan-status").inner_text()
    page.goto(f"/activities/{cast.activity.pk}/happi/plan/")
    page.get_by_role("link", name="Compare two versions").click()
    page.get_by_role("button", name="Compare").click()
    changes = page.locator("#changes").inner_text()
    assert "Added outcome 2 (local outcome): “Pupils explain their reasoning”" in changes
    check(page, "happi-compare", "Compare versions of Plan")


def test_the_timeline_and_the_lists_of_forms_and_timelines_are_accessible(
    page, live_server, happi_cast
):
    cast = happi_cast
    sign_in(page, live_server, cast.leo)
    page.goto(f"/activities/{cast.activity.pk}/")
    page.get_by_role("link", name="Evaluation timeline").click()
    check(page, "timeline", "Evaluation timeline")
    page.get_by_label("Conduct local field work.").check()
    page.get_by_role("button", name="Save").click()
    assert "saved" in page.locator(".govuk-notification-banner").inner_text()
    assert page.get_by_label("Conduct local field work.").is_checked()
    assert "Done" in page.locator("#local_field_work-status").inner_text()

    sign_in(page, live_server, cast.harriet)
    page.goto("/")
    page.get_by_role("link", name="Plan, Progress, and Impact forms").first.click()
    check(page, "happi-list", "Plan, Progress, and Impact forms")
    page.goto("/")
    page.get_by_role("link", name="Evaluation timelines").first.click()
    check(page, "timeline-list", "Evaluation timelines")
    assert "North Mastery Readiness Work Group" in page.locator("#timelines").inner_text()
