"""The catalogue pages in a real browser: they work, and axe-core finds no serious problems."""

from __future__ import annotations

import pytest

from mathshubs.catalogue.importers import catalogue_load
from tests.browser.conftest import assert_accessible, visible
from tests.browser.test_pages import shot, sign_in
from tests.catalogue.builders import CATALOGUE_2019, CATALOGUE_2023


def check(page, name: str, heading: str) -> None:
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    assert_accessible(page)
    shot(page, name)


@pytest.fixture
def catalogues(transactional_db, cast):
    catalogue_load(CATALOGUE_2019)
    catalogue_load(CATALOGUE_2023)
    return cast


def test_a_visitor_finds_a_project_through_the_catalogue(page, catalogues):
    page.goto("/")
    page.get_by_role("link", name="Catalogue", exact=True).click()
    check(page, "catalogue-index", "National project catalogue")

    page.get_by_role("link", name="2023/24 catalogue").click()
    check(page, "catalogue-2023-24", "Projects 2023/24")

    page.get_by_label("Phase").select_option("secondary")
    page.get_by_label("Type").select_option("community")
    page.get_by_role("button", name="Apply filters").click()
    assert "phase=secondary" in page.url
    assert visible(page.get_by_role("heading", name="Communities"))
    check(page, "catalogue-2023-24-filtered", "Projects 2023/24")

    page.goto("/catalogue/2019-20/")
    page.get_by_role("link", name="Mastery Readiness Work Groups").first.click()
    check(page, "catalogue-ncp-19-11", "Mastery Readiness Work Groups")
    words = page.locator("details", has_text="There is a grant of £14,150").first
    assert not words.locator(".govuk-details__text").is_visible()
    words.locator("summary").click()
    assert visible(words.locator(".govuk-details__text"))


def test_a_title_only_project_and_a_bad_filter_are_accessible(page, catalogues):
    page.goto("/catalogue/ncp/ncp%2023-26/")
    assert page.url.endswith("/catalogue/ncp/NCP23-26/")
    check(page, "catalogue-ncp-23-26", "Specialist Knowledge for Teaching Mathematics")
    page.goto("/catalogue/2023-24/?phase=tertiary")
    assert visible(page.get_by_text("The phase filter was ignored"))
    check(page, "catalogue-bad-filter", "Projects 2023/24")


def test_the_national_team_copies_a_year_to_a_draft_and_publishes_it(page, live_server, catalogues):
    sign_in(page, live_server, catalogues.nadia)
    page.goto("/catalogue/")
    check(page, "catalogue-index-national", "National project catalogue")
    page.get_by_role("button", name="Copy to draft 2024/25").click()
    assert visible(page.get_by_text("2024/25 is drafted from 2023/24"))
    check(page, "catalogue-draft", "Projects 2024/25")
    page.goto("/catalogue/")
    page.get_by_role("button", name="Publish 2024/25").click()
    assert visible(page.get_by_text("2024/25 is published"))


def test_the_national_team_drafts_a_year_in_the_editor_codes_publishes_and_compares(
    page, live_server, catalogues
):
    """ISSUE 12: a year drafted with uncoded projects, a NEW one, one delivered with a
    partner and one with a title per phase; codes given; published; the diff read."""
    sign_in(page, live_server, catalogues.nadia)
    page.goto("/catalogue/")
    page.get_by_role("button", name="Make a year's catalogue").click()
    check(page, "catalogue-editor-new-year", "Make a year's catalogue")
    page.get_by_label("Academic year").fill("2024/25")
    page.get_by_label("A copy of 2023/24").check()
    page.get_by_role("button", name="Make the catalogue").click()
    check(page, "catalogue-editor", "Edit the 2024/25 catalogue")

    # A project with no code, phase or type yet, flagged NEW (as a new project is).
    page.get_by_role("button", name="Add a project").click()
    page.get_by_label("Title", exact=True).fill("Year 7 Transition")
    assert page.get_by_label("Flagged NEW this year").is_checked()
    page.get_by_role("button", name="Add the project").click()
    assert visible(page.locator("#publish-missing"))
    assert visible(page.get_by_text('"Year 7 Transition" has no phases'))

    # A mistake is named, and what was typed stays.
    page.get_by_role("button", name="Add a project").click()
    page.get_by_label("Title", exact=True).fill("Teaching Assistants")
    page.get_by_label("Code").fill("NCP23-40")
    page.get_by_label("Primary", exact=True).check()
    page.get_by_label("Secondary", exact=True).check()
    page.get_by_label("Type").select_option("work_group")
    page.locator("summary", has_text="A different title for each phase").click()
    page.get_by_label("Title for Primary").fill("Primary Teaching Assistants")
    page.get_by_label("Title for Secondary").fill("Secondary Teaching Assistants")
    page.get_by_label("Partner 1", exact=True).fill("Advanced Maths Support Programme")
    page.get_by_role("button", name="Add the project").click()
    check(page, "catalogue-editor-error", "Add a project")
    assert visible(page.get_by_text("NCP23-40 is not a 2024/25 code"))
    assert page.get_by_label("Title", exact=True).input_value() == "Teaching Assistants"
    page.get_by_label("Code").fill("")
    page.get_by_role("button", name="Add the project").click()

    # Codes given, phase and type set: then it publishes.
    page.locator("#project-year-7-transition").get_by_role("link", name="Change").click()
    page.get_by_label("Code").fill("NCP24-41")
    page.get_by_label("Secondary", exact=True).check()
    page.get_by_label("Type").select_option("programme")
    page.get_by_role("button", name="Save the project").click()
    page.locator("#project-teaching-assistants").get_by_role("link", name="Change").click()
    page.get_by_label("Code").fill("NCP24-40")
    page.get_by_role("button", name="Save the project").click()
    assert not page.locator("#publish-missing").count()
    page.get_by_role("button", name="Publish 2024/25").click()
    check(page, "catalogue-2024-25-published", "Projects 2024/25")
    assert visible(page.get_by_text("NCP24-40"))

    page.goto("/catalogue/2024-25/edit/")
    page.get_by_label("Compare 2024/25 with").select_option("2023")
    page.get_by_role("button", name="Compare the years").click()
    check(page, "catalogue-compare", "2024/25 beside 2023/24")
    added = page.locator("#diff-added")
    assert "NCP24-40 Teaching Assistants" in added.inner_text()
    assert "NCP24-41 Year 7 Transition" in added.inner_text()
