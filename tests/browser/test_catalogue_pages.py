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
