"""Reading Zoom attendance reports (events/importers.py; SOURCES.md, "Zoom exports"): each
layout is detected from its header, rejoins count once, and a broken file is refused with
the line and what was expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mathshubs.events import importers
from mathshubs.events.importers import ReportRefused, attendance_report_parse

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "zoom_participants_unique_users_sample.csv"


def minutes_by_name(report) -> dict[str, int]:
    return {a.name: a.minutes for a in report.attendees}


def refused(data: bytes) -> list[str]:
    with pytest.raises(ReportRefused) as caught:
        attendance_report_parse(data)
    return caught.value.problems


def test_the_real_sample_is_a_unique_users_report_with_its_meeting_block():
    data = SAMPLE.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    report = attendance_report_parse(data)
    assert report.layout == "unique"
    assert len(report.attendees) == 10
    first = report.attendees[0]
    assert (first.name, first.email, first.minutes, first.line) == (
        "Andrew Knight",
        "knightap@wustl.edu",
        75,
        5,
    )
    with_email = [a.email for a in report.attendees if a.email]
    assert with_email == [
        "knightap@wustl.edu",
        "george.harrison@gmail.com",
        "paul@gmail.com",
        "ringoRocks@beatles.org",
        "pete@bigregrets.edu",
        "shredder@cream.org",
    ]
    assert minutes_by_name(report)["Eric's iPad (Clapton)"] == 57


def test_rejoins_are_merged_by_email_and_overlapping_intervals_count_once():
    report = attendance_report_parse((DATA / "zoom_participants_joins.csv").read_bytes())
    assert report.layout == "joins"
    pat = next(a for a in report.attendees if a.email == "pat@north.example")
    # 16:01-16:40 and 16:30-16:50 (a second device, any case of email) overlap: 16:01-16:50
    # is 49 minutes; 16:55-17:30 is 35 more. The waiting-room row counts nothing. The rows'
    # own durations would add up to 97.
    assert (pat.rows, pat.minutes) == (4, 84)


def test_rows_without_an_email_are_merged_by_name():
    report = attendance_report_parse((DATA / "zoom_participants_joins.csv").read_bytes())
    dan = [a for a in report.attendees if "Dixon" in a.name]
    assert len(dan) == 1 and (dan[0].rows, dan[0].minutes) == (2, 75)


def test_the_usage_report_uses_the_participants_columns_not_the_meetings():
    report = attendance_report_parse((DATA / "zoom_usage_report.csv").read_bytes())
    assert report.layout == "usage"
    assert {a.email: a.minutes for a in report.attendees} == {
        "leo@north.example": 96,
        "pat@north.example": 84,
        "ben@north.example": 45,
    }
    assert report.meeting == "812 3456 7890 07/03/2024 15:55"


def test_the_webinar_report_reads_the_attendees_not_the_hosts_and_non_attendees_count_zero():
    report = attendance_report_parse((DATA / "zoom_webinar_attendees.csv").read_bytes())
    assert report.layout == "webinar"
    assert {a.email: a.minutes for a in report.attendees} == {
        "pat@north.example": 84,
        "ben@north.example": 0,
    }


def test_a_per_join_report_without_meeting_data_or_bom_and_with_lf_is_read():
    data = (
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        b"Pat,pat@north.example,07/03/2024 16:00,07/03/2024 16:30,30,No\n"
        b"Pat,pat@north.example,07/03/2024 16:10,07/03/2024 16:20,10,No\n"
    )
    assert minutes_by_name(attendance_report_parse(data)) == {"Pat": 30}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/07/2024 04:02:10 PM", dt.datetime(2024, 3, 7, 16, 2, 10)),
        ("3/7/2024 4:02 pm", dt.datetime(2024, 3, 7, 16, 2)),
        ("07/03/2024 16:02", dt.datetime(2024, 3, 7, 16, 2)),
        ("07/03/2024 16:02:10", dt.datetime(2024, 3, 7, 16, 2, 10)),
        ("Mar 22, 2025 19:28:32", dt.datetime(2025, 3, 22, 19, 28, 32)),
        ("13/07/2024 04:02:10 PM", None),
        ("07/03/2024", None),
    ],
)
def test_dates_are_us_with_am_pm_and_uk_without(text, expected):
    assert importers.parse_when(text) == expected


def test_seconds_are_rounded_up_to_minutes_as_zoom_does():
    start = dt.datetime(2024, 3, 7, 16, 0)
    assert importers.total_minutes([(start, start + dt.timedelta(seconds=61))], 0) == 2


# Broken files: each message names the line and says what was expected.


def test_an_empty_file_is_refused():
    assert refused(b"") == [importers.ERR_EMPTY]
    assert refused(b"\xef\xbb\xbf\r\n\r\n") == [importers.ERR_EMPTY]


def test_an_unknown_header_is_refused_naming_the_line_and_the_layouts_expected():
    [problem] = refused(b"\r\nFull Name,Email,Minutes\r\nPat,pat@north.example,80\r\n")
    assert problem.startswith("Line 2: this is not a Zoom attendance report we know.")
    assert "'Name (Original Name),User Email,Total Duration (Minutes),Guest'" in problem
    assert "found 'Full Name,Email,Minutes'" in problem


def test_a_bad_date_is_refused_with_its_line_column_and_the_formats():
    data = (DATA / "zoom_participants_joins.csv").read_bytes()
    data = data.replace(
        b"03/07/2024 04:00:00 PM,03/07/2024 04:45", b"31/31/2024 04:00:00 PM,03/07/2024 04:45"
    )
    [problem] = refused(data)
    assert problem == importers.ERR_DATE.format(
        line=10, column="Join Time", value="31/31/2024 04:00:00 PM"
    )
    assert "MM/DD/YYYY hh:mm:ss AM/PM" in problem and "dd/mm/yyyy hh:mm" in problem


def test_a_file_that_is_not_utf8_is_refused_naming_the_line():
    data = SAMPLE.read_bytes().replace(b"Yoko Ono", "Zoë Ono".encode("latin-1"))
    assert refused(data) == [importers.ERR_NOT_UTF8.format(line=11)]


def test_every_problem_is_listed_not_only_the_first():
    data = (
        b"Name (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
        b"Pat,pat@north.example,seventy,\r\n"
        b",,12,\r\n"
        b"Ben\r\n"
    )
    assert refused(data) == [
        importers.ERR_MINUTES.format(line=2, column="Total Duration (Minutes)", value="seventy"),
        importers.ERR_NO_NAME.format(line=3),
        importers.ERR_COLUMNS.format(
            line=4,
            expected=4,
            names="Name (Original Name), User Email, Total Duration (Minutes), Guest",
            found=1,
        ),
    ]


def test_a_leave_before_the_join_is_refused():
    data = (
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
        b"Pat,pat@north.example,07/03/2024 17:00,07/03/2024 16:00,60,No\r\n"
    )
    assert refused(data) == [
        importers.ERR_LEAVE_BEFORE_JOIN.format(
            line=2, join="07/03/2024 17:00", leave="07/03/2024 16:00"
        )
    ]


def test_a_header_without_rows_is_refused():
    data = b"\xef\xbb\xbfName (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
    assert refused(data) == [importers.ERR_NO_ROWS.format(line=1)]


def test_a_usage_report_of_several_meetings_is_refused():
    data = (DATA / "zoom_usage_report.csv").read_bytes().splitlines(keepends=True)
    other = data[-1].replace(b"812 3456 7890", b"899 0000 1111")
    [problem] = refused(b"".join([*data, other]))
    assert problem.startswith("The usage report holds 2 meetings (812 3456 7890")


def test_a_binary_file_is_refused():
    [problem] = refused(b"PK\x03\x04\x00\x00binary")
    assert "not a CSV file" in problem or "not UTF-8" in problem
