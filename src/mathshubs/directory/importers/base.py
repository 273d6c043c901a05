"""What every importer shares: problems named by row and column, and refusing a whole file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ERR_AND_MORE = "and {count:,} more."
REFUSED_HEADLINE = "Refused {file}: nothing was changed. {count:,} problem{s} found:"
REFUSED_FOOTER = "Correct the file and run the import again."


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


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
