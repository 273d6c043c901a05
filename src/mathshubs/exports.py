"""Tables people download to open in their own tools: CSV (UTF-8 with a byte-order mark,
so Excel reads it) and XLSX (one sheet a table, typed cells: numbers stay numbers, dates
stay dates). Text that a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse

from mathshubs.uploads import as_attachment

# Cells starting like a formula are read as one by spreadsheet programs: prefix them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_safe(value: Any) -> Any:
    """A cell's value, with text that starts like a formula made plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return f"'{value}"
    return value


@dataclass
class Table:
    title: str  # the XLSX sheet's name (31 characters at most)
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    return as_attachment(response, filename)


def csv_write(out: Any, table: Table) -> None:
    """The table as CSV into a text stream (a response or a file): a byte-order mark for
    spreadsheets, cells a formula could not start."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([_csv_text(spreadsheet_safe(value)) for value in row])


def csv_response(filename: str, table: Table) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    csv_write(response, table)
    return _download(response, filename)


def _csv_text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def xlsx_response(filename: str, tables: Sequence[Table]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(title=table.title[:31])
        from openpyxl.cell import WriteOnlyCell

        header = []
        for name in table.header:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_xlsx_value(spreadsheet_safe(value)) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return _download(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from mathshubs.dates import LONDON

        return value.astimezone(LONDON).replace(tzinfo=None)
    return value
