"""Reading and checking every row of a GIAS file before anything is written."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.db import models
from tqdm import tqdm

from mathshubs.directory.importers.base import ImportProblem, ImportRefused
from mathshubs.directory.importers.gias import (
    CLOSED_STATUS,
    COL_CLOSE_DATE,
    COL_DISTRICT,
    COL_FSM,
    COL_LA,
    COL_NAME,
    COL_OFSTED,
    COL_OPEN_DATE,
    COL_PHASE,
    COL_POSTCODE,
    COL_PUPILS,
    COL_STATUS,
    COL_TYPE,
    COL_TYPE_GROUP,
    COL_URN,
    ERR_BAD_DATE,
    ERR_DUPLICATE_COLUMN,
    ERR_DUPLICATE_URN,
    ERR_EMPTY_FILE,
    ERR_ENCODING,
    ERR_FILE_NOT_FOUND,
    ERR_MISSING_COLUMN,
    ERR_NOT_PERCENTAGE,
    ERR_NOT_WHOLE_NUMBER,
    ERR_POSTCODE_TOO_LONG,
    ERR_REQUIRED,
    ERR_TOO_FEW_VALUES,
    ERR_TOO_LONG,
    ERR_UNKNOWN_LA,
    ERR_UNKNOWN_STATUS,
    ERR_URN_NOT_INTEGER,
    KNOWN_STATUSES,
    MAX_REPORTED_ERRORS,
    OPEN_STATUSES,
    OPTIONAL_COLUMNS,
    OUTSIDE_ENGLAND_GROUPS,
    OUTSIDE_ENGLAND_TYPES,
    REQUIRED_COLUMNS,
    is_state_funded_for,
    phase_for,
)
from mathshubs.directory.models import Institution, LocalAuthority
from mathshubs.directory.names import postcode_key_for, search_name_for

# The model fields an import writes, in order, when every optional column is present.
_BASE_FIELDS = (
    "name",
    "search_name",
    "establishment_type",
    "establishment_type_group",
    "phase",
    "is_state_funded",
    "local_authority_id",
    "district_code",
    "postcode",
    "postcode_key",
    "is_open",
    "status",
    "source",
)
_OPTIONAL_FIELDS = {
    COL_PUPILS: "pupils",
    COL_FSM: "percent_disadvantaged",
    COL_OFSTED: "ofsted_rating",
}

_INT_RE = re.compile(r"^\d+$")
_DATE_RE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_TENTH = Decimal("0.1")


def model_field(name: str) -> models.Field:
    field = Institution._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _max_length(name: str) -> int:
    return model_field(name).max_length or 0


@dataclass
class _Parsed:
    fields: tuple[str, ...]
    rows: dict[int, tuple[Any, ...]]  # URN -> values in `fields` order
    skipped_outside_england: int
    closed: int
    warnings: list[str]


class _Problems:
    def __init__(self) -> None:
        self.kept: list[ImportProblem] = []
        self.total = 0

    def add(self, row: int | None, column: str | None, reason: str) -> None:
        self.total += 1
        if len(self.kept) < MAX_REPORTED_ERRORS:
            self.kept.append(ImportProblem(row, column, reason))


def _open_text(path: Path, encoding: str) -> IO[str]:
    return path.open(encoding=encoding, newline="")


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            count += chunk.count(b"\n")
    return count


def _parse_date(value: str) -> date | None:
    match = _DATE_RE.match(value)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parse(
    lines: Iterable[list[str]],
    *,
    la_ids: dict[str, int],
    problems: _Problems,
) -> _Parsed:
    iterator = iter(lines)
    header = next(iterator, None)
    if not header:
        problems.add(None, None, ERR_EMPTY_FILE)
        return _Parsed((), {}, 0, 0, [])
    header = [h.strip().lstrip("\ufeff") for h in header]
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in index and name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS):
            problems.add(1, name, ERR_DUPLICATE_COLUMN.format(column=name))
        index.setdefault(name, i)
    for column in REQUIRED_COLUMNS:
        if column not in index:
            problems.add(1, column, ERR_MISSING_COLUMN.format(column=column))
    if problems.total:
        return _Parsed((), {}, 0, 0, [])

    optional = [c for c in OPTIONAL_COLUMNS if c in index]
    fields = _BASE_FIELDS + tuple(_OPTIONAL_FIELDS[c] for c in optional if c in _OPTIONAL_FIELDS)
    i_urn, i_name, i_type, i_group, i_status, i_phase, i_la, i_district, i_postcode = (
        index[c] for c in REQUIRED_COLUMNS
    )
    i_pupils = index.get(COL_PUPILS)
    i_fsm = index.get(COL_FSM)
    i_ofsted = index.get(COL_OFSTED)
    date_columns = [(c, index[c]) for c in (COL_OPEN_DATE, COL_CLOSE_DATE) if c in index]
    width = max(index[c] for c in (*REQUIRED_COLUMNS, *optional)) + 1

    limits = {
        COL_NAME: _max_length("name"),
        COL_TYPE: _max_length("establishment_type"),
        COL_TYPE_GROUP: _max_length("establishment_type_group"),
        COL_STATUS: _max_length("status"),
        COL_DISTRICT: _max_length("district_code"),
        COL_OFSTED: _max_length("ofsted_rating"),
    }
    postcode_limit = _max_length("postcode")
    key_limit = _max_length("postcode_key")

    rows: dict[int, tuple[Any, ...]] = {}
    first_row_of: dict[int, int] = {}
    skipped = closed = 0
    unknown_phases: Counter[str] = Counter()

    for row_number, values in enumerate(iterator, start=2):
        if not values or not any(v.strip() for v in values):
            continue
        if len(values) < width:
            problems.add(
                row_number,
                None,
                ERR_TOO_FEW_VALUES.format(found=len(values), expected=len(header)),
            )
            continue
        ok = True

        def bad(column: str, reason: str, _row: int = row_number) -> None:
            nonlocal ok
            ok = False
            problems.add(_row, column, reason)

        raw_urn = values[i_urn].strip()
        urn: int | None = None
        if not raw_urn:
            bad(COL_URN, "the URN " + ERR_REQUIRED)
        elif not _INT_RE.match(raw_urn) or int(raw_urn) == 0:
            bad(COL_URN, ERR_URN_NOT_INTEGER.format(value=raw_urn))
        else:
            urn = int(raw_urn)
            if urn in first_row_of:
                bad(COL_URN, ERR_DUPLICATE_URN.format(urn=urn, first_row=first_row_of[urn]))
            else:
                first_row_of[urn] = row_number

        type_name = values[i_type].strip()
        group_name = values[i_group].strip()
        if type_name in OUTSIDE_ENGLAND_TYPES or group_name in OUTSIDE_ENGLAND_GROUPS:
            if ok:
                skipped += 1
            continue

        name = values[i_name].strip()
        status = values[i_status].strip()
        phase_name = values[i_phase].strip()
        la_code = values[i_la].strip()
        district = values[i_district].strip()
        postcode = " ".join(values[i_postcode].split()).upper()

        if not name:
            bad(COL_NAME, "the name " + ERR_REQUIRED)
        for column, text in (
            (COL_NAME, name),
            (COL_TYPE, type_name),
            (COL_TYPE_GROUP, group_name),
            (COL_DISTRICT, district),
        ):
            if len(text) > limits[column]:
                bad(column, ERR_TOO_LONG.format(length=len(text), limit=limits[column]))
        if not status:
            bad(COL_STATUS, "the status " + ERR_REQUIRED)
        elif status not in KNOWN_STATUSES:
            bad(
                COL_STATUS,
                ERR_UNKNOWN_STATUS.format(
                    value=status, choices=", ".join(f"'{s}'" for s in KNOWN_STATUSES)
                ),
            )
        la_id = la_ids.get(la_code)
        if not la_code:
            bad(COL_LA, "the local authority code " + ERR_REQUIRED)
        elif la_id is None:
            bad(COL_LA, ERR_UNKNOWN_LA.format(value=la_code))
        key = postcode_key_for(postcode)
        if len(postcode) > postcode_limit or len(key) > key_limit:
            bad(COL_POSTCODE, ERR_POSTCODE_TOO_LONG.format(value=postcode))

        pupils: int | None = None
        if i_pupils is not None:
            raw = values[i_pupils].strip()
            if raw:
                if _INT_RE.match(raw):
                    pupils = int(raw)
                else:
                    bad(COL_PUPILS, ERR_NOT_WHOLE_NUMBER.format(value=raw))
        percent: Decimal | None = None
        if i_fsm is not None:
            raw = values[i_fsm].strip().rstrip("%")
            if raw:
                try:
                    percent = Decimal(raw).quantize(_TENTH)
                except InvalidOperation:
                    percent = None
                if percent is None or not (0 <= percent <= 100):
                    percent = None
                    bad(COL_FSM, ERR_NOT_PERCENTAGE.format(value=values[i_fsm].strip()))
        ofsted = ""
        if i_ofsted is not None:
            ofsted = values[i_ofsted].strip()
            if len(ofsted) > limits[COL_OFSTED]:
                bad(COL_OFSTED, ERR_TOO_LONG.format(length=len(ofsted), limit=limits[COL_OFSTED]))
        for column, i in date_columns:
            raw = values[i].strip()
            if raw and _parse_date(raw) is None:
                bad(column, ERR_BAD_DATE.format(value=raw))

        if not ok or urn is None:
            continue
        phase, known = phase_for(type_name=type_name, group_name=group_name, phase_name=phase_name)
        if not known:
            unknown_phases[phase_name] += 1
        is_open = status in OPEN_STATUSES
        if status == CLOSED_STATUS:
            closed += 1
        record: list[Any] = [
            name,
            search_name_for(name),
            type_name,
            group_name,
            str(phase),
            is_state_funded_for(type_name=type_name, group_name=group_name),
            la_id,
            district,
            postcode,
            key,
            is_open,
            status,
            "gias",
        ]
        for column in optional:
            if column == COL_PUPILS:
                record.append(pupils)
            elif column == COL_FSM:
                record.append(percent)
            elif column == COL_OFSTED:
                record.append(ofsted)
        rows[urn] = tuple(record)

    warnings = [
        f"{count:,} row{'s' if count != 1 else ''} had the {COL_PHASE} {value!r}, which is not "
        "in the mapping: imported with the phase Other (docs/directory-import.md)."
        for value, count in sorted(unknown_phases.items())
    ]
    return _Parsed(fields, rows, skipped, closed, warnings)


def _read_rows(fh: IO[str], progress: tqdm | None) -> Iterator[list[str]]:
    for values in csv.reader(fh):
        if progress is not None:
            progress.update(1)
        yield values


def institutions_parse_file(
    *, path: Path, show_progress: bool = False, stream: IO[str] | None = None
) -> _Parsed:
    """Read and validate every row of a GIAS CSV; raise ImportRefused listing the problems."""
    file_name = path.name
    if not path.is_file():
        raise ImportRefused(
            file_name=str(path),
            problems=[ImportProblem(None, None, ERR_FILE_NOT_FOUND.format(path=path))],
            total=1,
        )
    la_ids = dict(LocalAuthority.objects.values_list("code", "id"))
    total_lines = _count_lines(path) if show_progress else None
    # UTF-8 (with or without a byte order mark) first; GIAS downloads are often cp1252.
    for encoding in ("utf-8-sig", "cp1252"):
        problems = _Problems()
        progress = (
            tqdm(
                total=total_lines,
                unit=" rows",
                desc=f"Reading {file_name}",
                file=stream,
                leave=False,
            )
            if show_progress
            else None
        )
        try:
            with _open_text(path, encoding) as fh:
                parsed = _parse(_read_rows(fh, progress), la_ids=la_ids, problems=problems)
        except UnicodeDecodeError:
            continue
        except csv.Error as exc:
            problems.add(None, None, f"the file is not readable as CSV ({exc}). Save it as CSV.")
            parsed = _Parsed((), {}, 0, 0, [])
        finally:
            if progress is not None:
                progress.close()
        if problems.total:
            raise ImportRefused(file_name=file_name, problems=problems.kept, total=problems.total)
        return parsed
    raise ImportRefused(
        file_name=file_name, problems=[ImportProblem(None, None, ERR_ENCODING)], total=1
    )
