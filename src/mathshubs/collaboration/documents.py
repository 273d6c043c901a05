"""A space's documents (ISSUE 13, part 3): files uploaded with every version kept (upload
a new version, download any, restore one as a new version), text written in the
platform with its revisions and the words changed between two; a public link only where
a manager makes one, revoked by a click. Every write is a member's (a public link a
manager's) and one transaction."""

from __future__ import annotations

import difflib
import os
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from mathshubs.collaboration.membership import can_manage, can_read
from mathshubs.collaboration.models import Document, DocumentKind, DocumentVersion, Space
from mathshubs.uploads import upload_problem

MAX_BYTES = 20 * 1024 * 1024
NOT_A_MEMBER = "Only the space's members add documents to it."
ONLY_MANAGERS = "Only the space's managers make or revoke a public link."
TITLE_MISSING = "Give the document a title"
TEXT_MISSING = "Write the document's text"
NO_SUCH_VERSION = "There is no such version of this document"
WRONG_KIND = "This document is {kind}: {what}"


def _member(user: Any, space: Space) -> None:
    if not can_read(user, space):
        raise PermissionDenied(NOT_A_MEMBER)


def _next(document: Document) -> int:
    last = document.versions.aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _file_version(document: Document, by: Any, upload: UploadedFile) -> DocumentVersion:
    content_type, problem = upload_problem(upload, max_bytes=MAX_BYTES)
    if problem:
        raise ValidationError({"file": problem})
    version = DocumentVersion(
        document=document,
        number=_next(document),
        filename=os.path.basename(upload.name or "document")[:255],
        content_type=content_type,
        size=upload.size or 0,
        made_by=by.person,
    )
    version.file.save(version.filename, upload, save=False)
    version.save()
    return version


def document_upload(
    *, user: Any, space: Space, title: str, upload: UploadedFile | None
) -> Document:
    """A new document from a file: its first version."""
    _member(user, space)
    problems = {}
    if not (title or "").strip():
        problems["title"] = TITLE_MISSING
    if upload is None:
        problems["file"] = upload_problem(None, max_bytes=MAX_BYTES)[1]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        document = Document.objects.create(
            space=space, title=title.strip()[:200], kind=DocumentKind.FILE, created_by=user.person
        )
        _file_version(document, user, upload)  # type: ignore[arg-type]
    return document


def version_upload(
    *, user: Any, document: Document, upload: UploadedFile | None
) -> DocumentVersion:
    """A new version of an uploaded document; the earlier ones stay."""
    _member(user, document.space)
    if document.kind != DocumentKind.FILE:
        raise ValidationError(
            {"file": WRONG_KIND.format(kind="written here", what="change its text")}
        )
    if upload is None:
        raise ValidationError({"file": upload_problem(None, max_bytes=MAX_BYTES)[1]})
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        return _file_version(document, user, upload)


def text_write(
    *, user: Any, space: Space, text: str, title: str = "", document: Document | None = None
) -> Document:
    """A document written here, or a new revision of one (every revision is kept)."""
    _member(user, space)
    if document is not None and document.kind != DocumentKind.TEXT:
        raise ValidationError(
            {"text": WRONG_KIND.format(kind="an uploaded file", what="upload a new version")}
        )
    problems = {}
    if document is None and not (title or "").strip():
        problems["title"] = TITLE_MISSING
    if not (text or "").strip():
        problems["text"] = TEXT_MISSING
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        if document is None:
            document = Document.objects.create(
                space=space,
                title=title.strip()[:200],
                kind=DocumentKind.TEXT,
                created_by=user.person,
            )
        else:
            Document.objects.select_for_update().filter(pk=document.pk).first()
        DocumentVersion.objects.create(
            document=document,
            number=_next(document),
            text=text.replace("\r\n", "\n"),
            size=len(text.encode()),
            made_by=user.person,
        )
    return document


def version_restore(*, user: Any, document: Document, number: int) -> DocumentVersion:
    """Make an earlier version the document again, as a new version: nothing is lost."""
    _member(user, document.space)
    old = document.versions.filter(number=number).first()
    if old is None:
        raise ValidationError({"version": NO_SUCH_VERSION})
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        restored = DocumentVersion(
            document=document,
            number=_next(document),
            filename=old.filename,
            content_type=old.content_type,
            size=old.size,
            text=old.text,
            made_by=user.person,
            restored_from=old.number,
        )
        if old.file:
            with old.file.open("rb") as handle:
                restored.file.save(old.filename, ContentFile(handle.read()), save=False)
        restored.save()
    return restored


def public_link(*, user: Any, document: Document, on: bool) -> Document:
    """Make (or revoke) a public link to the document's latest version: managers only."""
    if not can_manage(user, document.space):
        raise PermissionDenied(ONLY_MANAGERS)
    document.public_token = secrets.token_urlsafe(32) if on else None
    document.save(update_fields=["public_token"])
    return document


@dataclass(frozen=True)
class Change:
    kind: str  # "same", "added", "removed"
    text: str


def text_diff(older: str, newer: str) -> list[Change]:
    """The words changed between two revisions of a written document."""
    before, after = older.split(), newer.split()
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
        if op == "equal":
            changes.append(Change("same", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            changes.append(Change("removed", " ".join(before[i1:i2])))
        if j2 > j1:
            changes.append(Change("added", " ".join(after[j1:j2])))
    return changes
