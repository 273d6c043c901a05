"""Importing institutions from the GIAS "all establishment data" CSV.

The shape every importer here shares (ENGINEERING.md, "Importers"): parse the
whole file, validate every row, and only if every row is good apply it in one
transaction. A refused file leaves the database exactly as it was and the
errors name the file, the row (as a spreadsheet numbers it: the header is row
1), the column and the reason, with how to fix it. Applying the same file twice
changes nothing the second time.

Which GIAS columns are read and how phase and type map: docs/directory-import.md.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from mathshubs.directory.areas import institutions_assign_hubs, serving_hub_id, serving_hub_map
from mathshubs.directory.findhub import postcode_key_for, search_name_for
from mathshubs.directory.models import Institution, LocalAuthority, Phase
from mathshubs.ops.locks import lock_for_transaction

# GIAS column names (SOURCES.md, "GIAS ... CSV").
COL_URN = "URN"
COL_NAME = "EstablishmentName"
COL_TYPE = "TypeOfEstablishment (name)"
COL_TYPE_GROUP = "EstablishmentTypeGroup (name)"
COL_STATUS = "EstablishmentStatus (name)"
COL_PHASE = "PhaseOfEducation (name)"
COL_LA = "LA (code)"
COL_DISTRICT = "DistrictAdministrative (code)"
COL_POSTCODE = "Postcode"
COL_PUPILS = "NumberOfPupils"
COL_FSM = "PercentageFSM"
COL_OFSTED = "OfstedRating (name)"
COL_OPEN_DATE = "OpenDate"
COL_CLOSE_DATE = "CloseDate"

REQUIRED_COLUMNS = (
    COL_URN,
    COL_NAME,
    COL_TYPE,
    COL_TYPE_GROUP,
    COL_STATUS,
    COL_PHASE,
    COL_LA,
    COL_DISTRICT,
    COL_POSTCODE,
)
# Read when present; when a file lacks one, the value already held is left alone.
OPTIONAL_COLUMNS = (COL_PUPILS, COL_FSM, COL_OFSTED, COL_OPEN_DATE, COL_CLOSE_DATE)

MAX_REPORTED_ERRORS = 20
BATCH_SIZE = 2000

# Error messages (asserted by tests). Each says what is wrong and how to fix it.
ERR_FILE_NOT_FOUND = "There is no file at {path}. Check the path and try again."
ERR_ENCODING = (
    "The file is neither UTF-8 nor Windows-1252 (cp1252) text. "
    "Save it from your spreadsheet as 'CSV UTF-8' and import it again."
)
ERR_EMPTY_FILE = (
    "The file is empty. Export 'all establishment data' from GIAS and import that file."
)
ERR_MISSING_COLUMN = (
    "the header row has no column {column}. Export 'all establishment data' from GIAS, "
    "or add the column with this exact name."
)
ERR_DUPLICATE_COLUMN = "the header row has the column {column} twice. Delete one of them."
ERR_TOO_FEW_VALUES = (
    "the row has {found} values but the header has {expected} columns. "
    "Check the row for a missing comma or an unclosed quote."
)
ERR_REQUIRED = "is empty. Every establishment needs a value here: fill it in or delete the row."
ERR_URN_NOT_INTEGER = (
    "{value!r} is not a URN. A URN is the whole number GIAS gives each establishment, "
    "for example 100000: correct it or delete the row."
)
ERR_DUPLICATE_URN = (
    "URN {urn} is also on row {first_row}. Each establishment must appear once: "
    "delete one of the two rows."
)
ERR_UNKNOWN_LA = (
    "no local authority has the code {value!r}. Check the code against GIAS 'LA (code)', "
    "or ask the national team to add the authority before importing."
)
ERR_UNKNOWN_STATUS = "{value!r} is not a GIAS establishment status. Use one of: {choices}."
ERR_NOT_WHOLE_NUMBER = (
    "{value!r} is not a whole number of pupils. Use digits only, for example 420, "
    "or leave it empty."
)
ERR_NOT_PERCENTAGE = (
    "{value!r} is not a percentage between 0 and 100. Use a number such as 23.5, or leave it empty."
)
ERR_BAD_DATE = (
    "{value!r} is not a date in the form dd/mm/yyyy. Use for example 01/09/2023, or leave it empty."
)
ERR_TOO_LONG = "the value is {length} characters long; at most {limit} are held. Shorten it."
ERR_POSTCODE_TOO_LONG = (
    "{value!r} is too long for a UK postcode (at most 8 characters without the space, "
    "for example EC3A 5DE). Correct it or leave it empty."
)
ERR_AND_MORE = "and {count:,} more."
REFUSED_HEADLINE = "Refused {file}: nothing was changed. {count:,} problem{s} found:"
REFUSED_FOOTER = "Correct the file and run the import again."
NO_CHANGES = "No changes: {rows:,} rows matched what is held."

# GIAS EstablishmentStatus (name) values (SOURCES.md).
OPEN_STATUSES = frozenset({"Open", "Open, but proposed to close"})
CLOSED_STATUS = "Closed"
KNOWN_STATUSES = ("Open", "Open, but proposed to close", "Proposed to open", "Closed")

# Establishments outside England: not part of the programme, counted and skipped.
OUTSIDE_ENGLAND_TYPES = frozenset(
    {"Welsh establishment", "British schools overseas", "Offshore schools"}
)
OUTSIDE_ENGLAND_GROUPS = frozenset({"Welsh schools"})

# Types decide the phase before PhaseOfEducation does (docs/directory-import.md).
SPECIAL_TYPES = frozenset(
    {
        "Community special school",
        "Foundation special school",
        "Non-maintained special school",
        "Other independent special school",
        "Academy special sponsor led",
        "Academy special converter",
        "Free schools special",
        "Special post 16 institution",
    }
)
ALTERNATIVE_TYPES = frozenset(
    {
        "Pupil referral unit",
        "Academy alternative provision converter",
        "Academy alternative provision sponsor led",
        "Free schools alternative provision",
    }
)
POST16_TYPES = frozenset(
    {
        "Further education",
        "Sixth form centres",
        "Academy 16-19 converter",
        "Academy 16 to 19 sponsor led",
        "Academy secure 16 to 19",
        "Free schools 16 to 19",
    }
)
EARLY_YEARS_TYPES = frozenset({"Local authority nursery school"})
GROUP_PHASES = {
    "Special schools": Phase.SPECIAL,
    "Colleges": Phase.POST16,
    "Universities": Phase.ITT,
}
PHASES_OF_EDUCATION = {
    "Nursery": Phase.EARLY_YEARS,
    "Primary": Phase.PRIMARY,
    "Middle deemed primary": Phase.MIDDLE,
    "Middle deemed secondary": Phase.MIDDLE,
    "Secondary": Phase.SECONDARY,
    "All-through": Phase.ALL_THROUGH,
    "16 plus": Phase.POST16,
    "Not applicable": Phase.OTHER,
    "": Phase.OTHER,
}
NOT_STATE_FUNDED_GROUPS = frozenset({"Independent schools", "Welsh schools"})
NOT_STATE_FUNDED_TYPES = frozenset(
    {
        "Other independent school",
        "Other independent special school",
        "Non-maintained special school",
        "Higher education institutions",
        "British schools overseas",
        "Offshore schools",
        "Online provider",
        "Service children's education",
    }
)
# A city technology college sits in GIAS's "Independent schools" group but is state-funded.
STATE_FUNDED_DESPITE_GROUP = frozenset({"City technology college"})


def phase_for(*, type_name: str, group_name: str, phase_name: str) -> tuple[str, bool]:
    """The directory phase of a GIAS establishment, and whether its phase name was known.

    Source: shared/data/gias_establishment_types_20250422.csv (type groups and
    types) and GIAS PhaseOfEducation values; the table is in docs/directory-import.md.
    Special and alternative provision are decided by type, because GIAS records
    most of them with the phase "Not applicable"; colleges and 16-19 types are
    post-16 and universities are ITT providers whatever their phase says.
    """
    if type_name in SPECIAL_TYPES:
        return Phase.SPECIAL, True
    if type_name in ALTERNATIVE_TYPES:
        return Phase.ALTERNATIVE, True
    if type_name in POST16_TYPES:
        return Phase.POST16, True
    if type_name in EARLY_YEARS_TYPES:
        return Phase.EARLY_YEARS, True
    if group_name in GROUP_PHASES:
        return GROUP_PHASES[group_name], True
    phase = PHASES_OF_EDUCATION.get(phase_name)
    if phase is None:
        return Phase.OTHER, False
    return phase, True


def is_state_funded_for(*, type_name: str, group_name: str) -> bool:
    """Whether a GIAS establishment counts among state-funded schools and colleges.

    Source: gias_establishment_types_20250422.csv; independent schools stay out of
    state-funded counts (issue 3, item 7). Non-maintained special schools, higher
    education institutions and establishments outside England are not counted.
    """
    if type_name in STATE_FUNDED_DESPITE_GROUP:
        return True
    return group_name not in NOT_STATE_FUNDED_GROUPS and type_name not in NOT_STATE_FUNDED_TYPES


@dataclass(frozen=True)
class ImportProblem:
    row: int | None
    column: str | None
    reason: str

    def describe(self, file_name: str) -> str:
        where = [file_name]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"


class ImportRefused(Exception):
    """The file was refused; nothing was changed. `problems` holds at most MAX_REPORTED_ERRORS."""

    def __init__(self, *, file_name: str, problems: list[ImportProblem], total: int) -> None:
        self.file_name = file_name
        self.problems = problems
        self.total = total
        super().__init__(self.report())

    def report(self) -> str:
        lines = [
            REFUSED_HEADLINE.format(
                file=self.file_name, count=self.total, s="" if self.total == 1 else "s"
            )
        ]
        lines += [f"- {p.describe(self.file_name)}" for p in self.problems]
        if self.total > len(self.problems):
            lines.append(ERR_AND_MORE.format(count=self.total - len(self.problems)))
        lines.append(REFUSED_FOOTER)
        return "\n".join(lines)


@dataclass
class ImportSummary:
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0  # rows in the file whose status is Closed
    newly_closed: int = 0  # held as open, now closed
    skipped_outside_england: int = 0
    hubs_changed: int = 0  # held institutions whose serving hub changed
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.hubs_changed)

    def report(self) -> str:
        if not self.changed_anything:
            lines = [NO_CHANGES.format(rows=self.rows)]
        else:
            lines = [
                f"Imported {self.file_name}: {self.rows:,} rows in {self.seconds:.1f} s.",
                f"Created {self.created:,}, updated {self.updated:,}, "
                f"unchanged {self.unchanged:,}.",
            ]
            if self.hubs_changed:
                lines.append(f"Serving hub changed for {self.hubs_changed:,} held institutions.")
        closed = f"Closed establishments: {self.closed:,} (kept, marked closed)"
        if self.newly_closed:
            closed += f", of which {self.newly_closed:,} newly closed"
        lines.append(closed + ".")
        if self.skipped_outside_england:
            lines.append(
                f"Skipped {self.skipped_outside_england:,} establishments outside England "
                "(Welsh establishments, British schools overseas, offshore schools)."
            )
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


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


def _field(name: str) -> models.Field:
    field = Institution._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _max_length(name: str) -> int:
    return _field(name).max_length or 0


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


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _update_rows(fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """UPDATE held institutions: rows are (id, *values in `fields` order, updated_at).

    One parameterised statement executed for the whole batch by the driver
    (executemany). Django's bulk_update builds a CASE expression per row and
    field in Python, which took about 14 ms per row here: a yearly GIAS
    refresh changing every school's pupil numbers would take minutes.
    """
    model_fields = [_field(name) for name in (*fields, "updated_at")]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in model_fields)
    table, pk = quote(Institution._meta.db_table), quote(Institution._meta.pk.column)
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    params = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(model_fields, row[1:], strict=True)
        ]
        + [row[0]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


@dataclass(frozen=True)
class _Place:
    """What serving_hub_id reads of an institution that does not exist yet."""

    local_authority_id: int | None
    district_code: str
    hub_override_id: int | None = None


def _insert_rows(fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT new institutions: rows are (urn, *values in `fields` order, updated_at, hub_id).

    Executed by the driver for the whole batch, like _update_rows: bulk_create
    spent most of the first import preparing values in Python. Columns the file
    does not give take the model field's default.
    """
    given = ("urn", *fields, "updated_at", "hub")
    model_fields = [_field(name) for name in given]
    defaults = [
        (f, f.get_db_prep_save(f.get_default(), connection))
        for f in Institution._meta.concrete_fields
        if not f.primary_key and f not in model_fields
    ]
    quote = connection.ops.quote_name
    columns = [f.column for f in model_fields] + [f.column for f, _ in defaults]
    table = quote(Institution._meta.db_table)
    column_list = ", ".join(quote(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
    fixed = [value for _, value in defaults]
    params = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(model_fields, row, strict=True)
        ]
        + fixed
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def institutions_import(
    *,
    path: Path,
    show_progress: bool = False,
    stream: IO[str] | None = None,
) -> ImportSummary:
    """Import a GIAS "all establishment data" CSV: upsert by URN, all or nothing.

    Raises ImportRefused (nothing changed) if any row is bad. Closed
    establishments are kept and marked closed; institutions missing from the
    file are left as they are. Afterwards every institution in the file gets its
    serving hub (directory.areas.institutions_assign_hubs).
    """
    started = time.perf_counter()
    parsed = institutions_parse_file(path=path, show_progress=show_progress, stream=stream)
    summary = ImportSummary(
        file_name=path.name,
        rows=len(parsed.rows),
        closed=parsed.closed,
        skipped_outside_england=parsed.skipped_outside_england,
        warnings=parsed.warnings,
    )
    fields = parsed.fields
    is_open_at = fields.index("is_open")
    la_at, district_at = fields.index("local_authority_id"), fields.index("district_code")
    urns = list(parsed.rows)
    now = timezone.now()
    whole, split = serving_hub_map()

    with transaction.atomic():
        # Two imports at once would both see a URN as new; the second waits for the first.
        lock_for_transaction("import-institutions")
        held: dict[int, tuple[int, tuple[Any, ...]]] = {}
        for chunk in _chunks(urns, BATCH_SIZE):
            for inst_id, urn, *values in Institution.objects.filter(urn__in=chunk).values_list(
                "id", "urn", *fields
            ):
                held[urn] = (inst_id, tuple(values))

        to_create: list[tuple[Any, ...]] = []
        to_update: list[tuple[Any, ...]] = []
        for urn, values in parsed.rows.items():
            current = held.get(urn)
            if current is None:
                # The serving hub is set now, so the assignment below has nothing to redo.
                place = _Place(values[la_at], values[district_at])
                to_create.append((urn, *values, now, serving_hub_id(place, whole, split)))
            elif current[1] != values:
                to_update.append((current[0], *values, now))
                if current[1][is_open_at] and not values[is_open_at]:
                    summary.newly_closed += 1
        summary.created = len(to_create)
        summary.updated = len(to_update)
        summary.unchanged = summary.rows - summary.created - summary.updated
        write_progress = (
            tqdm(
                total=len(to_create) + len(to_update),
                unit=" rows",
                desc="Writing",
                file=stream,
                leave=False,
            )
            if show_progress and (to_create or to_update)
            else None
        )
        for batch in _chunks(to_create, BATCH_SIZE):
            _insert_rows(fields, batch)
            if write_progress is not None:
                write_progress.update(len(batch))
        for batch in _chunks(to_update, BATCH_SIZE):
            _update_rows(fields, batch)
            if write_progress is not None:
                write_progress.update(len(batch))
        if write_progress is not None:
            write_progress.close()

        # Every institution in the file, not only the changed ones: an area may have
        # moved to another hub since the last import. New rows already have theirs.
        for chunk in _chunks(urns, BATCH_SIZE):
            summary.hubs_changed += institutions_assign_hubs(
                queryset=Institution.objects.filter(urn__in=chunk)
            )

    summary.seconds = time.perf_counter() - started
    return summary
