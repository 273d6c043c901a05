"""Schools in an activity: enrol (criteria checklist, enrolment window), withdraw, complete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction

from mathshubs.activities import rules as programme
from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    EnrolmentStatus,
    Participation,
)
from mathshubs.activities.services._common import (
    DATE_BEFORE_ENROLMENT,
    REASON_REQUIRED,
    check_past,
    invalid,
    today,
)
from mathshubs.audit.services import history_baseline, history_write
from mathshubs.dates import academic_year_bounds, academic_year_label
from mathshubs.directory.models import Institution
from mathshubs.directory.rules import is_national

SCHOOL_CLOSED = "{school} is closed: only open schools and colleges can take part"
SCHOOL_ALREADY_ENROLLED = "{school} is already enrolled in this activity"
SCHOOL_ALREADY_COMPLETED = "{school} has already completed this activity"
ENROLMENT_CLOSED = (
    "Enrolment in this activity closed on {date}, at the end of the autumn term. Only "
    "Targeted Support schools can join at any point in the year"
)
ENROLMENT_AFTER_YEAR = "The {year} academic year ended on {date}: choose a date before then"
CRITERIA_UNKNOWN = "{keys} {verb} not a participant criterion of this project"
CRITERIA_NOT_USED = "This activity has no participant criteria: leave them all unticked"
CRITERIA_ESSENTIAL = "{school} must meet the essential criterion: {missing}"
CRITERIA_OTHERS = "{school} must also meet at least {minimum} of the other criteria ({met} ticked)"
NOT_ENROLLED_TO_WITHDRAW = "{school} is not enrolled: only an enrolled school can withdraw"
NOT_ENROLLED_TO_COMPLETE = "{school} is not enrolled: only an enrolled school can complete"
NO_SCHOOLS_TO_COMPLETE = "No school is enrolled in this activity, so there is nothing to complete"


def _check_criteria(activity: Activity, institution: Institution, met: list[str]) -> None:
    ncp = activity.ncp if activity.ncp_id is not None else None
    criteria = ncp.participant_criteria if ncp else []
    if not criteria:
        if met:
            raise invalid("criteria_met", CRITERIA_NOT_USED, "criteria")
        return
    unknown = sorted(set(met) - {c["key"] for c in criteria})
    if unknown:
        keys = ", ".join(repr(key) for key in unknown)
        verb = "is" if len(unknown) == 1 else "are"
        raise invalid("criteria_met", CRITERIA_UNKNOWN.format(keys=keys, verb=verb), "criteria")
    missing, more = programme.criteria_missing(ncp, met)
    if missing:
        message = CRITERIA_ESSENTIAL.format(school=institution.name, missing="; ".join(missing))
        raise invalid("criteria_met", message, "criteria")
    if more:
        others = {c["key"] for c in criteria if not c.get("essential")}
        ticked = len(others & set(met))
        message = CRITERIA_OTHERS.format(school=institution.name, minimum=ticked + more, met=ticked)
        raise invalid("criteria_met", message, "criteria")


def _check_window(activity: Activity, on: dt.date, by: Any) -> None:
    year_end = academic_year_bounds(activity.academic_year)[1]
    if on > year_end:
        message = ENROLMENT_AFTER_YEAR.format(
            year=academic_year_label(activity.academic_year), date=programme.long_date(year_end)
        )
        raise invalid("on", message, "after_year")
    closes = programme.enrolment_closes_on(activity)
    if closes is not None and on > closes and not (by is not None and is_national(by)):
        raise invalid("on", ENROLMENT_CLOSED.format(date=programme.long_date(closes)), "closed")


def school_enrol(
    *,
    activity: Activity,
    institution: Institution,
    by: Any,
    on: dt.date | None = None,
    criteria_met: Collection[str] = (),
) -> ActivitySchool:
    """Enrol a school or college in the activity, recording the participant criteria it
    meets (NCP handbook 2019/20, section G).

    Refused: a closed institution; a school already enrolled or completed; a date in the
    future, after the academic year, or after the enrolment window (31 December) unless
    the activity takes schools at any time (Targeted Support) or the national team
    enrols; criteria that are not the project's, or too few of them. A withdrawn school
    enrols again on the same row, keeping its withdrawal's date and reason.
    """
    on = on or today()
    met = sorted(set(criteria_met))
    school = institution.name
    if not institution.is_open:
        raise invalid("institution", SCHOOL_CLOSED.format(school=school), "closed")
    check_past("on", on)
    _check_window(activity, on, by)
    _check_criteria(activity, institution, met)
    try:
        with transaction.atomic():
            existing = (
                ActivitySchool.objects.select_for_update()
                .filter(activity=activity, institution=institution)
                .first()
            )
            if existing is None:
                return ActivitySchool.objects.create(
                    activity=activity, institution=institution, enrolled_on=on, criteria_met=met
                )
            if existing.status == EnrolmentStatus.ENROLLED:
                raise invalid(
                    "institution", SCHOOL_ALREADY_ENROLLED.format(school=school), "duplicate"
                )
            if existing.status == EnrolmentStatus.COMPLETED:
                raise invalid(
                    "institution", SCHOOL_ALREADY_COMPLETED.format(school=school), "completed"
                )
            existing.status = EnrolmentStatus.ENROLLED
            existing.enrolled_on = on
            existing.completed_on = None
            existing.criteria_met = met
            existing.save(update_fields=["status", "enrolled_on", "completed_on", "criteria_met"])
            return existing
    except IntegrityError as exc:
        # Two enrolments of one school at once: the unique constraint decides.
        raise invalid(
            "institution", SCHOOL_ALREADY_ENROLLED.format(school=school), "duplicate"
        ) from exc


def _school_participations(enrolment: ActivitySchool) -> Any:
    return Participation.objects.filter(
        activity_id=enrolment.activity_id,
        institution_id=enrolment.institution_id,
        status=EnrolmentStatus.ENROLLED,
    )


def _school_participations_update(enrolment: ActivitySchool, by: Any, **changes: Any) -> None:
    """The school's current participants follow it; the audit trail gets a row for each
    (an UPDATE sends no signal: ADR 0016)."""
    moved = _school_participations(enrolment)
    ids = list(moved.values_list("pk", flat=True))
    history_baseline(model=Participation, pks=ids)
    Participation.objects.filter(pk__in=ids).update(**changes)
    history_write(model=Participation, pks=ids, by=by)


def school_withdraw(
    *, enrolment: ActivitySchool, on: dt.date, reason: str, by: Any
) -> ActivitySchool:
    """Withdraw a school from the activity. The row is kept, with the date and reason,
    and the school's current participants are withdrawn with it."""
    reason = reason.strip()
    if not reason:
        raise invalid("reason", REASON_REQUIRED, "required")
    check_past("on", on)
    with transaction.atomic():
        row = (
            ActivitySchool.objects.select_for_update()
            .select_related("institution")
            .get(pk=enrolment.pk)
        )
        if row.status != EnrolmentStatus.ENROLLED:
            school = row.institution.name
            raise invalid(NON_FIELD_ERRORS, NOT_ENROLLED_TO_WITHDRAW.format(school=school), "state")
        if on < row.enrolled_on:
            message = DATE_BEFORE_ENROLMENT.format(date=programme.long_date(row.enrolled_on))
            raise invalid("on", message, "before")
        row.status, row.withdrawn_on, row.withdrawal_reason = (
            EnrolmentStatus.WITHDRAWN,
            on,
            reason,
        )
        row.save(update_fields=["status", "withdrawn_on", "withdrawal_reason"])
        _school_participations_update(
            row, by, status=EnrolmentStatus.WITHDRAWN, withdrawn_on=on, withdrawal_reason=reason
        )
    return row


def _complete(row: ActivitySchool, on: dt.date, by: Any) -> None:
    if on < row.enrolled_on:
        message = DATE_BEFORE_ENROLMENT.format(date=programme.long_date(row.enrolled_on))
        raise invalid("on", f"{row.institution.name}: {message}", "before")
    row.status, row.completed_on = EnrolmentStatus.COMPLETED, on
    row.save(update_fields=["status", "completed_on"])
    _school_participations_update(row, by, status=EnrolmentStatus.COMPLETED)


def school_complete(*, enrolment: ActivitySchool, on: dt.date, by: Any) -> ActivitySchool:
    """Record that a school completed the activity (its current participants with it)."""
    check_past("on", on)
    with transaction.atomic():
        row = (
            ActivitySchool.objects.select_for_update()
            .select_related("institution")
            .get(pk=enrolment.pk)
        )
        if row.status != EnrolmentStatus.ENROLLED:
            school = row.institution.name
            raise invalid(NON_FIELD_ERRORS, NOT_ENROLLED_TO_COMPLETE.format(school=school), "state")
        _complete(row, on, by)
    return row


def activity_complete(*, activity: Activity, on: dt.date, by: Any) -> int:
    """Complete every enrolled school of the activity (and its participants) on one date.
    Returns how many schools completed."""
    with transaction.atomic():
        enrolments = list(
            ActivitySchool.objects.select_for_update()
            .select_related("institution")
            .filter(activity=activity, status=EnrolmentStatus.ENROLLED)
        )
        if not enrolments:
            raise invalid(NON_FIELD_ERRORS, NO_SCHOOLS_TO_COMPLETE, "empty")
        for enrolment in enrolments:
            _complete(enrolment, on, by)
    return len(enrolments)
