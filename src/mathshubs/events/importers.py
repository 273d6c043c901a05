"""Reading a videoconference attendance report: Zoom's CSV exports (ISSUE 5, part 8).

One entry point, `attendance_report_parse`, reads the whole file, detects its layout from
its header and gives one `Attendee` per person with their total minutes, or refuses the
file with every problem named by line (as a text editor numbers them) and column.
Nothing here touches the database: `services.attendance` matches and records.

Layouts (`../shared/data/SOURCES.md`, "Zoom exports"):

- `unique`: the participants export with "show unique users" (with or without "export
  with meeting data", whose meeting block and blank line come first):
  `Name (Original Name),User Email,Total Duration (Minutes),Guest`. One row per person.
- `joins`: the participants export without "show unique users":
  `Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest`
  (newer exports add `Recording Consent`, `In Waiting Room`). Every rejoin is a row.
- `usage`: the admin usage report, flattened: meeting columns first (Topic, Meeting ID,
  ... `User Email`, ... `Duration (Minutes)`), then the participant's own columns from
  `Name (Original Name)` on; the participant's `User Email` and `Duration (Minutes)` are
  the later ones. One meeting per file (a report of several meetings is refused).
- `webinar`: the webinar attendee report: an `Attendee Report` preamble, then under
  `Attendee Details` the header `Attended,User Name (Original Name),...,Email,...,Join
  Time,Leave Time,Time in Session (minutes),...`; non-attendees show `--` and count as 0.

Merging: rows are one person when they share an email (case-insensitive), or, without
an email, the same name (case and spacing ignored). Where rows have join and leave times
their intervals are unioned, so overlapping rejoins (two devices, a dropped connection)
count once; the total is rounded up to whole minutes, as Zoom rounds its own durations.
Rows in the waiting room (`In Waiting Room` = Yes) do not count as time in the meeting.

Dates: with AM/PM they are read as the US `MM/DD/YYYY hh:mm[:ss] AM/PM`; without, as the
UK `dd/mm/yyyy hh:mm[:ss]` (Zoom follows the account's locale); webinar reports also use
`Mar 22, 2025 19:28:32`. Only durations are used, so the time zone does not matter.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from mathshubs import csvfiles

MAX_BYTES = 5 * 1024 * 1024
MAX_REPORTED = 20

# Error messages (asserted by tests). Each says what is wrong and how to fix it.
ERR_EMPTY = "The file is empty. Export the participants report from Zoom and upload it."
ERR_TOO_BIG = "The file is larger than 5 MB. Upload the participants report of one meeting."
ERR_NOT_UTF8 = (
    "Line {line}: the file is not UTF-8 text. Upload the CSV file as Zoom exported it, "
    "or save it from your spreadsheet as 'CSV UTF-8'."
)
ERR_NOT_CSV = (
    "Line {line}: the file is not a CSV file ({reason}). Upload the CSV file Zoom exported."
)
ERR_UNKNOWN_LAYOUT = (
    "Line {line}: this is not a Zoom attendance report we know. Expected a header such as "
    "'Name (Original Name),User Email,Total Duration (Minutes),Guest' (participants, unique "
    "users), 'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest' "
    "(participants), a usage report starting 'Topic,Meeting ID', or a webinar attendee report "
    "with an 'Attended' column; found '{found}'."
)
ERR_NO_ROWS = (
    "Line {line}: the report lists no participants after its header. Export the report "
    "again once the meeting has ended."
)
ERR_COLUMNS = "Line {line}: expected {expected} columns ({names}) but found {found}."
ERR_NO_NAME = "Line {line}: the row has neither a name nor an email. Remove it or fill it in."
ERR_MINUTES = (
    "Line {line}, column {column}: '{value}' is not a number of minutes. Expected a whole "
    "number such as 75."
)
ERR_DATE = (
    "Line {line}, column {column}: '{value}' is not a date and time. Expected "
    "MM/DD/YYYY hh:mm:ss AM/PM (such as 03/07/2024 04:02:10 PM) or dd/mm/yyyy hh:mm "
    "(such as 07/03/2024 16:02)."
)
ERR_LEAVE_BEFORE_JOIN = (
    "Line {line}: the leave time {leave} is before the join time {join}. Correct the row."
)
ERR_SEVERAL_MEETINGS = (
    "The usage report holds {count} meetings ({meetings}). Export the participants of this "
    "event's meeting only."
)
ERR_AND_MORE = "and {count} more problems."


class ReportRefused(Exception):
    """The file was refused: `problems` names each (at most MAX_REPORTED of them)."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        self.problems = problems[:MAX_REPORTED]
        self.total = total if total is not None else len(problems)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        lines = list(self.problems)
        if self.total > len(self.problems):
            lines.append(ERR_AND_MORE.format(count=self.total - len(self.problems)))
        return "\n".join(lines)


@dataclass
class Attendee:
    """One person in the report, their rows merged."""

    name: str
    email: str
    line: int
    # The name and the email cell as written (a link token may be in either).
    text: str = ""
    minutes: int = 0
    rows: int = 0
    intervals: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list, repr=False)
    untimed_minutes: int = field(default=0, repr=False)

    @property
    def key(self) -> str:
        return merge_key(self.name, self.email)


@dataclass
class Report:
    layout: str
    attendees: list[Attendee]
    meeting: str = ""


def merge_key(name: str, email: str) -> str:
    """Rows of one person: the same email, else (no email) the same name."""
    if email:
        return "email:" + email.casefold()
    return "name:" + " ".join(name.split()).casefold()


def union_seconds(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> int:
    """Seconds covered by the intervals, overlaps counted once."""
    total = 0
    current: tuple[dt.datetime, dt.datetime] | None = None
    for start, end in sorted(intervals):
        if current is None or start > current[1]:
            if current is not None:
                total += int((current[1] - current[0]).total_seconds())
            current = (start, end)
        elif end > current[1]:
            current = (current[0], end)
    if current is not None:
        total += int((current[1] - current[0]).total_seconds())
    return total


def total_minutes(intervals: list[tuple[dt.datetime, dt.datetime]], untimed: int) -> int:
    """Minutes from the unioned intervals (rounded up), or rows without times if more."""
    timed = math.ceil(union_seconds(intervals) / 60) if intervals else 0
    return max(timed, untimed)


_US_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%b %d, %Y %I:%M:%S %p")
_UK_FORMATS = (
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%b %d, %Y %H:%M:%S",
    "%b %d, %Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
)


def parse_when(text: str) -> dt.datetime | None:
    """A Zoom date and time (naive, in the account's zone), or None if it is not one."""
    value = " ".join(text.split())
    formats = _US_FORMATS if re.search(r"\b[AaPp][Mm]$", value) else _UK_FORMATS
    for fmt in formats:
        try:
            return dt.datetime.strptime(value.upper() if "%p" in fmt else value, fmt)
        except ValueError:
            continue
    return None


def _decode(data: bytes) -> str:
    try:
        return csvfiles.upload_text(data, max_bytes=MAX_BYTES)
    except csvfiles.NotText as refused:
        problem = {
            csvfiles.EMPTY: ERR_EMPTY,
            csvfiles.TOO_BIG: ERR_TOO_BIG,
            csvfiles.NOT_UTF8: ERR_NOT_UTF8,
            csvfiles.HAS_NUL: ERR_NOT_CSV,
        }[refused.problem]
        reason = "it holds NUL bytes"
        raise ReportRefused([problem.format(line=refused.line, reason=reason)]) from None


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every record, trailing empty cells dropped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    try:
        line = reader.line_num + 1
        for cells in reader:
            while cells and not cells[-1].strip():
                cells.pop()
            records.append((line, [cell.strip() for cell in cells]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ReportRefused([ERR_NOT_CSV.format(line=reader.line_num, reason=error)]) from None
    return records


def _norm(cells: list[str]) -> list[str]:
    return [" ".join(cell.split()).casefold() for cell in cells]


NAME = "name (original name)"
WEBINAR_NAME = "user name (original name)"
EMAILS = ("user email", "email")


@dataclass
class _Layout:
    kind: str
    header_line: int
    header: list[str]
    # Column positions (None: absent).
    name: int
    email: int | None
    minutes: int | None = None
    join: int | None = None
    leave: int | None = None
    waiting: int | None = None
    attended: int | None = None
    meeting: list[int] = field(default_factory=list)


def _find(header: list[str], names: Iterable[str], start: int = 0) -> int | None:
    for index in range(start, len(header)):
        if header[index] in names:
            return index
    return None


def _layout_of(line: int, cells: list[str]) -> _Layout | None:
    header = _norm(cells)
    if not header:
        return None
    if header[0] == "topic" and NAME in header and "join time" in header:
        start = header.index(NAME)
        meeting = [
            i
            for i in (_find(header, ["meeting id"]), _find(header, ["start time"]))
            if i is not None
        ]
        return _Layout(
            "usage",
            line,
            cells,
            name=start,
            email=_find(header, EMAILS, start),
            minutes=_find(header, ["duration (minutes)"], start),
            join=_find(header, ["join time"], start),
            leave=_find(header, ["leave time"], start),
            waiting=_find(header, ["in waiting room"], start),
            meeting=[i for i in meeting if i < start],
        )
    if header[0] == NAME and "total duration (minutes)" in header:
        return _Layout(
            "unique",
            line,
            cells,
            name=0,
            email=_find(header, EMAILS),
            minutes=header.index("total duration (minutes)"),
        )
    if header[0] == NAME and "join time" in header and "leave time" in header:
        return _Layout(
            "joins",
            line,
            cells,
            name=0,
            email=_find(header, EMAILS),
            minutes=_find(header, ["duration (minutes)"]),
            join=header.index("join time"),
            leave=header.index("leave time"),
            waiting=_find(header, ["in waiting room"]),
        )
    if header[0] == "attended" and WEBINAR_NAME in header and "time in session (minutes)" in header:
        return _Layout(
            "webinar",
            line,
            cells,
            name=header.index(WEBINAR_NAME),
            email=_find(header, EMAILS),
            minutes=header.index("time in session (minutes)"),
            join=_find(header, ["join time"]),
            leave=_find(header, ["leave time"]),
            attended=0,
        )
    return None


def _header(records: list[tuple[int, list[str]]]) -> tuple[_Layout, int]:
    """The layout and the index of its header record. A webinar report has header-like
    blocks for its hosts and panelists before 'Attendee Details': the attendees' wins."""
    found: tuple[_Layout, int] | None = None
    after_attendee_details = False
    for index, (line, cells) in enumerate(records):
        layout = _layout_of(line, cells)
        if layout is not None:
            if layout.kind != "webinar":
                return layout, index
            if after_attendee_details or found is None:
                found = (layout, index)
            if after_attendee_details:
                return found
        if _norm(cells)[:1] == ["attendee details"]:
            after_attendee_details = True
    if found is not None:
        return found
    first = next(((line, cells) for line, cells in records if cells), (1, []))
    raise ReportRefused([ERR_UNKNOWN_LAYOUT.format(line=first[0], found=",".join(first[1])[:120])])


def _minutes(text: str, line: int, column: str, problems: list[str]) -> int:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        problems.append(ERR_MINUTES.format(line=line, column=column, value=text))
        return 0
    return math.ceil(value)


def _when(text: str, line: int, column: str, problems: list[str]) -> dt.datetime | None:
    when = parse_when(text)
    if when is None:
        problems.append(ERR_DATE.format(line=line, column=column, value=text))
    return when


def _is_yes(text: str) -> bool:
    return text.strip().casefold() in ("yes", "true", "y", "1")


def _section_end(cells: list[str]) -> bool:
    """A webinar report's next block ('Panelist Details', 'Other Attended') ends the rows."""
    return len(cells) == 1 and cells[0].casefold().endswith(("details", "attended"))


def _time_of(
    layout: _Layout, cells: list[str], line: int, problems: list[str]
) -> tuple[tuple[dt.datetime, dt.datetime] | None, int]:
    """A row's time in the meeting: its (join, leave) interval where the layout has times,
    else its minutes. Webinar non-attendees and waiting-room rows count nothing."""
    if layout.attended is not None and not _is_yes(cells[layout.attended]):
        return None, 0
    if layout.waiting is not None and _is_yes(cells[layout.waiting]):
        return None, 0
    if layout.join is not None and layout.leave is not None and cells[layout.join] != "--":
        join = _when(cells[layout.join], line, layout.header[layout.join], problems)
        leave = _when(cells[layout.leave], line, layout.header[layout.leave], problems)
        if join is None or leave is None:
            return None, 0
        if leave < join:
            problems.append(
                ERR_LEAVE_BEFORE_JOIN.format(
                    line=line, join=cells[layout.join], leave=cells[layout.leave]
                )
            )
            return None, 0
        return (join, leave), 0
    if layout.minutes is None:
        return None, 0
    text = cells[layout.minutes]
    if text == "--" and layout.kind == "webinar":
        return None, 0
    return None, _minutes(text, line, layout.header[layout.minutes], problems)


def attendance_report_parse(data: bytes) -> Report:
    """Read a Zoom attendance report (see the module's docstring) into one `Attendee` per
    person, or raise `ReportRefused` naming every problem by line and column."""
    records = _records(_decode(data))
    layout, header_index = _header(records)
    names = layout.header
    # Trailing blank cells are dropped, so a row needs only up to its last timing column.
    width = (
        max(i for i in (layout.name, layout.minutes, layout.join, layout.leave) if i is not None)
        + 1
    )
    problems: list[str] = []
    people: dict[str, Attendee] = {}
    meetings: dict[tuple[str, ...], None] = {}
    rows = 0
    for line, cells in records[header_index + 1 :]:
        if not cells:
            if layout.kind == "webinar" and rows:
                break
            continue
        if layout.kind == "webinar" and _section_end(cells):
            break
        rows += 1
        if len(cells) < width:
            problems.append(
                ERR_COLUMNS.format(
                    line=line, expected=len(names), names=", ".join(names), found=len(cells)
                )
            )
            continue
        cells = cells + [""] * (len(names) - len(cells))
        name = cells[layout.name]
        written = cells[layout.email] if layout.email is not None else ""
        email = written if "@" in written and " " not in written else ""
        if not name and not written:
            problems.append(ERR_NO_NAME.format(line=line))
            continue
        if layout.meeting:
            meetings[tuple(cells[i] for i in layout.meeting)] = None
        interval, untimed = _time_of(layout, cells, line, problems)
        key = merge_key(name, email)
        person = people.get(key)
        if person is None:
            person = people[key] = Attendee(name=name, email=email, line=line)
        for part in (name, written):
            if part and part not in person.text:
                person.text = f"{person.text} {part}".strip()
        person.rows += 1
        if interval is not None:
            person.intervals.append(interval)
        person.untimed_minutes = max(person.untimed_minutes, untimed)
    if problems:
        raise ReportRefused(problems)
    if not rows:
        raise ReportRefused([ERR_NO_ROWS.format(line=layout.header_line)])
    if len(meetings) > 1:
        listed = "; ".join(" ".join(meeting) for meeting in meetings)
        raise ReportRefused([ERR_SEVERAL_MEETINGS.format(count=len(meetings), meetings=listed)])
    for person in people.values():
        person.minutes = total_minutes(person.intervals, person.untimed_minutes)
    meeting = " ".join(next(iter(meetings), ()))
    return Report(layout=layout.kind, attendees=list(people.values()), meeting=meeting)
