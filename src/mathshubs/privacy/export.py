"""A person's download of everything held about them (ISSUE 14, part 2; UK GDPR, the
right of access): a ZIP of JSON files, one per kind of record, and the files they
uploaded. `registry.REFERENCES` says which file each kind is in; each file is one query
whatever the number of rows.

Never in it: the password's hash, an API token or its hash, a calendar feed's secret
address, a join link's token, a survey's pseudonym, other people's personal data beyond
the name of what something belongs to (an activity, an event, a space). The person's own
pseudonymous answers are in a download they make themselves, never in one made by staff.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models.fields.files import FieldFile
from django.utils import timezone

from mathshubs.accounts.models import ApiToken, User
from mathshubs.activities.models import Activity, DevelopmentProgramme, LLMEExpertise, Participation
from mathshubs.collaboration.models import (
    Boost,
    Comment,
    Document,
    DocumentVersion,
    Mention,
    NotificationSetting,
    PostRevision,
    SpaceMember,
    Thread,
    ThreadUnsubscribe,
)
from mathshubs.directory.models import EmailChange, Person, RoleAssignment
from mathshubs.evaluation.models import (
    HappiAttachment,
    HappiSection,
    HappiVersion,
    IdentifiedResponse,
    ProjectLead,
    PseudonymousResponse,
    SurveyCompletion,
    SurveySeries,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.events.models import (
    CalendarFeed,
    Event,
    EventComment,
    EventDocument,
    Invitation,
    Registration,
)

PSEUDONYMOUS_NOT_SHOWN = (
    "Not included in a download made for you by staff: these answers are kept without "
    "your name, and only you can see which are yours. Sign in and download your data."
)
REQUIREMENTS_NOT_SHOWN = (
    "Held, not shown in a download made for you by staff: sign in and download your data "
    "yourself to see it. Requirements are erased after the event."
)

README = """Everything the Maths Hubs platform holds about {name}, made {made}.

Each .json file is one kind of record; an empty list means none is held.
files/ holds the files you uploaded (event documents, HAPPI evidence, space documents).
Not included: your password (only a one-way hash is kept), your API tokens and your
calendar address (secrets: only their names and dates are listed), records of work you
did in a role that belong to the programme (see docs/privacy.md).

To ask for your data to be erased, contact your Maths Hub or the national team.
"""


def _when(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _activity(activity: Activity | None) -> dict[str, Any] | None:
    if activity is None:
        return None
    return {
        "id": activity.pk,
        "title": activity.title,
        "academic_year": activity.academic_year,
        "hub": activity.hub.name,
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.full_title,
        "starts_at": _when(event.starts_at),
        "format": event.format,
    }


def person_record(person: Person) -> dict[str, Any]:
    institution = person.institution
    return {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "main_contact_email": person.email,
        "institution": (
            {"urn": institution.urn, "name": institution.name} if institution else None
        ),
        "created_at": _when(person.created_at),
    }


def _account(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "email": user.email,
            "active": user.is_active,
            "created_at": _when(user.date_joined),
            "last_sign_in": _when(user.last_login),
        }
        for user in User.objects.filter(person=person)
    ]


def _api_tokens(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "name": token.name,
            "created_at": _when(token.created_at),
            "last_used_at": _when(token.last_used_at),
            "revoked_at": _when(token.revoked_at),
        }
        for token in ApiToken.objects.filter(user__person=person)
    ]


def _roles(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "role": row.get_role_display(),
            "hub": row.hub.name if row.hub else None,
            "academic_year": row.academic_year,
        }
        for row in RoleAssignment.objects.filter(person=person).select_related("hub")
    ]


def _email_changes(person: Person) -> list[dict[str, Any]]:
    return [
        {"old": row.old_email, "new": row.new_email, "changed_at": _when(row.changed_at)}
        for row in EmailChange.objects.filter(person=person)
    ]


def _activities_led(person: Person) -> list[dict[str, Any]]:
    led = Activity.objects.filter(leads=person).select_related("hub")
    return [_activity(activity) for activity in led]  # type: ignore[misc]


def _participations(person: Person) -> list[dict[str, Any]]:
    rows = Participation.objects.filter(person=person).select_related(
        "activity__hub", "institution"
    )
    return [
        {
            "activity": _activity(row.activity),
            "institution": row.institution.name if row.institution else None,
            "lead_participant": row.is_lead_participant,
            "status": row.status,
            "withdrawn_on": _when(row.withdrawn_on),
            "withdrawal_reason": row.withdrawal_reason,
        }
        for row in rows
    ]


def _expertise(person: Person) -> list[dict[str, Any]]:
    return [
        {"element": row.get_element_display()}
        for row in LLMEExpertise.objects.filter(person=person)
    ]


def _programmes(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "programme": row.get_programme_display(),
            "phase": row.phase,
            "cohort": row.cohort,
            "started_year": row.started_year,
            "completed_on": _when(row.completed_on),
            "accredited_on": _when(row.accredited_on),
        }
        for row in DevelopmentProgramme.objects.filter(person=person)
    ]


def _events_organised(person: Person) -> list[dict[str, Any]]:
    events = Event.objects.filter(organisers=person).select_related("activity", "ncp")
    return [_event(event) for event in events]


def _invitations(person: Person) -> list[dict[str, Any]]:
    rows = Invitation.objects.filter(person=person).select_related("event__activity", "event__ncp")
    return [{"event": _event(row.event), "invited_at": _when(row.invited_at)} for row in rows]


def registrations(person: Person, *, with_requirements: bool) -> list[dict[str, Any]]:
    rows = Registration.objects.filter(person=person).select_related(
        "event__activity", "event__ncp"
    )
    out = []
    for row in rows:
        held = any((row.dietary_requirements, row.access_requirements, row.other_requirements))
        if with_requirements or not held:
            requirements: dict[str, Any] | str = {
                "dietary": row.dietary_requirements,
                "access": row.access_requirements,
                "other": row.other_requirements,
            }
        else:
            requirements = REQUIREMENTS_NOT_SHOWN
        out.append(
            {
                "event": _event(row.event),
                "status": row.status,
                "confirmed_at": _when(row.confirmed_at),
                "cancelled_at": _when(row.cancelled_at),
                "waiting_since": _when(row.waiting_since),
                "offered_at": _when(row.offered_at),
                "requirements": requirements,
                "requirements_erased_at": _when(row.requirements_erased_at),
                "join_link_clicked_at": _when(row.link_clicked_at),
                "attended": row.attended,
                "minutes_attended": row.minutes_attended,
                "attendance_source": row.attendance_source,
            }
        )
    return out


def _event_comments(person: Person) -> list[dict[str, Any]]:
    rows = EventComment.objects.filter(author=person).select_related(
        "event__activity", "event__ncp"
    )
    return [
        {"event": _event(row.event), "text": row.body, "at": _when(row.created_at)} for row in rows
    ]


def _calendar_feed(person: Person) -> list[dict[str, Any]]:
    return [
        {"created_at": _when(row.created_at), "address": "secret: not included"}
        for row in CalendarFeed.objects.filter(person=person)
    ]


def _projects_led(person: Person) -> list[dict[str, Any]]:
    rows = ProjectLead.objects.filter(person=person).select_related("ncp")
    return [{"ncp": row.ncp.code, "title": row.ncp.title} for row in rows]


def _happi_drafts(person: Person) -> list[dict[str, Any]]:
    rows = HappiSection.objects.filter(updated_by=person).select_related("form__activity__hub")
    return [
        {
            "activity": _activity(row.form.activity),
            "section": row.kind,
            "status": row.status,
            "draft": row.draft,
            "updated_at": _when(row.updated_at),
        }
        for row in rows
    ]


def _happi_submissions(person: Person) -> list[dict[str, Any]]:
    rows = HappiVersion.objects.filter(submitted_by=person).select_related(
        "section__form__activity__hub"
    )
    return [
        {
            "activity": _activity(row.section.form.activity),
            "section": row.section.kind,
            "number": row.number,
            "content": row.content,
            "submitted_at": _when(row.submitted_at),
            "review": row.review,
        }
        for row in rows
    ]


def _survey_answers(person: Person) -> list[dict[str, Any]]:
    rows = IdentifiedResponse.objects.filter(person=person).select_related(
        "survey", "activity__hub"
    )
    return [
        {
            "survey": row.survey.title,
            "activity": _activity(row.activity),
            "answers": row.answers,
            "submitted": row.submitted,
            "submitted_at": _when(row.submitted_at),
        }
        for row in rows
    ]


def pseudonymous_answers(person: Person, *, for_self: bool) -> list[dict[str, Any]] | str:
    """The person's answers to pseudonymous surveys, found as the server finds their
    draft: by recomputing their pseudonym in each series. Only for the person themselves:
    in a download made by staff that would link the answers to them (ADR 0017). The
    pseudonym itself is never shown."""
    if not for_self:
        return PSEUDONYMOUS_NOT_SHOWN
    series = dict(
        SurveySeries.objects.filter(surveys__pseudonymous=True)
        .distinct()
        .values_list("pk", "secret")
    )
    mine = {
        (pk, pseudonym_of(series_secret=secret, person_id=person.pk))
        for pk, secret in series.items()
    }
    rows = PseudonymousResponse.objects.filter(
        survey__series_id__in=list(series), pseudonym__in=[p for _, p in mine]
    ).select_related("survey", "activity__hub")
    return [
        {
            "survey": row.survey.title,
            "activity": _activity(row.activity),
            "answers": row.answers,
            "submitted": row.submitted,
        }
        for row in rows
        if (row.survey.series_id, row.pseudonym) in mine
    ]


def _survey_completions(person: Person) -> list[dict[str, Any]]:
    rows = SurveyCompletion.objects.filter(person=person).select_related("survey", "activity__hub")
    return [
        {
            "survey": row.survey.title,
            "activity": _activity(row.activity),
            "submitted_on": _when(row.submitted_on),
        }
        for row in rows
    ]


def _space_memberships(person: Person) -> list[dict[str, Any]]:
    rows = SpaceMember.objects.filter(person=person).select_related("space")
    return [
        {"space": row.space.name, "manager": row.manager, "added_at": _when(row.added_at)}
        for row in rows
    ]


def _threads(person: Person) -> list[dict[str, Any]]:
    rows = Thread.objects.filter(author=person).select_related("space")
    return [
        {
            "id": row.pk,
            "space": row.space.name,
            "title": row.title,
            "body": row.body,
            "posted_at": _when(row.posted_at),
            "edited_at": _when(row.edited_at),
            "deleted_at": _when(row.deleted_at),
        }
        for row in rows
    ]


def _comments(person: Person) -> list[dict[str, Any]]:
    rows = Comment.objects.filter(author=person).select_related("thread__space")
    return [
        {
            "thread": row.thread.title,
            "space": row.thread.space.name,
            "body": row.body,
            "posted_at": _when(row.posted_at),
            "edited_at": _when(row.edited_at),
            "deleted_at": _when(row.deleted_at),
        }
        for row in rows
    ]


def _post_revisions(person: Person) -> list[dict[str, Any]]:
    return [
        {"title": row.title, "body": row.body, "action": row.action, "at": _when(row.at)}
        for row in PostRevision.objects.filter(by=person)
    ]


def _boosts(person: Person) -> list[dict[str, Any]]:
    return [
        {"text": row.text, "at": _when(row.created_at)}
        for row in Boost.objects.filter(person=person)
    ]


def _documents(person: Person) -> list[dict[str, Any]]:
    rows = Document.objects.filter(created_by=person).select_related("space")
    return [
        {
            "space": row.space.name,
            "title": row.title,
            "kind": row.kind,
            "created_at": _when(row.created_at),
        }
        for row in rows
    ]


def _notification_settings(person: Person) -> list[dict[str, Any]]:
    rows = NotificationSetting.objects.filter(person=person).select_related("space")
    return [
        {"space": row.space.name if row.space else "Every space", "frequency": row.frequency}
        for row in rows
    ]


def _thread_unsubscribes(person: Person) -> list[dict[str, Any]]:
    rows = ThreadUnsubscribe.objects.filter(person=person).select_related("thread")
    return [{"thread": row.thread.title, "at": _when(row.at)} for row in rows]


def _mentions(person: Person) -> list[dict[str, Any]]:
    rows = Mention.objects.filter(person=person).select_related("thread")
    return [{"thread": row.thread.title, "at": _when(row.at)} for row in rows]


# -- files ---------------------------------------------------------------------------


def _file_name(kind: str, pk: object, file: FieldFile, name: str = "") -> str:
    """files/<kind>/<id>-<name>: the id keeps two files of one name apart; the name is
    cut to its last part, so a name with slashes cannot place a file elsewhere in the ZIP."""
    base = os.path.basename((name or file.name or "").replace("\\", "/")) or "file"
    return f"files/{kind}/{pk}-{base}"


def _event_documents(person: Person, files: list[tuple[str, FieldFile]]) -> list[dict[str, Any]]:
    rows = EventDocument.objects.filter(uploaded_by=person).select_related(
        "event__activity", "event__ncp"
    )
    out = []
    for row in rows:
        path = _file_name("event_documents", row.pk, row.file)
        files.append((path, row.file))
        out.append(
            {
                "event": _event(row.event),
                "title": row.title,
                "uploaded_at": _when(row.uploaded_at),
                "file": path,
            }
        )
    return out


def _happi_attachments(person: Person, files: list[tuple[str, FieldFile]]) -> list[dict[str, Any]]:
    rows = HappiAttachment.objects.filter(uploaded_by=person).select_related(
        "section__form__activity__hub"
    )
    out = []
    for row in rows:
        path = _file_name("happi_attachments", row.pk, row.file)
        files.append((path, row.file))
        out.append(
            {
                "activity": _activity(row.section.form.activity),
                "section": row.section.kind,
                "title": row.title,
                "uploaded_at": _when(row.uploaded_at),
                "file": path,
            }
        )
    return out


def _document_versions(person: Person, files: list[tuple[str, FieldFile]]) -> list[dict[str, Any]]:
    rows = DocumentVersion.objects.filter(made_by=person).select_related("document__space")
    out = []
    for row in rows:
        path = None
        if row.file:
            path = _file_name("space_documents", row.pk, row.file, row.filename)
            files.append((path, row.file))
        out.append(
            {
                "space": row.document.space.name,
                "document": row.document.title,
                "version": row.number,
                "text": row.text,
                "made_at": _when(row.made_at),
                "file": path,
            }
        )
    return out


Kind = Callable[[Person], list[dict[str, Any]]]

KINDS: dict[str, Kind] = {
    "roles.json": _roles,
    "email_changes.json": _email_changes,
    "account.json": _account,
    "api_tokens.json": _api_tokens,
    "activities_led.json": _activities_led,
    "participations.json": _participations,
    "expertise.json": _expertise,
    "development_programmes.json": _programmes,
    "events_organised.json": _events_organised,
    "invitations.json": _invitations,
    "event_comments.json": _event_comments,
    "calendar_feed.json": _calendar_feed,
    "projects_led.json": _projects_led,
    "happi_drafts.json": _happi_drafts,
    "happi_submissions.json": _happi_submissions,
    "survey_answers.json": _survey_answers,
    "survey_completions.json": _survey_completions,
    "space_memberships.json": _space_memberships,
    "threads.json": _threads,
    "comments.json": _comments,
    "post_revisions.json": _post_revisions,
    "boosts.json": _boosts,
    "documents.json": _documents,
    "notification_settings.json": _notification_settings,
    "thread_unsubscribes.json": _thread_unsubscribes,
    "mentions.json": _mentions,
}
FileKind = Callable[[Person, list[tuple[str, FieldFile]]], list[dict[str, Any]]]
FILE_KINDS: dict[str, FileKind] = {
    "event_documents.json": _event_documents,
    "happi_attachments.json": _happi_attachments,
    "document_versions.json": _document_versions,
}
# Registrations take who asks (requirements); the person record is person.json.
OTHER_FILES = {"person.json", "registrations.json", "survey_answers_pseudonymous.json"}


def export_files() -> set[str]:
    return set(KINDS) | set(FILE_KINDS) | OTHER_FILES


def _dump(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def export_zip(*, person: Person, for_self: bool) -> bytes:
    """The person's download. `for_self`: the person asked themselves (their requirements
    are shown; made by staff for a request, they are not: ADR 0017)."""
    buffer = io.BytesIO()
    files: list[tuple[str, FieldFile]] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        made = timezone.now().isoformat(timespec="seconds")
        archive.writestr("README.txt", README.format(name=person.full_name, made=made))
        archive.writestr("person.json", _dump(person_record(person)))
        archive.writestr(
            "registrations.json", _dump(registrations(person, with_requirements=for_self))
        )
        archive.writestr(
            "survey_answers_pseudonymous.json",
            _dump(pseudonymous_answers(person, for_self=for_self)),
        )
        for name, kind in KINDS.items():
            archive.writestr(name, _dump(kind(person)))
        for name, file_kind in FILE_KINDS.items():
            archive.writestr(name, _dump(file_kind(person, files)))
        _write_files(archive, files)
    return buffer.getvalue()


def _write_files(archive: zipfile.ZipFile, files: Iterable[tuple[str, FieldFile]]) -> None:
    for path, file in files:
        try:
            with file.open("rb") as handle:
                archive.writestr(path, handle.read())
        except (FileNotFoundError, ValueError):
            archive.writestr(path + ".missing.txt", "The file is no longer in storage.")


def export_filename(person: Person) -> str:
    return f"maths-hubs-data-{person.pk}-{timezone.localdate().isoformat()}.zip"
