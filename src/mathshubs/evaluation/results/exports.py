"""The completion table as CSV and XLSX (ISSUE 10, part 3): the rows of the page, for the
same reader; counts are numbers, the rate a number of per cent (empty when nobody is
expected)."""

from __future__ import annotations

from mathshubs.dates import academic_year_label
from mathshubs.evaluation.results.completion import TARGET
from mathshubs.evaluation.results.selectors import CompletionReport
from mathshubs.exports import Table

HEADER = [
    "Breakdown",
    "Name",
    "Maths Hub",
    "Survey",
    "Academic year",
    "Activities",
    "Completed",
    "Expected",
    "Completion (%)",
    "Target (%)",
]


def completion_table(report: CompletionReport) -> Table:
    survey = report.survey
    year = academic_year_label(survey.academic_year)

    def line(kind: str, row):
        return [
            kind,
            row.label,
            row.hub,
            survey.title,
            year,
            row.activities,
            row.tally.done,
            row.tally.total,
            row.tally.rate,
            TARGET,
        ]

    def lines():
        yield line("National" if report.national else "Total", report.total)
        for row in report.hubs:
            yield line("Maths Hub", row)
        for row in report.ncps:
            yield line("NCP", row)
        for row in report.activities:
            yield line("Activity", row)
        for row in report.llmes:
            yield line("LLME", row)

    return Table("Survey completion", HEADER, lines())
