"""Bounds on the whole numbers that come in from outside: ids in a URL's path, numbers in
a query string or a JSON body. One definition that every route uses, so that a number no
database row can have is answered "not found" (404) or "not valid" (422), never with a
server error from the database (SQLite refuses integers beyond 64 bits with an
OverflowError; ISSUE 15).

- Page URLs: the `id` path converter, registered in `mathshubs.urls` (`<id:event_id>`).
  A number beyond `MAX_ID` does not match, so the page is not found.
- The API: `PathId` for an id in the path, `Id` for one in a body, `Offset` for paging.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Path, Query
from pydantic import Field

# The largest id SQLite and PostgreSQL store (64-bit signed: BigAutoField, our default).
MAX_ID = 2**63 - 1
# The largest PostgreSQL `integer` (URNs, places, counts held in 32 bits).
MAX_INT = 2**31 - 1
# The largest PostgreSQL `smallint` (PositiveSmallIntegerField: schools in a model).
MAX_SMALL_INT = 2**15 - 1


class IdConverter:
    """A path segment of digits naming a row: beyond `MAX_ID` it matches nothing (404)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is larger than any id")
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


ID_DESCRIPTION = f"An id: a whole number from 1 to {MAX_ID}."

PathId = Annotated[int, Path(ge=1, le=MAX_ID, description=ID_DESCRIPTION)]
Id = Annotated[int, Field(ge=1, le=MAX_ID, description=ID_DESCRIPTION)]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="How many rows to skip.")]
