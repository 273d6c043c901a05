"""Files people upload as evidence or documents: what kinds are accepted, checked by their
name and by their first bytes (a renamed program is not a PDF), and how large; and how
every uploaded or generated file is sent back (file_download, content_download).

The kinds are the ones schools and hubs write and read in their own tools: PDF, Word,
Excel, PowerPoint, OpenDocument, images, plain text and CSV.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TypeVar

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Kind:
    content_type: str
    starts: tuple[bytes, ...]  # empty: text, checked as UTF-8 instead


KINDS: dict[str, Kind] = {
    ".pdf": Kind("application/pdf", (b"%PDF",)),
    ".docx": Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)
    ),
    ".xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".pptx": Kind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)
    ),
    ".doc": Kind("application/msword", (OLE,)),
    ".xls": Kind("application/vnd.ms-excel", (OLE,)),
    ".ppt": Kind("application/vnd.ms-powerpoint", (OLE,)),
    ".odt": Kind("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": Kind("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".odp": Kind("application/vnd.oasis.opendocument.presentation", (ZIP,)),
    ".png": Kind("image/png", (b"\x89PNG",)),
    ".jpg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": Kind("text/plain", ()),
    ".csv": Kind("text/csv", ()),
}
KIND_NAMES = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV"

FILE_MISSING = "Choose a file to upload"
FILE_EMPTY = "The file you chose is empty: choose another file"
FILE_TOO_BIG = "The file must be {mb} MB or smaller"
FILE_KIND = f"The file must be a {KIND_NAMES} file"
FILE_NOT_WHAT_ITS_NAME_SAYS = (
    "The file's contents do not match its name ({extension}): save it again from the "
    "program that made it"
)


def upload_problem(file: UploadedFile | None, *, max_bytes: int) -> tuple[str, str]:
    """(content type, "") for an acceptable file, or ("", what is wrong with it)."""
    if file is None:
        return "", FILE_MISSING
    size = file.size or 0
    if size == 0:
        return "", FILE_EMPTY
    if size > max_bytes:
        return "", FILE_TOO_BIG.format(mb=max_bytes // (1024 * 1024))
    extension = os.path.splitext(file.name or "")[1].lower()
    kind = KINDS.get(extension)
    if kind is None:
        return "", FILE_KIND
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if kind.starts:
        matches = any(head.startswith(start) for start in kind.starts)
    else:
        matches = b"\x00" not in head and _utf8_prefix(head)
    if not matches:
        return "", FILE_NOT_WHAT_ITS_NAME_SAYS.format(extension=extension)
    return kind.content_type, ""


def _utf8_prefix(head: bytes) -> bool:
    # A multibyte character may be cut at the end of the first 4 KB.
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


# Sending files back (ADR 0015). A download is always an attachment (the browser saves
# it, never shows it as a page of this site), never sniffed, never cached, and typed from
# KINDS by its name: any other name (an .html or .svg stored before the checks above, a
# file put in place by hand) goes out as bytes to save. Its own policy forbids everything
# and sandboxes it, should a browser ever show it.
UNKNOWN_TYPE = "application/octet-stream"
DOWNLOAD_POLICY = "default-src 'none'; sandbox"
_TEXT = {"text/plain", "text/csv"}

Response = TypeVar("Response", bound=HttpResponseBase)


def safe_content_type(filename: str) -> str:
    """The type a stored file is sent as: its kind's (KINDS) by extension, else bytes."""
    kind = KINDS.get(os.path.splitext(filename)[1].lower())
    if kind is None:
        return UNKNOWN_TYPE
    return (
        f"{kind.content_type}; charset=utf-8" if kind.content_type in _TEXT else kind.content_type
    )


def as_attachment(response: Response, filename: str) -> Response:
    """Mark a response as a file to save: every download of the site ends here."""
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    return response


def file_download(file: File, *, not_found: str, filename: str = "") -> FileResponse:
    """A stored file as an attachment; Http404(not_found) when it is gone from storage."""
    name = filename or os.path.basename(file.name or "")
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as missing:  # ValueError: no file attached
        raise Http404(not_found) from missing
    return as_attachment(FileResponse(handle, content_type=safe_content_type(name)), name)


def content_download(body: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    """Content made for this download (a text, a catalogue or calendar file)."""
    return as_attachment(HttpResponse(body, content_type=content_type), filename)
