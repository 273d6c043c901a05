"""Programme figures in a real browser as the national team and hub staff use them: from
the home page to the dashboard, a region, a figure and the schools behind it, the XLSX;
axe-core finds no serious problems on any of them, charts included."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from openpyxl import load_workbook
from playwright.sync_api import expect

from mathshubs.reporting.models import ExportStatus, ReportExport
from tests import factories as f
from tests.browser.conftest import assert_accessible
from tests.browser.test_pages import check, sign_in


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Exports' files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def figures(transactional_db, cast):
    south = f.ActivityFactory(hub=cast.south, academic_year=2023, ncp=cast.mastery_readiness)
    f.ActivitySchoolFactory(activity=south, institution=cast.south_school)
    earlier = f.ActivityFactory(hub=cast.north, academic_year=2022, ncp=cast.mastery_readiness)
    f.ActivitySchoolFactory(activity=earlier, institution=cast.north_school)
    return cast


def test_the_national_team_reads_england_a_region_a_figure_and_the_schools_behind_it(
    page, live_server, figures
):
    cast = figures
    sign_in(page, live_server, cast.nadia)
    page.goto("/")
    page.locator("#national-figures").get_by_role("link", name="Programme figures").click()
    check(page, "reports-england", "England, 2023/24")
    expect(page.locator("#engaged-by-hub-chart")).to_be_visible()
    expect(page.locator("#tfm-stages-chart")).to_be_visible()
    page.get_by_label("Region").select_option(cast.north.region)
    page.get_by_role("button", name="Show figures").click()
    check(page, "reports-region", f"{cast.north.region}, 2023/24")
    page.get_by_role("link", name="Schools engaged with their Maths Hub").click()
    check(page, "reports-figure", "Schools engaged with their Maths Hub")
    expect(page.locator("#drilldown")).to_contain_text("North Primary")
    expect(page.locator("#history")).to_contain_text("2022/23")
    page.get_by_role("link", name=f"Figures for {cast.north.region}").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every table (XLSX)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[0] == "Figures 2023-24" and "Definitions" in book.sheetnames
    # The API's CSV with the browser's own sign-in, as a spreadsheet would fetch it.
    answer = page.request.get(
        f"{live_server.url}/api/v1/reports/2023-24/figures.csv?region={cast.north.region}"
    )
    assert answer.ok and answer.headers["content-type"].startswith("text/csv")
    lines = answer.text().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Section,Key,Figure")
    assert any(line.startswith("Welcome,engaged,") for line in lines)


def test_hub_staff_read_their_hub_and_england_without_the_schools_behind_englands(
    page, live_server, figures
):
    cast = figures
    sign_in(page, live_server, cast.harriet)
    page.goto("/")
    page.locator("#hub-year-links").get_by_role("link", name="Programme figures").click()
    check(page, "reports-hub", "North Test Maths Hub, 2023/24")
    expect(page.get_by_label("Region")).to_have_count(0)
    page.get_by_label("Maths Hub").select_option("")
    page.get_by_role("button", name="Show figures").click()
    check(page, "reports-england-hub-staff", "England, 2023/24")
    page.get_by_role("link", name="Schools engaged with their Maths Hub").click()
    expect(page.locator("#no-drilldown")).to_be_visible()
    assert_accessible(page)


def test_the_report_pdf_and_a_hubs_rows_are_made_then_downloaded(page, live_server, figures):
    """The long exports: asked for on the dashboard and a figure's page, made by the task
    runner, shown ready with a download link; the PDF's text has the figures in it."""
    cast = figures
    sign_in(page, live_server, cast.harriet)
    page.goto(f"/reports/2023-24/?hub={cast.north.pk}")
    page.get_by_role("button", name="Download the report (PDF)").click()
    check(page, "reports-export-ready", "The report (PDF)")
    expect(page.locator("#export-ready")).to_contain_text("Ready to download")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download maths-hubs-report-2023-24.pdf").click()
    pdf = Path(download.value.path())
    # -layout keeps a table's row on its line, however the cells are placed vertically.
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    text = " ".join(text.split())
    assert "North Test Maths Hub" in text and "Schools engaged with their Maths Hub" in text
    assert "Schools engaged with their Maths Hub 100.0%" in text and "1 of 1" in text
    page.get_by_role("link", name="Back to the figures").click()
    page.get_by_role("link", name="Schools engaged with their Maths Hub").click()
    page.get_by_role("button", name="Download all 1 (CSV)").click()
    expect(page.locator("#export-ready")).to_be_visible()
    expect(page.locator("#recent-exports")).to_contain_text("The report (PDF)")
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("#download").click()
    rows = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].split(",")[1] == "North Primary" and len(rows) == 2


def test_an_exports_page_follows_the_worker_without_a_click(page, live_server, figures):
    """While a worker makes an export its page says how far it has got, then shows the
    download link, with no reload by the reader."""
    cast = figures
    export = f.ReportExportFactory(requested_by=cast.nadia)
    sign_in(page, live_server, cast.nadia)
    page.goto(f"/reports/exports/{export.pk}/")
    expect(page.locator("#export-stage")).to_have_text("Counting the figures: 0% done")
    assert_accessible(page)
    ReportExport.objects.filter(pk=export.pk).update(steps_done=2, stage="Laying out the pages")
    expect(page.locator("#export-stage")).to_have_text("Laying out the pages: 50% done")
    expect(page.locator("#export-bar")).to_have_attribute("value", "50")
    export.file.save("maths-hubs-report-2023-24.pdf", ContentFile(b"%PDF-1.7"), save=False)
    export.status = ExportStatus.DONE
    export.save()
    expect(page.locator("#export-ready")).to_contain_text("Ready to download")
    expect(page.get_by_role("link", name="Download maths-hubs-report-2023-24.pdf")).to_be_visible()
