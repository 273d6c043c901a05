"""The figures through the API (ISSUE 11, part 4) with the pages' rules: JSON and CSV of
a year's figures for England, a region or a hub, a figure with every year held, and the
rows behind a figure as CSV (within the reader's access)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.bounds import MAX_ID
from mathshubs.dates import academic_year_slug, parse_year_text
from mathshubs.exports import Table, csv_response
from mathshubs.reporting import exports, selectors
from mathshubs.reporting.counting import Scope, Value

router = Router(tags=["reports"], auth=personal_auth)

HubId = Annotated[int | None, Query(None, ge=1, le=MAX_ID, description="A hub's id")]
Region = Annotated[str | None, Query(None, max_length=50, description="A region's name")]
Year = Annotated[str, Field(description="An academic year: 2023-24", max_length=9)]


class ErrorOut(Schema):
    message: str


class ValueOut(Schema):
    count: int | None = Field(None, description="None when suppressed")
    of: int | None = Field(None, description="The whole of a share")
    value: float | None = Field(None, description="The count, or a share in per cent")
    shown: str
    suppressed: bool = Field(False, description="From fewer than 5 people: not shown")


class FigureOut(Schema):
    key: str
    label: str
    section: str
    unit: str
    definition: str
    value: ValueOut
    previous: ValueOut | None
    report: str | None = Field(None, description="The annual report's value (2022/23)")


class FiguresOut(Schema):
    year: str
    scope: str
    figures: list[FigureOut]


class YearValueOut(Schema):
    year: str
    value: ValueOut


class FigureHistoryOut(Schema):
    key: str
    label: str
    definition: str
    scope: str
    years: list[YearValueOut]


ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _year(text: str) -> int:
    year = parse_year_text(text)
    if year is None or year not in selectors.years_held():
        raise Http404(selectors.NOT_FOUND)
    return year


def _scope(request: HttpRequest, hub: int | None, region: str | None) -> Scope:
    return selectors.access_scope(
        user=request.user, hub=str(hub) if hub else None, region=region or None
    )


def _value(value: Value | None) -> dict[str, Any] | None:
    if value is None:
        return None
    if value.suppressed:  # fewer than 5 people: no number at all
        return {"count": None, "of": None, "value": None, "shown": value.shown, "suppressed": True}
    number = value.number if value.of != 0 else None
    return {"count": value.count, "of": value.of, "value": number, "shown": value.shown}


@router.get(
    "/reports/{year}/figures", response={200: FiguresOut, **ERRORS}, url_name="report_figures"
)
def report_figures(
    request: HttpRequest, year: Year, hub: HubId = None, region: Region = None
) -> Any:
    """Every figure of the year beside the year before: the national team for England,
    any region or hub; hub staff for England and their own hubs."""
    scope = _scope(request, hub, region)
    start = _year(year)
    board = selectors.dashboard(scope=scope, year=start)
    return {
        "year": academic_year_slug(start),
        "scope": scope.label,
        "figures": [
            {
                "key": row.definition.key,
                "label": row.definition.label,
                "section": section.name,
                "unit": row.definition.unit,
                "definition": row.definition.definition(),
                "value": _value(row.value),
                "previous": _value(row.previous),
                "report": row.report_text or None,
            }
            for section in board.sections
            for row in section.rows
        ],
    }


@router.get(
    "/reports/{year}/figures.csv", response={200: None, **ERRORS}, url_name="report_figures_csv"
)
def report_figures_csv(
    request: HttpRequest, year: Year, hub: HubId = None, region: Region = None
) -> HttpResponse:
    """The same figures as CSV (a spreadsheet opens it)."""
    scope = _scope(request, hub, region)
    start = _year(year)
    board = selectors.dashboard(scope=scope, year=start)
    table = exports.figures_table(board, scope, start)
    return csv_response(f"figures-{academic_year_slug(start)}.csv", table)


@router.get(
    "/reports/{year}/figures/{key}",
    response={200: FigureHistoryOut, **ERRORS},
    url_name="report_figure",
)
def report_figure(
    request: HttpRequest,
    year: Year,
    key: Annotated[str, Field(max_length=60)],
    hub: HubId = None,
    region: Region = None,
) -> Any:
    """One figure with its definition and its value in every year held."""
    scope = _scope(request, hub, region)
    _year(year)
    definition = selectors.definition_or_404(key)
    history = selectors.figure_history(scope=scope, definition=definition)
    return {
        "key": definition.key,
        "label": definition.label,
        "definition": definition.definition(),
        "scope": scope.label,
        "years": [{"year": academic_year_slug(y), "value": _value(v)} for y, v in history],
    }


@router.get(
    "/reports/{year}/figures/{key}/rows.csv",
    response={200: None, **ERRORS},
    url_name="report_figure_rows_csv",
)
def report_figure_rows_csv(
    request: HttpRequest,
    year: Year,
    key: Annotated[str, Field(max_length=60)],
    hub: HubId = None,
    region: Region = None,
) -> HttpResponse:
    """The schools, people, activities, events or places behind a figure, as CSV: for
    the national team, and for hub staff in their own hubs (404 otherwise)."""
    scope = _scope(request, hub, region)
    start = _year(year)
    definition = selectors.definition_or_404(key)
    rows = selectors.access_drilldown(
        user=request.user, scope=scope, definition=definition, year=start
    )
    if rows is None:
        raise Http404(selectors.NOT_FOUND)
    header, cells = exports.drilldown_cells(definition.source)
    table = Table(definition.key, header, (cells(row) for row in rows.iterator(chunk_size=2000)))
    return csv_response(f"{definition.key}-{academic_year_slug(start)}.csv", table)
