"""Writes to an event's Documents and Comments tabs, and the record of a Connect click."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from mathshubs.directory.rules import person_of
from mathshubs.events.models import Event, EventComment, EventDocument, Registration
from mathshubs.events.rules import can_organise_event, can_view_event_attendees

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
ONLY_ORGANISERS_UPLOAD = "Only the event's organisers can add or remove documents."
FILE_TOO_BIG = "The file must be 20 MB or smaller"
FILE_EMPTY = "The file you chose is empty: choose another file"
TITLE_MISSING = "Enter a title for the document"
ONLY_ATTENDEES_COMMENT = (
    "Only the event's organisers and confirmed attendees can comment. "
    "Confirm your attendance first."
)
COMMENT_EMPTY = "Enter your comment"
COMMENT_TOO_LONG = "Your comment must be 5,000 characters or fewer"


def document_upload(*, event: Event, by: Any, title: str, file: UploadedFile) -> EventDocument:
    """Share a file with the event's attendees (the Documents tab): organisers only, up to
    20 MB. The file is stored outside the public static files; downloads go through a view
    that checks who asks."""
    if not can_organise_event(by, event):
        raise PermissionDenied(ONLY_ORGANISERS_UPLOAD)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = TITLE_MISSING
    size = file.size or 0
    if size == 0:
        errors["file"] = FILE_EMPTY
    elif size > DOCUMENT_MAX_BYTES:
        errors["file"] = FILE_TOO_BIG
    if errors:
        raise ValidationError(errors)
    document = EventDocument(event=event, title=title.strip(), size=size, uploaded_by=person_of(by))
    document.file.save(file.name or "document", file, save=False)
    document.save()
    return document


def document_delete(*, document: EventDocument, by: Any) -> None:
    """Remove a document and its file: organisers only."""
    if not can_organise_event(by, document.event):
        raise PermissionDenied(ONLY_ORGANISERS_UPLOAD)
    storage, name = document.file.storage, document.file.name
    with transaction.atomic():
        document.delete()
        transaction.on_commit(lambda: storage.delete(name) if name else None)


def comment_add(*, event: Event, by: Any, body: str) -> EventComment:
    """Add to the event's comment thread: its organisers and confirmed attendees."""
    author = person_of(by)
    if author is None or not can_view_event_attendees(by, event):
        raise PermissionDenied(ONLY_ATTENDEES_COMMENT)
    text = body.strip()
    if not text:
        raise ValidationError({"body": COMMENT_EMPTY})
    if len(text) > 5000:
        raise ValidationError({"body": COMMENT_TOO_LONG})
    return EventComment.objects.create(event=event, author=author, body=text)


def registration_link_click(
    *, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """Record that the person used their own Connect link (the latest click), so the
    organisers know who joined even when the videoconference report cannot tell."""
    now = now or timezone.now()
    Registration.objects.filter(pk=registration.pk).update(link_clicked_at=now)
    registration.link_clicked_at = now
    return registration
