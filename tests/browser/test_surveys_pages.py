"""The surveys in a real browser: a participant answers a section at a time, meets an
error summary, comes back later and submits; the national team builds a template,
publishes it and runs it. axe-core finds no serious problem on any page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.test_pages import check, sign_in
from tests.evaluation.surveys import factories as sf


@pytest.fixture
def open_survey(transactional_db, cast):
    today = timezone.localdate()
    q = sf.questionnaire()
    survey = sf.SurveyFactory(
        version=q.version,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=10),
    )
    return cast, survey, q


def test_a_participant_answers_comes_back_later_and_submits(page, live_server, open_survey):
    cast, survey, q = open_survey
    sign_in(page, live_server, cast.pat)
    page.goto("/surveys/")
    check(page, "surveys-mine", "Your surveys")
    page.get_by_role("link", name=survey.title).click()
    check(page, "survey-start", survey.title)
    page.get_by_role("button", name="Start now").click()

    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".govuk-error-summary")
    assert "Select an answer to “What is your role?”" in summary.inner_text()
    check(page, "survey-section-errors", "About you")
    page.get_by_label("Other").check()
    page.get_by_label("How many years have you taught?").fill("12")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("Agree", exact=True).check()
    check(page, "survey-section-likert", "Your confidence")
    page.get_by_role("button", name="Save and come back later").click()
    assert "Your answers have been saved" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("What is your other role?").fill("Governor")
    check(page, "survey-section-conditional", "More about you")
    page.get_by_role("button", name="Save and continue").click()
    check(page, "survey-check", "Check your answers")
    page.get_by_role("button", name="Submit your answers").click()
    assert "You submitted this survey on" in page.locator("#survey-submitted").inner_text()
    check(page, "survey-submitted", survey.title)


def test_the_national_team_builds_publishes_and_runs_a_template(page, live_server, open_survey):
    cast, _, _ = open_survey
    sign_in(page, live_server, cast.nadia)
    page.goto("/surveys/templates/")
    check(page, "survey-templates", "Survey templates")
    page.get_by_role("button", name="Create a template").click()
    page.get_by_label("Title").fill("Summer participant survey")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Title").fill("Your year")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a question to Your year").click()
    page.get_by_label("Question", exact=True).fill("How has your teaching changed?")
    page.get_by_label("Free text").check()
    page.get_by_role("button", name="Save").click()
    check(page, "survey-version-draft", "Summer participant survey, version 1")
    page.get_by_role("button", name="Publish this version").click()
    check(page, "survey-version-publish", "Publish version 1")
    page.get_by_role("button", name="Publish").click()
    assert "Version 1 is published" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("button", name="Run a survey of this version").click()
    page.get_by_role("button", name="Run the survey").click()
    assert "Enter the date" in page.locator(".govuk-error-summary").inner_text()
    check(page, "survey-run-errors", "Run a survey")
