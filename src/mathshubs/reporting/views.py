"""The pages of national reporting (ISSUE 11): the dashboard of a year for England, a
region or a hub, beside the year before; a figure's page with its definition, its value
in every year held and the schools or people behind it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from mathshubs.dates import academic_year_label, academic_year_slug, parse_year_text
from mathshubs.directory.rules import programme_year_for
from mathshubs.directory.views import _paginate
from mathshubs.exports import xlsx_response
from mathshubs.reporting import exports, selectors
from mathshubs.reporting.counting import Scope

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


urlpatterns = [
    path("reports/", index, name="index"),
    path("reports/<ayear:year>/", dashboard, name="dashboard"),
    path("reports/<ayear:year>/figures.xlsx", dashboard_xlsx, name="dashboard_xlsx"),
    path("reports/<ayear:year>/<slug:key>/", figure, name="figure"),
]
