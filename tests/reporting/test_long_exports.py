"""Long exports (ISSUE 11, part 4): the report as a PDF and a figure's rows as CSV, made
by a task worker, with their progress shown and a download link once made; only the
person who asked downloads them, and only while the figures are still theirs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess

import pytest
from django.core.management import call_command

from mathshubs.directory.models import RoleAssignment
from mathshubs.reporting import selectors, services
from mathshubs.reporting.counting import ENGLAND
from mathshubs.reporting.models import ExportKind, ExportStatus, ReportExport
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

EXPORT_ADDRESS = re.compile(r"^/reports/exports/([0-9a-f-]{36})/$")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def made(django_capture_on_commit_callbacks):
    """Ask for an export as a browser does; the task runs when the request commits (the
    tests' task backend runs it at once)."""

    def ask(client, year: str, query: str = "", **form: str):
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(f"/reports/{year}/exports/{query}", form)
        assert answer.status_code == 302, answer.content[:300]
        found = EXPORT_ADDRESS.match(answer["Location"])
        assert found, answer["Location"]
        return ReportExport.objects.get(pk=found.group(1)), answer["Location"]

    return ask


def _pdf_text(content: bytes, tmp_path) -> str:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    return " ".join(text.split())


def test_the_national_report_as_a_pdf_reads_back_with_every_figure(cast, counted, made, tmp_path):
    nadia = client_for(cast.nadia)
    export, address = made(nadia, "2023-24", kind="report-pdf")
    page = nadia.get(address).content.decode()
    assert "Ready to download" in page and "maths-hubs-report-2023-24.pdf" in page
    download = nadia.get(f"{address}download")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    text = _pdf_text(content, tmp_path)
    assert "Report 2023/24" in text and "England" in text
    board = selectors.dashboard(scope=ENGLAND, year=2023)
    for section in board.sections:
        assert section.name in text
        for row in section.rows:
            assert row.definition.label in text, row.definition.label
            assert row.value.shown in text, (row.definition.label, row.value.shown)
    engaged = board.sections[0].rows[0].value
    assert f"{engaged.count} of {engaged.of}" in text
    # The charts' words are text in the PDF, and the definitions close it.
    assert "Primary schools in Teaching for Mastery Work Groups, by stage" in text
    assert "How each figure is counted" in text and "Southshire" in text


def test_a_hubs_report_is_its_own_hubs(cast, counted, made, tmp_path):
    harriet = client_for(cast.harriet)
    export, address = made(harriet, "2023-24", f"?hub={cast.north.pk}", kind="report-pdf")
    assert export.scope_label == cast.north.name
    content = b"".join(harriet.get(f"{address}download").streaming_content)
    text = _pdf_text(content, tmp_path)
    assert cast.north.name in text
    assert "Northshire" in text and "Southshire" not in text


def test_a_figures_rows_as_csv_are_as_many_as_the_figure(cast, counted, made):
    harriet = client_for(cast.harriet)
    query = f"?hub={cast.north.pk}"
    export, address = made(harriet, "2023-24", query, kind="rows-csv", figure="engaged")
    assert export.status == ExportStatus.DONE
    body = b"".join(harriet.get(f"{address}download").streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["URN", "School", "Local authority", "Serving hub"]
    schools = [row[1] for row in rows[1:]]
    assert schools == ["North Primary"]
    figure = dict(
        selectors.figure_history(
            scope=selectors.access_scope(user=cast.harriet, hub=str(cast.north.pk)),
            definition=selectors.BY_KEY["engaged"],
        )
    )[2023]
    assert len(schools) == figure.count


def test_the_figure_page_and_dashboard_offer_the_exports(cast, counted):
    nadia = client_for(cast.nadia)
    dashboard = nadia.get("/reports/2023-24/").content.decode()
    assert 'id="download-pdf"' in dashboard and 'name="kind" value="report-pdf"' in dashboard
    figure = nadia.get("/reports/2023-24/engaged/").content.decode()
    assert "Download all 2 (CSV)" in figure


def test_progress_is_shown_while_an_export_is_being_made(cast):
    nadia = client_for(cast.nadia)
    running = f.ReportExportFactory(
        requested_by=cast.nadia, steps_done=1, stage="Working out the matched change"
    )
    page = nadia.get(f"/reports/exports/{running.pk}/").content.decode()
    assert "Working out the matched change: 25% done" in page
    assert 'value="25"' in page and "Check again" in page and "export-progress.js" in page
    assert "Download" not in page
    state = nadia.get(f"/reports/exports/{running.pk}/progress").json()
    assert state == {
        "status": "running",
        "pending": True,
        "percent": 25,
        "text": "Working out the matched change: 25% done",
    }
    assert nadia.get(f"/reports/exports/{running.pk}/download").status_code == 404


def test_a_worker_makes_a_queued_export(
    transactional_db, cast, counted, settings, django_capture_on_commit_callbacks
):
    """The production path: the request queues the task in the database and a worker
    (`mathshubs worker`) makes it. Outside a test transaction: a worker closes its
    connection between tasks."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    nadia = client_for(cast.nadia)
    with django_capture_on_commit_callbacks(execute=True):
        answer = nadia.post("/reports/2023-24/exports/", {"kind": "rows-csv", "figure": "engaged"})
    address = answer["Location"]
    assert "Waiting for a worker to start it" in nadia.get(address).content.decode()
    # A second click while it waits is the same export, not another.
    with django_capture_on_commit_callbacks(execute=True):
        again = nadia.post("/reports/2023-24/exports/", {"kind": "rows-csv", "figure": "engaged"})
    assert again["Location"] == address and ReportExport.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert "Ready to download" in nadia.get(address).content.decode()
    body = b"".join(nadia.get(f"{address}download").streaming_content).decode("utf-8-sig")
    assert "North Primary" in body and "South Primary" in body


def test_only_the_person_who_asked_reads_an_export(cast, counted, made):
    harriet = client_for(cast.harriet)
    export, address = made(harriet, "2023-24", f"?hub={cast.north.pk}", kind="report-pdf")
    for other in (cast.nadia, cast.simon, cast.leo, cast.pat):
        client = client_for(other)
        for end in ("", "progress", "download"):
            assert client.get(f"{address}{end}").status_code == 404, (other, end)


@pytest.mark.parametrize(
    "who, query, form",
    [
        ("harriet", "?hub={south}", {"kind": "report-pdf"}),  # another hub
        ("harriet", "", {"kind": "rows-csv", "figure": "engaged"}),  # England's rows
        ("nadia", "", {"kind": "rows-csv", "figure": "autumn_completion"}),  # who completed
        ("nadia", "", {"kind": "rows-csv", "figure": "matched_rise"}),  # pseudonymous
        ("nadia", "", {"kind": "rows-csv", "figure": "no-such-figure"}),
        ("nadia", "", {"kind": "everything"}),
        ("leo", "", {"kind": "report-pdf"}),
        ("pat", "", {"kind": "report-pdf"}),
    ],
)
def test_an_export_beyond_the_readers_access_is_not_made(cast, counted, who, query, form):
    client = client_for(getattr(cast, who))
    answer = client.post(f"/reports/2023-24/exports/{query.format(south=cast.south.pk)}", form)
    assert answer.status_code == 404
    assert not ReportExport.objects.exists()


def test_an_export_of_a_year_not_held_is_not_found(cast, counted):
    answer = client_for(cast.nadia).post("/reports/2001-02/exports/", {"kind": "report-pdf"})
    assert answer.status_code == 404


def test_asking_for_an_export_needs_a_post(cast, counted):
    assert client_for(cast.nadia).get("/reports/2023-24/exports/").status_code == 405


def test_a_role_taken_away_stops_the_export_and_its_download(cast, counted, made):
    harriet = client_for(cast.harriet)
    query = f"?hub={cast.north.pk}"
    made_before, address = made(harriet, "2023-24", query, kind="rows-csv", figure="engaged")
    queued = services.export_request(
        user=cast.harriet,
        kind=ExportKind.REPORT_PDF,
        scope=selectors.access_scope(user=cast.harriet, hub=str(cast.north.pk)),
        year=2023,
    )
    RoleAssignment.objects.filter(person=cast.harriet.person).delete()
    assert harriet.get(f"{address}download").status_code == 404
    assert services.export_build(str(queued.pk)) == ExportStatus.FAILED
    queued.refresh_from_db()
    assert queued.problem == services.GONE and not queued.file


def test_old_exports_and_their_files_are_erased(cast, counted, made, tmp_path):
    nadia = client_for(cast.nadia)
    export, _ = made(nadia, "2023-24", kind="rows-csv", figure="engaged")
    stored = tmp_path / export.file.name
    assert stored.exists()
    assert services.exports_erase_due(now=export.created_at + dt.timedelta(days=6)) == 0
    assert services.exports_erase_due(now=export.created_at + dt.timedelta(days=8)) == 1
    assert not stored.exists() and not ReportExport.objects.exists()
