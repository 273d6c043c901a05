"""People's data in a real browser: a participant finds Your data from their profile and
downloads it; the national team erase a person from their page after typing the name.
axe-core finds no serious problems on any of the pages."""

from __future__ import annotations

import zipfile

import pytest

from mathshubs.privacy.services import CONFIRMATION_WRONG
from tests.browser.conftest import visible
from tests.browser.test_pages import check, sign_in
from tests.privacy.conftest import _media, zeb  # noqa: F401  (fixtures)


@pytest.fixture
def held(transactional_db, zeb):  # noqa: F811
    return zeb


def test_a_participant_downloads_their_data_from_their_profile(page, live_server, held):
    sign_in(page, live_server, held.user)
    page.goto("/account/profile/")
    page.get_by_role("link", name="See what we hold about you").click()
    check(page, "privacy-your-data", "Your data")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data").click()
    archive = zipfile.ZipFile(download.value.path())
    assert "person.json" in archive.namelist()


def test_the_national_team_erase_a_person_after_typing_their_name(page, live_server, held, cast):
    sign_in(page, live_server, cast.nadia)
    page.goto(f"/people/{held.person.pk}/")
    page.get_by_role("link", name="Download everything held about Zebedee Quixotic").click()
    check(page, "privacy-person-data", "Data held about this person")
    page.get_by_role("link", name="Erase their data").click()
    check(page, "privacy-erase", "Erase Zebedee Quixotic's data")
    assert visible(page.locator(".govuk-warning-text"))
    page.get_by_label("Type the person's full name to confirm").fill("Zebedee")
    page.get_by_role("button", name="Erase their data").click()
    assert CONFIRMATION_WRONG in page.locator(".govuk-error-summary").inner_text()
    check(page, "privacy-erase-error", "Erase Zebedee Quixotic's data")
    page.get_by_label("Type the person's full name to confirm").fill("Zebedee Quixotic")
    page.get_by_role("button", name="Erase their data").click()
    assert visible(page.locator("#erased"))
    check(page, "privacy-erased", "Data held about this person")
