"""The text of an uploaded CSV file, read one way for every upload (an event's invitations
and join links, a Zoom attendance report).

What a spreadsheet or Zoom saves is UTF-8, often with a byte order mark (Excel's "CSV
UTF-8" adds one): the mark is dropped. Anything else is refused with the reason, so each
caller can say in its own words what is wrong and how to fix it:

- `EMPTY`: nothing but blank lines (and a byte order mark);
- `TOO_BIG`: more than the caller's limit;
- `NOT_UTF8`: not UTF-8 text (an old Excel "CSV", UTF-16, a picture), at `line`;
- `HAS_NUL`: a NUL byte, which no text file holds (a binary file saved as .csv), at `line`.
"""

from __future__ import annotations

from typing import Any

EMPTY = "empty"
TOO_BIG = "too_big"
NOT_UTF8 = "not_utf8"
HAS_NUL = "has_nul"

BOM = b"\xef\xbb\xbf"


class NotText(Exception):
    """The upload is not text we read: `problem` says why, `line` where (from 1)."""

    def __init__(self, problem: str, line: int = 1) -> None:
        super().__init__(f"{problem} at line {line}")
        self.problem = problem
        self.line = line


def upload_text(data: bytes | str, *, max_bytes: int) -> str:
    """The text of an uploaded file's content, its byte order mark dropped, or `NotText`.
    Checked in this order: empty, too big, not UTF-8, NUL bytes."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if not raw.strip(BOM + b" \t\r\n"):
        raise NotText(EMPTY)
    if len(raw) > max_bytes:
        raise NotText(TOO_BIG)
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotText(NOT_UTF8, raw[: error.start].count(b"\n") + 1) from None
    if "\x00" in text:
        raise NotText(HAS_NUL, text[: text.index("\x00")].count("\n") + 1)
    return text


def upload_read(file: Any, *, max_bytes: int) -> str:
    """`upload_text` of a file object (an uploaded file, or any object with `read`), read
    only up to one byte past the limit, so a huge upload is refused without reading it."""
    return upload_text(file.read(max_bytes + 1), max_bytes=max_bytes)
