"""The pages of national reporting (ISSUE 11): the dashboard of a year for England, a
region or a hub, beside the year before; a figure's page with its definition, its value
in every year held and the schools or people behind it."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from mathshubs.dates import academic_year_label, academic_year_slug, parse_year_text
from mathshubs.directory.rules import programme_year_for
from mathshubs.directory.views import _paginate
from mathshubs.exports import xlsx_response
from mathshubs.reporting import exports, rules, selectors, services
from mathshubs.reporting.counting import Scope
from mathshubs.reporting.definitions import BY_KEY
from mathshubs.reporting.models import ExportKind, ExportStatus, ReportExport
from mathshubs.uploads import file_download

ROWS_PER_PAGE = 50


def _scope(request: HttpRequest) -> Scope:
    return selectors.access_scope(
        user=request.user, hub=request.GET.get("hub"), region=request.GET.get("region")
    )


def _scope_query(scope: Scope) -> str:
    if scope.kind == "hub":
        return f"?hub={scope.key}"
    if scope.kind == "region":
        return "?" + urlencode({"region": scope.key})
    return ""


@login_required
def index(request: HttpRequest) -> HttpResponse:
    selectors.access_scope(user=request.user)
    year = programme_year_for(request.user)
    return redirect("reporting:dashboard", year=year)


@login_required
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    scope = _scope(request)
    chosen = parse_year_text(request.GET.get("year"))
    if chosen is not None and chosen != year:  # the form's "Academic year"
        return redirect(reverse("reporting:dashboard", args=[chosen]) + _scope_query(scope))
    regions, hubs = selectors.scope_choices(user=request.user)
    context = {
        "scope": scope,
        "scope_query": _scope_query(scope),
        "year": year,
        "year_label": academic_year_label(year),
        "previous_label": academic_year_label(year - 1),
        "dashboard": selectors.dashboard(scope=scope, year=year),
        "show_report": scope.is_national and year == selectors.REPORT_YEAR,
        "years": [
            (y, academic_year_label(y), academic_year_slug(y)) for y in selectors.years_held()
        ],
        "regions": regions,
        "hubs": hubs,
    }
    return render(request, "reporting/dashboard.html", context)


@login_required
def figure(request: HttpRequest, year: int, key: str) -> HttpResponse:
    scope = _scope(request)
    definition = selectors.definition_or_404(key)
    history = selectors.figure_history(scope=scope, definition=definition)
    value = dict(history).get(year)
    if value is None:
        raise Http404(selectors.NOT_FOUND)
    rows = selectors.access_drilldown(
        user=request.user, scope=scope, definition=definition, year=year
    )
    page, pagination = _paginate(request, rows, ROWS_PER_PAGE) if rows is not None else (None, {})
    context = {
        "scope": scope,
        "scope_query": _scope_query(scope),
        "definition": definition,
        "year": year,
        "year_label": academic_year_label(year),
        "value": value,
        "history": [(y, academic_year_label(y), v) for y, v in history],
        "page": page,
        "pagination": pagination,
        "kind": definition.source,
    }
    return render(request, "reporting/figure.html", context)


@login_required
def dashboard_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    """The dashboard's tables as one workbook: a sheet a table, and the definitions."""
    scope = _scope(request)
    board = selectors.dashboard(scope=scope, year=year)
    name = f"figures-{academic_year_slug(year)}.xlsx"
    return xlsx_response(name, exports.dashboard_tables(board, scope, year))


@login_required
@require_POST
def export_start(request: HttpRequest, year: int) -> HttpResponse:
    """Ask for a long export (the report as a PDF, or a figure's rows as CSV): a worker
    makes it while its page shows the progress."""
    scope = _scope(request)
    if year not in selectors.years_held():
        raise Http404(selectors.NOT_FOUND)
    kind = request.POST.get("kind", "")
    figure_key = ""
    if kind == ExportKind.ROWS_CSV:
        definition = selectors.definition_or_404(request.POST.get("figure", ""))
        if not rules.can_drill_into(request.user, scope, definition):
            raise Http404(selectors.NOT_FOUND)
        figure_key = definition.key
    elif kind != ExportKind.REPORT_PDF:
        raise Http404(selectors.NOT_FOUND)
    export = services.export_request(
        user=request.user, kind=kind, scope=scope, year=year, figure=figure_key
    )
    return redirect("reporting:export", export_id=export.pk)


def _my_export(request: HttpRequest, export_id: uuid.UUID) -> ReportExport:
    """The reader's own export; anyone else's is not found."""
    selectors.access_scope(user=request.user)
    export = ReportExport.objects.filter(pk=export_id, requested_by=request.user).first()
    if export is None:
        raise Http404(EXPORT_NOT_FOUND)
    return export


EXPORT_NOT_FOUND = (
    "There is no such export, or it is not yours: ask for it again on the figures page"
)


def _export_back(export: ReportExport) -> str:
    query = _scope_query(
        Scope(
            "hub" if export.hub_id else "region" if export.region else "national",
            export.scope_label,
            key=str(export.hub_id) if export.hub_id else export.region,
        )
    )
    if export.figure:
        return reverse("reporting:figure", args=[export.academic_year, export.figure]) + query
    return reverse("reporting:dashboard", args=[export.academic_year]) + query


@login_required
def export(request: HttpRequest, export_id: uuid.UUID) -> HttpResponse:
    found = _my_export(request, export_id)
    context = {
        "export": found,
        "year_label": academic_year_label(found.academic_year),
        "back": _export_back(found),
        "figure_label": BY_KEY[found.figure].label if found.figure in BY_KEY else "",
        "filename": os.path.basename(found.file.name) if found.file else "",
        "erased_on": (found.finished_at or found.created_at)
        + dt.timedelta(days=settings.REPORT_EXPORT_RETENTION_DAYS),
        "recent": ReportExport.objects.filter(requested_by=request.user)
        .exclude(pk=found.pk)
        .order_by("-created_at")[:10],
    }
    return render(request, "reporting/export.html", context)


@login_required
def export_progress(request: HttpRequest, export_id: uuid.UUID) -> JsonResponse:
    """How far the export has got, for the page to show without reloading."""
    found = _my_export(request, export_id)
    return JsonResponse(
        {
            "status": found.status,
            "pending": found.pending,
            "percent": found.percent,
            "text": found.progress_text,
        },
        headers={"Cache-Control": "no-store"},
    )


@login_required
def export_download(request: HttpRequest, export_id: uuid.UUID) -> FileResponse:
    found = _my_export(request, export_id)
    if found.status != ExportStatus.DONE or not found.file:
        raise Http404(EXPORT_NOT_FOUND)
    # Still the reader's to read: a role taken away since it was made stops the download.
    selectors.access_scope(
        user=request.user,
        hub=str(found.hub_id) if found.hub_id else None,
        region=found.region or None,
    )
    return file_download(found.file, not_found=EXPORT_NOT_FOUND)


urlpatterns = [
    path("reports/", index, name="index"),
    path("reports/exports/<uuid:export_id>/", export, name="export"),
    path("reports/exports/<uuid:export_id>/progress", export_progress, name="export_progress"),
    path("reports/exports/<uuid:export_id>/download", export_download, name="export_download"),
    path("reports/<ayear:year>/", dashboard, name="dashboard"),
    path("reports/<ayear:year>/figures.xlsx", dashboard_xlsx, name="dashboard_xlsx"),
    path("reports/<ayear:year>/exports/", export_start, name="export_start"),
    path("reports/<ayear:year>/<slug:key>/", figure, name="figure"),
]
