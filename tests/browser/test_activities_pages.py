"""The hub activity pages in a real browser: planning, an activity, its forms; axe-core finds
no serious problems, and forms show the GOV.UK error summary and keep what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.dates import current_academic_year
from mathshubs.directory.models import Role
from tests import factories as f
from tests.browser.conftest import visible
from tests.browser.test_pages import check, sign_in


@pytest.fixture
def planned(transactional_db, cast):
    """North's plan for this academic year: a Work Group of nine schools (above its model)."""
    year = current_academic_year()
    f.RoleAssignmentFactory(
        person=cast.harriet.person, role=Role.MATHS_HUB_LEAD, hub=cast.north, academic_year=year
    )
    catalogue = f.AcademicYearFactory(start_year=year)
    ncp = f.NCPFactory(year=catalogue, number=8, title="Mastery Readiness Work Groups")
    activity = f.ActivityFactory(
        hub=cast.north,
        academic_year=year,
        ncp=ncp,
        ncp_code=ncp.code,
        title="North Mastery Readiness Work Group",
        phase="primary",
    )
    activity.leads.add(cast.leo.person)
    for _ in range(9):
        enrolment = f.ActivitySchoolFactory(
            activity=activity,
            institution=f.InstitutionFactory(hub=cast.north),
            criteria_met=["not_in_tfm", "poor_data"],
        )
        f.ParticipationFactory(
            activity=activity, institution=enrolment.institution, is_lead_participant=True
        )
    cast.planned = activity
    cast.planned_ncp = ncp
    return cast


def test_hub_staff_plan_and_manage_an_activity_in_the_browser(page, live_server, planned):
    activity = planned.planned
    sign_in(page, live_server, planned.harriet)

    page.goto("/activities/")
    assert visible(page.get_by_role("link", name="Hub Activities").first)
    check(page, "activity-list", "Hub Activities")

    page.goto(reverse("activities:hub_year", args=["north", activity.academic_year]))
    check(page, "hub-year", "Activities in")
    page.get_by_role("link", name="North Mastery Readiness Work Group").click()
    warning = page.locator("#model-size-warning").inner_text()
    assert "This Work Group has 9 schools. The project's model is 5 to 8 schools." in warning
    check(page, "activity-detail", "North Mastery Readiness Work Group")

    page.get_by_role("button", name="Enrol a school").click()
    page.get_by_label("School URN or name").fill("No Such School")
    page.get_by_role("button", name="Enrol school").click()
    assert visible(page.locator(".govuk-error-summary"))
    assert page.get_by_label("School URN or name").input_value() == "No Such School"
    check(page, "enrol-school-error", "Enrol a school")

    page.goto(f"/catalogue/ncp/{planned.planned_ncp.code}/run/")
    check(page, "run-ncp", "Run this project")

    page.goto("/activities/new/")
    page.get_by_label("Title").fill("Fluency RIWG")
    page.get_by_label("This is a Research and Innovation Work Group").check()
    assert visible(page.get_by_label("Research question"))
    page.get_by_role("button", name="Create activity").click()
    assert visible(page.locator(".govuk-error-summary"))
    assert page.get_by_label("Title").input_value() == "Fluency RIWG"
    check(page, "create-local-error", "Create a local activity")
    page.get_by_label("Research question").fill("Does daily retrieval practice build fluency?")
    page.get_by_role("button", name="Create activity").click()
    check(page, "create-local-done", "Fluency RIWG")


def test_a_participant_sees_their_own_row_in_the_browser(page, live_server, planned):
    sign_in(page, live_server, planned.pat)
    page.goto(f"/activities/{planned.activity.pk}/")
    assert "Pat Participant" in page.locator("#participants").inner_text()
    check(page, "activity-detail-participant", "North Mastery Readiness Work Group")
