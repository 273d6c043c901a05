"""The kinds of record the audit trail follows: for each, its history table, the fields a
change is shown by (with their names as people read them), which hub a row belongs to,
and how a row names its record.

A hub's rows are found with id subqueries on the history table itself, so the Changes page
filters in the database (no check per row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from simple_history.utils import get_history_model_for_model

from mathshubs.activities.models import Activity, ActivitySchool, Participation
from mathshubs.catalogue.models import AcademicYear
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Person, RoleAssignment
from mathshubs.directory.rules import person_hub_filter
from mathshubs.evaluation.models import HappiForm, HappiSection
from mathshubs.events.models import Event, Registration

DELETED = "(deleted)"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: Any
    # The fields a change is shown by, in order; names as people read them.
    fields: dict[str, str]
    # Q on the history table: the rows of these hubs. None: a national record.
    in_hubs: Callable[[set[int]], Q] | None
    # How one history row names its record (its select_related relations loaded).
    name: Callable[[Any], str]
    related: tuple[str, ...] = ()
    # Q on the history table: the rows about this person (their page's history).
    of_person: Callable[[int], Q] | None = None
    # Hub staff see a national kind's changes too (catalogue years: the public menu).
    national_visible_to_hubs: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def history(self) -> Any:
        return get_history_model_for_model(self.model)


def _name(person: Any) -> str:
    return person.full_name if person is not None else DELETED


def _title(obj: Any) -> str:
    return obj.title if obj is not None else DELETED


def _people_of(hubs: set[int]) -> Q:
    # Who belongs to a hub is the directory's rule (a role there, or a school it serves).
    return Q(id__in=Person.objects.filter(person_hub_filter(hubs)).values("pk"))


def _activities_of(hubs: set[int]) -> Q:
    return Q(activity_id__in=Activity.objects.filter(hub__in=hubs).values("pk"))


def _events_of(hubs: set[int]) -> Q:
    events = Event.objects.filter(Q(hub__in=hubs) | Q(activity__hub__in=hubs)).values("pk")
    return Q(event_id__in=events)


def _forms_of(hubs: set[int]) -> Q:
    return Q(form_id__in=HappiForm.objects.filter(activity__hub__in=hubs).values("pk"))


def _happi_name(row: Any) -> str:
    activity = row.form.activity if row.form is not None else None
    return f"HAPPI form, {row.get_kind_display()} section: {_title(activity)}"


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        Kind(
            key="person",
            label="Person",
            model=Person,
            fields={
                "email": "Main contact email",
                "first_name": "First name",
                "last_name": "Last name",
                "institution": "Institution",
            },
            in_hubs=_people_of,
            name=lambda row: f"{row.first_name} {row.last_name}".strip(),
            of_person=lambda pk: Q(id=pk),
        ),
        Kind(
            key="role",
            label="Role",
            model=RoleAssignment,
            fields={"role": "Role", "hub": "Maths Hub", "academic_year": "Academic year"},
            in_hubs=lambda hubs: Q(hub_id__in=hubs),
            name=lambda row: f"Role of {_name(row.person)}",
            related=("person",),
            of_person=lambda pk: Q(person_id=pk),
        ),
        Kind(
            key="catalogue_year",
            label="Catalogue year",
            model=AcademicYear,
            fields={
                "start_year": "Academic year",
                "status": "Status",
                "copied_from": "Copied from",
                "hubs": "Maths Hubs",
                "llmes_per_hub": "Active LLMEs expected of each hub",
                "llmes_national": "Active LLMEs expected nationally",
                "fully_funded": "Fully funded",
            },
            in_hubs=None,
            name=lambda row: f"Catalogue {academic_year_label(row.start_year)}",
        ),
        Kind(
            key="activity",
            label="Activity and grant",
            model=Activity,
            fields={
                "title": "Title",
                "hub": "Maths Hub",
                "academic_year": "Academic year",
                "ncp": "Project",
                "activity_type": "Type",
                "phase": "Phase",
                "is_riwg": "Research and Innovation Work Group",
                "grant_role": "The hub's role in the project (grant)",
            },
            in_hubs=lambda hubs: Q(hub_id__in=hubs),
            name=lambda row: row.title,
        ),
        Kind(
            key="school",
            label="School enrolment",
            model=ActivitySchool,
            fields={
                "status": "Status",
                "enrolled_on": "Enrolled on",
                "withdrawn_on": "Withdrawn on",
                "withdrawal_reason": "Reason for withdrawal",
                "completed_on": "Completed on",
                "criteria_met": "Criteria met",
            },
            in_hubs=_activities_of,
            name=lambda row: (
                f"{row.institution.name if row.institution else DELETED} in {_title(row.activity)}"
            ),
            related=("institution", "activity"),
        ),
        Kind(
            key="participation",
            label="Participant enrolment",
            model=Participation,
            fields={
                "status": "Status",
                "institution": "Institution",
                "is_lead_participant": "Lead participant",
                "withdrawn_on": "Withdrawn on",
                "withdrawal_reason": "Reason for withdrawal",
            },
            in_hubs=_activities_of,
            name=lambda row: f"{_name(row.person)} in {_title(row.activity)}",
            related=("person", "activity"),
            of_person=None,
        ),
        Kind(
            key="registration",
            label="Event registration",
            model=Registration,
            fields={
                "status": "Status",
                "confirmed_at": "Confirmed",
                "cancelled_at": "Cancelled",
                "waiting_since": "On the waiting list since",
                "offered_at": "Offered a place",
                "attended": "Attended",
                "minutes_attended": "Minutes attended",
                "attendance_source": "Attendance recorded from",
            },
            in_hubs=_events_of,
            name=lambda row: f"{_name(row.person)} for {_title(row.event)}",
            related=("person", "event"),
        ),
        Kind(
            key="happi",
            label="HAPPI form",
            model=HappiSection,
            fields={
                "status": "Status",
                "reviewed_at": "Reviewed",
                "reviewed_by": "Reviewed by",
            },
            in_hubs=_forms_of,
            name=_happi_name,
            related=("form__activity",),
        ),
    ]
}

KIND_CHOICES = [(key, kind.label) for key, kind in KINDS.items()]
