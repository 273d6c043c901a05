"""The directory pages in a real browser: they work, and axe-core finds no serious problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from mathshubs.dates import current_academic_year
from mathshubs.directory.models import Role
from tests import factories as f
from tests.browser.conftest import assert_accessible, visible

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def check(page, name: str, heading: str) -> None:
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    assert_accessible(page)
    shot(page, name)


@pytest.fixture
def north(transactional_db, cast):
    year = current_academic_year()
    hub = cast.north
    hub.region, hub.phone, hub.contact_is_demo = "North West", "0161 496 0000", True
    hub.save()
    f.RoleAssignmentFactory(
        person=cast.harriet.person, role=Role.MATHS_HUB_LEAD, hub=hub, academic_year=year
    )
    f.RoleAssignmentFactory(
        person=cast.leo.person, role=Role.WORK_GROUP_LEAD, hub=hub, academic_year=year
    )
    f.ActivityFactory(hub=hub, academic_year=year).leads.add(cast.leo.person)
    f.InstitutionFactory.create_batch(
        55, hub=hub, local_authority=cast.north_school.local_authority
    )
    return cast


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_public_directory_pages_work_and_are_accessible(page, north):
    page.goto("/")
    check(page, "home", "Maths Hubs")

    page.goto("/find-your-hub/")
    check(page, "find-your-hub", "Find your Maths Hub")
    page.get_by_role("button", name="Search").click()
    assert visible(page.locator(".govuk-error-summary"))
    check(page, "find-your-hub-error", "Find your Maths Hub")
    page.get_by_label("School name, URN, postcode or local authority").fill("North Primary")
    page.get_by_role("button", name="Search").click()
    assert visible(page.get_by_role("link", name="North Test Maths Hub").first)
    check(page, "find-your-hub-by-name", "Find your Maths Hub")
    page.get_by_label("School name, URN, postcode or local authority").fill("Nroth Primray")
    page.get_by_role("button", name="Search").click()
    assert visible(page.get_by_role("link", name="North Test Maths Hub").first)
    check(page, "find-your-hub-typo", "Find your Maths Hub")

    page.goto("/hubs/")
    check(page, "hub-list", "Maths Hubs")
    page.get_by_role("link", name="North Test Maths Hub").click()
    assert "Harriet Hub" in page.locator("#leadership").inner_text()
    assert "Active LLMEs: 1 of the target of 50" in page.locator("#llme-summary").inner_text()
    check(page, "hub-detail", "North Test Maths Hub")

    page.goto("/institutions/?hub=north")
    assert "page 1 of 2" in page.locator("#result-count").inner_text()
    check(page, "institution-list", "Schools and colleges")
    page.get_by_role("link", name="Next page").click()
    assert "page 2 of 2" in page.locator("#result-count").inner_text()
    page.get_by_label("Name or URN").fill("north primary")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="North Primary").click()
    check(page, "institution-detail", "North Primary")


def test_people_pages_for_a_signed_in_hub_lead_are_accessible(page, live_server, north):
    sign_in(page, live_server, north.harriet)
    page.goto("/people/")
    assert visible(page.get_by_role("link", name="People").first)
    check(page, "person-list", "People")
    page.get_by_role("link", name="Pat Participant").click()
    check(page, "person-detail", "Pat Participant")
    page.get_by_role("link", name="Change main contact email").click()
    check(page, "person-email", "Change the main contact email")
    page.get_by_label("New email address").fill("leo@north.example")
    page.get_by_role("button", name="Change email").click()
    assert visible(page.locator(".govuk-error-summary"))
    assert page.get_by_label("New email address").input_value() == "leo@north.example"
    check(page, "person-email-error", "Change the main contact email")
    page.get_by_label("New email address").fill("pat.new@north.example")
    page.get_by_role("button", name="Change email").click()
    assert page.locator("#person-email").inner_text() == "pat.new@north.example"
    assert "pat@north.example" in page.locator("#email-changes").inner_text()
    check(page, "person-detail-after-change", "Pat Participant")


def test_the_not_found_page_is_accessible(page, db):
    response = page.goto("/institutions/999999999/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert_accessible(page)


def test_the_front_page_of_a_signed_in_lead_is_accessible(page, live_server, north):
    sign_in(page, live_server, north.leo)
    page.goto("/")
    # The north fixture adds an activity this year, so that is the year shown.
    assert "Lead (0 participants)" in page.locator("#your-activities").inner_text()
    check(page, "home-lead", "Maths Hubs")
