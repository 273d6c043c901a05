"""Importing institutions from the GIAS "all establishment data" CSV.

The shape every importer here shares (ENGINEERING.md, "Importers"): parse the
whole file, validate every row, and only if every row is good apply it in one
transaction. A refused file leaves the database exactly as it was and the
errors name the file, the row (as a spreadsheet numbers it: the header is row
1), the column and the reason, with how to fix it. Applying the same file twice
changes nothing the second time.

Which GIAS columns are read and how phase and type map: docs/directory-import.md.
"""

from mathshubs.directory.importers.base import ImportProblem, ImportRefused
from mathshubs.directory.importers.gias_parse import institutions_parse_file
from mathshubs.directory.importers.institutions import ImportSummary, institutions_import

__all__ = [
    "ImportProblem",
    "ImportRefused",
    "ImportSummary",
    "institutions_import",
    "institutions_parse_file",
]
