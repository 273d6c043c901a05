"""Events API: attendance endpoints (ISSUE 5, parts 8 and 10), for an event's organisers.

- `POST /api/v1/events/{id}/attendance-report`: upload a Zoom attendance report (multipart,
  field `file`); answers the counts and the rows that matched no one, or 422 naming every
  problem in the file (nothing is changed then).
- `GET /api/v1/events/{id}/attendance`: each registration with its attendance.

Someone who may not see the event gets 404; someone who sees it but does not organise it
gets 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.bounds import PathId
from mathshubs.directory.rules import person_of
from mathshubs.directory.schemas import Message
from mathshubs.events import selectors
from mathshubs.events.services.attendance import attendance_report_import

router = Router(tags=["events"], auth=personal_auth)


class ReportProblems(Schema):
    message: str
    # Every problem in the file; or, for a request without a file, pydantic's errors.
    errors: list[str] | list[dict[str, Any]]


class UnmatchedRowOut(Schema):
    index: int
    name: str
    email: str
    minutes: int
    line: int


class ReportImportOut(Schema):
    import_id: int
    layout: str
    people: int
    matched: int
    attended: int
    not_attended: int
    absent: int
    kept: int
    minimum_minutes: int
    unmatched: list[UnmatchedRowOut]


class AttendanceOut(Schema):
    person_id: int
    name: str
    email: str
    status: str
    attended: bool | None
    minutes: int | None
    source: str
    recorded_at: dt.datetime | None


ERRORS = {401: Message, 403: Message, 404: Message}


@router.post(
    "/events/{event_id}/attendance-report",
    response={200: ReportImportOut, 422: ReportProblems, **ERRORS},
    url_name="event_attendance_import",
)
def event_attendance_import(
    request: HttpRequest, event_id: PathId, file: File[UploadedFile]
) -> Any:
    """Import a Zoom attendance report (participants, usage or webinar attendee report,
    as exported). All or nothing; re-running replaces what the last report recorded."""
    event = selectors.access_organised_event(
        user=request.user, event_id=event_id, action="record or read its attendance"
    )
    try:
        done = attendance_report_import(
            event=event, by=person_of(request.user), file=file, filename=file.name or "report.csv"
        )
    except ValidationError as error:
        return 422, {"message": error.messages[0], "errors": error.messages}
    return 200, {
        "import_id": done.record.pk,
        "layout": done.layout,
        "people": done.people,
        "matched": done.matched,
        "attended": done.attended,
        "not_attended": done.not_attended,
        "absent": done.absent,
        "kept": done.kept,
        "minimum_minutes": done.minimum_minutes,
        "unmatched": done.unmatched,
    }


@router.get(
    "/events/{event_id}/attendance",
    response={200: list[AttendanceOut], **ERRORS},
    url_name="event_attendance",
)
def event_attendance(request: HttpRequest, event_id: PathId) -> Any:
    """Every registration of the event with its attendance: attended (blank: not
    recorded), minutes, and how it was recorded (register, report, manual, group)."""
    event = selectors.access_organised_event(
        user=request.user, event_id=event_id, action="record or read its attendance"
    )
    registrations = event.registrations.select_related("person").order_by(
        "person__last_name", "person__first_name", "pk"
    )
    return [
        {
            "person_id": r.person_id,
            "name": r.person.full_name,
            "email": r.person.email,
            "status": r.status,
            "attended": r.attended,
            "minutes": r.minutes_attended,
            "source": r.attendance_source,
            "recorded_at": r.attendance_recorded_at,
        }
        for r in registrations
    ]
