"""Every file the site sends, uploaded or made, is an attachment that is never sniffed,
cached or run (mathshubs.uploads, ADR 0015): one test per download."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mathshubs import uploads
from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import Document, SpaceKind
from mathshubs.dates import LONDON
from mathshubs.evaluation import services as evaluation
from mathshubs.evaluation.models import SectionKind
from mathshubs.events.models import EventDocument, EventFormat
from mathshubs.events.services.calendar import calendar_feed_create
from mathshubs.reporting.models import ExportStatus
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.test_happi_services import submitted_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def assert_download(response, filename: str = "") -> None:
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment"), disposition
    assert filename in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == uploads.DOWNLOAD_POLICY
    assert not response["Content-Type"].startswith(("text/html", "image/svg"))


def test_a_reports_export_is_an_attachment(cast):
    export = f.ReportExportFactory(requested_by=cast.nadia, status=ExportStatus.DONE)
    export.file.save("maths-hubs-report-2023-24.pdf", ContentFile(b"%PDF-1.7"))
    response = client_for(cast.nadia).get(f"/reports/exports/{export.pk}/download")
    assert_download(response, "maths-hubs-report-2023-24")
    assert response["Content-Type"] == "application/pdf"


def test_the_dashboards_xlsx_and_the_apis_csv_are_attachments(cast):
    nadia = client_for(cast.nadia)
    assert_download(nadia.get("/reports/2023-24/figures.xlsx"), ".xlsx")
    response = nadia.get("/api/v1/reports/2023-24/figures.csv")
    assert_download(response, "figures-2023-24.csv")
    assert response["Content-Type"].startswith("text/csv")


def test_a_happi_evidence_file_is_an_attachment(cast):
    form, _plan = submitted_plan(cast)
    impact = form.sections.get(kind=SectionKind.IMPACT)
    pdf = SimpleUploadedFile("visit-notes.pdf", b"%PDF-1.7 notes")
    added = evaluation.attachment_add(section=impact, by=cast.leo, title="Notes", file=pdf)
    url = reverse("evaluation:attachment_download", args=[cast.activity.pk, added.pk])
    assert_download(client_for(cast.leo).get(url), "visit-notes")


def test_an_event_document_is_an_attachment(cast):
    event = f.EventFactory(activity=cast.activity)
    upload = {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", b"%PDF")}
    client_for(cast.leo).post(reverse("events:document_upload", args=[event.pk]), upload)
    document = EventDocument.objects.get()
    url = reverse("events:document_download", args=[event.pk, document.pk])
    assert_download(client_for(cast.leo).get(url), "agenda")


def test_an_events_requirements_csv_is_an_attachment(cast):
    event = f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        starts_at=dt.datetime(2024, 6, 20, 9, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2024, 6, 20, 15, 0, tzinfo=LONDON),
        venue="North Primary",
    )
    response = client_for(cast.leo).get(f"/events/{event.pk}/requirements.csv")
    assert_download(response, f"event-{event.pk}-requirements.csv")


def test_an_events_ics_and_a_personal_calendar_feed_are_attachments(cast):
    event = f.EventFactory(activity=cast.activity)
    assert_download(client_for(cast.leo).get(reverse("events:ics", args=[event.pk])), ".ics")
    feed = calendar_feed_create(person=cast.pat.person)
    assert_download(client_for(None).get(reverse("events:feed", args=[feed.token])), ".ics")


def test_a_catalogue_year_file_is_an_attachment(cast):
    f.AcademicYearFactory(start_year=2023)
    response = client_for(None).get(reverse("catalogue:year_yaml", args=["2023-24"]))
    assert_download(response, "2023-24.yaml")


def _space_document(cast):
    space = next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)
    file = SimpleUploadedFile("plan.csv", b"a,b\n", content_type="text/csv")
    client_for(cast.leo).post(f"/spaces/{space.pk}/documents/", {"title": "Plan", "file": file})
    return space, Document.objects.get()


def test_a_space_documents_version_is_an_attachment_by_page_api_and_public_link(cast):
    space, document = _space_document(cast)
    leo = client_for(cast.leo)
    base = f"/spaces/{space.pk}/documents/{document.pk}"
    assert_download(leo.get(f"{base}/versions/1/"), "plan.csv")
    assert_download(leo.get(f"/api/v1{base}/versions/1"), "plan.csv")
    leo.post(f"{base}/public/", {"public": "on"})
    document.refresh_from_db()
    assert_download(client_for(None).get(f"/d/{document.public_token}/"), "plan.csv")


def test_a_written_space_document_is_a_text_attachment(cast):
    space = next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)
    leo = client_for(cast.leo)
    leo.post(f"/spaces/{space.pk}/documents/write/", {"title": 'A "quoted" plan', "text": "Hi"})
    document = Document.objects.get()
    response = leo.get(f"/spaces/{space.pk}/documents/{document.pk}/versions/1/")
    assert_download(response, r"A \"quoted\" plan v1.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "script.js", "no-extension"])
def test_a_stored_file_of_an_unsafe_kind_goes_out_as_bytes_to_save(name, tmp_path):
    stored = ContentFile(b"<script>alert(1)</script>", name=name)
    response = uploads.file_download(stored, filename=name, not_found="gone")
    assert_download(response, name)
    assert response["Content-Type"] == uploads.UNKNOWN_TYPE


def test_a_download_whose_file_is_gone_is_a_404(cast):
    from django.http import Http404

    export = f.ReportExportFactory(requested_by=cast.nadia, status=ExportStatus.DONE)
    export.file.name = "reports/missing.pdf"
    with pytest.raises(Http404, match="gone"):
        uploads.file_download(export.file, not_found="gone")


def test_a_non_ascii_filename_is_encoded_not_quoted_raw():
    response = uploads.content_download(b"x", filename="Évaluation.txt", content_type="text/plain")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%C3%89valuation.txt"
