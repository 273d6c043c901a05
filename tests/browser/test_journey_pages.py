"""The journey and LLME register pages in a real browser: they work, and axe-core finds no
serious problems."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mathshubs.activities.models import DevelopmentProgramme, EnrolmentStatus
from mathshubs.catalogue.models import JourneyStage
from tests.activities.test_journey_builders import enrol, lead, llme, school
from tests.browser.conftest import assert_accessible
from tests.browser.test_pages import shot, sign_in

S = JourneyStage


def check(page, name: str, heading: str) -> None:
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    assert_accessible(page)
    shot(page, name)


@pytest.fixture
def journeys(transactional_db, cast):
    done = school(cast.north, name="Birch Primary")
    enrol(done, S.MASTERY_READINESS, 2021, EnrolmentStatus.COMPLETED)
    enrol(done, S.DEVELOPMENT, 2022, EnrolmentStatus.COMPLETED)
    enrol(cast.north_school, S.MASTERING_NUMBER, 2022, EnrolmentStatus.COMPLETED)
    enrol(school(cast.north), S.DEVELOPMENT, 2023, EnrolmentStatus.WITHDRAWN)
    for _ in range(3):
        lead(llme(cast.north), cast.north)
    DevelopmentProgramme.objects.create(
        person=cast.leo.person, programme="pd_lead", started_year=2022, hub=cast.north
    )
    return cast, done


def test_hub_staff_follow_the_hub_page_to_the_journey_and_schools_ready_for_embedding(
    page, live_server, journeys
):
    cast, done = journeys
    sign_in(page, live_server, cast.harriet)
    page.goto("/hubs/north/")
    assert "Active LLMEs: 4 of the target of 50 in 2023/24" in page.inner_text("#llme-summary")
    page.get_by_role("link", name="Teaching for Mastery journey").click()
    check(page, "journey-hub", "Teaching for Mastery journey")
    page.get_by_label("Schools ready for").select_option("embedding")
    page.get_by_role("button", name="Show schools").click()
    expect(page.locator("#ready-schools")).to_contain_text("Birch Primary")
    check(page, "journey-hub-ready", "Teaching for Mastery journey")
    page.get_by_role("link", name="Birch Primary").click()
    expect(page.locator("#journey-next")).to_contain_text("Embedding")
    assert "Development completed in 2022/23" in page.inner_text("#journey-next")
    check(page, "journey-institution", "Birch Primary")


def test_a_participant_sees_their_schools_journey(page, live_server, journeys):
    cast, _ = journeys
    sign_in(page, live_server, cast.pat)
    page.goto(f"/institutions/{cast.north_school.urn}/")
    assert "Mastery Readiness" in page.inner_text("#journey-current")
    assert "Mastering Number" in page.inner_text("#journey-history")
    assert_accessible(page)


def test_hub_staff_keep_the_register_up_to_date(page, live_server, journeys):
    cast, _ = journeys
    sign_in(page, live_server, cast.harriet)
    page.goto("/hubs/north/")
    page.get_by_role("link", name="The hub's LLME community").click()
    check(page, "register-hub", "LLME community")
    assert "4 of the target of 50" in page.inner_text("#llme-headline")
    page.get_by_role("link", name="Leo Lead").click()
    check(page, "register-llme", "Leo Lead")
    page.get_by_label("Leading maths pedagogy").check()
    page.get_by_role("button", name="Save expertise").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Expertise saved")

    page.get_by_role("link", name="Add a development programme").click()
    page.get_by_label("Mastery Specialist Programme").check()
    page.get_by_label("Phase").select_option("primary")
    page.get_by_label("Year started").select_option("2021")
    page.locator("#id_accredited_on_day").fill("1")
    page.locator("#id_accredited_on_month").fill("2")
    page.locator("#id_accredited_on_year").fill("2023")
    page.get_by_role("button", name="Add programme").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator("#id_accredited_on_month").input_value() == "2"
    check(page, "register-programme-error", "Add a development programme")
    page.locator("#id_completed_on_day").fill("10")
    page.locator("#id_completed_on_month").fill("7")
    page.locator("#id_completed_on_year").fill("2022")
    page.get_by_role("button", name="Add programme").click()
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Development programme recorded for Leo Lead")
    expect(page.locator("#programmes")).to_contain_text("Mastery Specialist Programme")


def test_the_national_llme_page(page, live_server, journeys):
    cast, _ = journeys
    sign_in(page, live_server, cast.nadia)
    page.goto("/llmes/")
    check(page, "register-national", "LLMEs across the network")
    assert "of the target of 2,000" in page.inner_text("#national-headline")
