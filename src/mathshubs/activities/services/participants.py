"""People taking part in an activity for their school: add, withdraw."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction

from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    EnrolmentStatus,
    Participation,
)
from mathshubs.activities.services._common import (
    REASON_REQUIRED,
    check_past,
    invalid,
)
from mathshubs.directory.models import Institution, Person

PARTICIPANT_SCHOOL_NOT_ENROLLED = (
    "{school} is not enrolled in this activity: enrol the school before adding its people"
)
PARTICIPANT_ALREADY = "{name} already takes part in this activity"
PARTICIPANT_IS_LEAD = "{name} leads this activity, so cannot also take part in it"
PARTICIPANT_NOT_ENROLLED = "{name} is not taking part: only a current participant can withdraw"


def participant_add(
    *,
    activity: Activity,
    person: Person,
    institution: Institution,
    is_lead_participant: bool,
    by: Any,
) -> Participation:
    """Add a person to the activity for an enrolled school (typically two lead
    participants a school: other numbers are warned about on the page, not refused).
    A person who withdrew takes part again on the same row."""
    name = person.full_name
    with transaction.atomic():
        enrolled = ActivitySchool.objects.filter(
            activity=activity, institution=institution, status=EnrolmentStatus.ENROLLED
        ).exists()
        if not enrolled:
            message = PARTICIPANT_SCHOOL_NOT_ENROLLED.format(school=institution.name)
            raise invalid("institution", message, "not_enrolled")
        if activity.leads.filter(pk=person.pk).exists():
            raise invalid("person", PARTICIPANT_IS_LEAD.format(name=name), "lead")
        existing = (
            Participation.objects.select_for_update()
            .filter(activity=activity, person=person)
            .first()
        )
        if existing is not None and existing.status == EnrolmentStatus.ENROLLED:
            raise invalid("person", PARTICIPANT_ALREADY.format(name=name), "duplicate")
        if existing is None:
            try:
                with transaction.atomic():
                    return Participation.objects.create(
                        activity=activity,
                        person=person,
                        institution=institution,
                        is_lead_participant=is_lead_participant,
                    )
            except IntegrityError as exc:
                raise invalid("person", PARTICIPANT_ALREADY.format(name=name), "duplicate") from exc
        existing.institution = institution
        existing.is_lead_participant = is_lead_participant
        existing.status = EnrolmentStatus.ENROLLED
        existing.save(update_fields=["institution", "is_lead_participant", "status"])
        return existing


def participant_withdraw(
    *, participation: Participation, on: dt.date, reason: str, by: Any
) -> Participation:
    """Withdraw one person from the activity; the row is kept with the date and reason."""
    reason = reason.strip()
    if not reason:
        raise invalid("reason", REASON_REQUIRED, "required")
    check_past("on", on)
    with transaction.atomic():
        row = (
            Participation.objects.select_for_update()
            .select_related("person")
            .get(pk=participation.pk)
        )
        if row.status != EnrolmentStatus.ENROLLED:
            message = PARTICIPANT_NOT_ENROLLED.format(name=row.person.full_name)
            raise invalid(NON_FIELD_ERRORS, message, "state")
        row.status, row.withdrawn_on, row.withdrawal_reason = (
            EnrolmentStatus.WITHDRAWN,
            on,
            reason,
        )
        row.save(update_fields=["status", "withdrawn_on", "withdrawal_reason"])
    return row
