"""The grants pages in a real browser: they work, and axe-core finds no serious problems."""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.browser.conftest import assert_accessible, visible
from tests.browser.test_pages import shot, sign_in
from tests.grants.examples import DEVELOPMENT_19_09, EXCHANGE, LLME_COMMUNITY


def check(page, name: str, heading: str) -> None:
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    assert_accessible(page)
    shot(page, name)


@pytest.fixture
def grants(transactional_db, cast):
    year = f.AcademicYearFactory(start_year=2019)
    development = f.NCPFactory(
        year=year, number=9, title="Primary TfM Development Work Groups", finances=DEVELOPMENT_19_09
    )
    activity = f.ActivityFactory(
        hub=cast.north, ncp=development, ncp_code=development.code, title="Development WG"
    )
    f.ActivitySchoolFactory.create_batch(7, activity=activity)
    community = f.NCPFactory(
        year=year,
        number=7,
        title="LLME Community",
        finances=LLME_COMMUNITY,
        model_size=None,
        model_min_schools=None,
        model_max_schools=None,
    )
    f.ActivityFactory(hub=cast.north, ncp=community, ncp_code=community.code, title="Community")
    f.NCPFactory(
        year=year,
        number=2,
        title="Mathematics Teacher Exchange",
        finances=EXCHANGE,
        model_size=None,
        model_min_schools=None,
        model_max_schools=None,
    )
    return cast, activity


def test_hub_staff_follow_the_hub_page_to_the_grants_and_an_activitys_grant(
    page, live_server, grants
):
    cast, activity = grants
    sign_in(page, live_server, cast.harriet)
    page.goto("/hubs/north/")
    page.get_by_role("link", name="Grants for 2023/24").click()
    assert "£17,800" in page.locator("#grant-activities").inner_text()
    assert "£3,500" in page.locator("#grant-per-hub").inner_text()
    check(page, "grants-hub-summary", "Grants for 2023/24")

    page.locator("#grant-activities").get_by_role(
        "link", name=re.compile(r"^Development WG")
    ).click()
    assert "3 days × 7 schools × £350" in page.locator("table").inner_text()
    page.get_by_text("What the handbook says").click()
    assert visible(page.get_by_text("6 TRGs @£350 per day"))
    check(page, "grants-activity", "Grant for Development WG")


def test_anyone_works_out_a_projects_grant_and_sees_errors_the_govuk_way(page, grants):
    page.goto("/ncps/NCP19-09/grant/")
    assert "£17,800" in page.locator("table").inner_text()
    check(page, "grants-ncp-default", "Grant for Primary TfM Development Work Groups")

    page.get_by_label("Number of schools").fill("eight")
    page.get_by_role("button", name="Work out the grant").click()
    assert visible(page.locator(".govuk-error-summary"))
    check(page, "grants-ncp-error", "Grant for Primary TfM Development Work Groups")

    page.get_by_label("Number of schools").fill("8")
    page.get_by_role("button", name="Work out the grant").click()
    assert "£19,850" in page.locator("table").inner_text()
    assert page.url.endswith("#ncp-grant")

    page.goto("/ncps/NCP19-02/grant/")
    page.get_by_label("Number of schools").fill("1")
    page.get_by_role("button", name="Work out the grant").click()
    assert "Select the hub's role" in page.locator(".govuk-error-summary").inner_text()
    check(page, "grants-ncp-role-error", "Grant for Mathematics Teacher Exchange")
    page.get_by_label("Secondary exchange (hosting)").check()
    page.get_by_role("button", name="Work out the grant").click()
    assert "£6,000" in page.locator("table").inner_text()
    check(page, "grants-ncp-role", "Grant for Mathematics Teacher Exchange")


def test_the_planning_form_works_on_the_projects_catalogue_page(page, grants):
    page.goto("/catalogue/ncp/NCP19-09/")
    panel = page.locator("#ncp-grant")
    assert "£17,800" in panel.inner_text()
    panel.get_by_label("Number of schools").fill("6")
    panel.get_by_role("button", name="Work out the grant").click()
    assert page.url.endswith("#ncp-grant")
    assert "£15,750" in page.locator("#ncp-grant").inner_text()
    assert_accessible(page)
    shot(page, "grants-on-ncp-page")
