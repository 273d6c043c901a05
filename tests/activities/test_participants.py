"""participant_add / participant_withdraw, and finding people by email."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.activities.selectors import NO_PERSON_WITH_EMAIL, person_by_email
from mathshubs.activities.services import _common as common
from mathshubs.activities.services import participant_add, participant_withdraw, school_withdraw
from mathshubs.activities.services import participants as svc
from tests import factories as f
from tests.activities.helpers import refused

pytestmark = pytest.mark.django_db


def test_a_person_is_added_for_an_enrolled_school(cast):
    teacher = f.PersonFactory(institution=cast.north_school)
    row = participant_add(
        activity=cast.activity,
        person=teacher,
        institution=cast.north_school,
        is_lead_participant=True,
        by=cast.harriet,
    )
    assert (row.status, row.is_lead_participant, row.institution) == (
        EnrolmentStatus.ENROLLED,
        True,
        cast.north_school,
    )


def test_the_school_must_be_enrolled(cast):
    refused(
        participant_add,
        svc.PARTICIPANT_SCHOOL_NOT_ENROLLED.format(school="South Primary"),
        "institution",
        activity=cast.activity,
        person=cast.sam.person,
        institution=cast.south_school,
        is_lead_participant=False,
        by=cast.harriet,
    )


def test_a_person_takes_part_once(cast):
    refused(
        participant_add,
        svc.PARTICIPANT_ALREADY.format(name="Pat Participant"),
        "person",
        activity=cast.activity,
        person=cast.pat.person,
        institution=cast.north_school,
        is_lead_participant=True,
        by=cast.harriet,
    )


def test_a_lead_cannot_also_take_part(cast):
    refused(
        participant_add,
        svc.PARTICIPANT_IS_LEAD.format(name="Leo Lead"),
        "person",
        activity=cast.activity,
        person=cast.leo.person,
        institution=cast.north_school,
        is_lead_participant=False,
        by=cast.harriet,
    )


@time_machine.travel(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC), tick=False)
def test_a_withdrawal_is_kept_and_the_person_can_be_added_again(cast):
    pat = cast.activity.participations.get(person=cast.pat.person)
    participant_withdraw(
        participation=pat, on=dt.date(2024, 2, 1), reason="Maternity leave", by=cast.harriet
    )
    pat.refresh_from_db()
    assert (pat.status, pat.withdrawn_on, pat.withdrawal_reason) == (
        EnrolmentStatus.WITHDRAWN,
        dt.date(2024, 2, 1),
        "Maternity leave",
    )
    again = participant_add(
        activity=cast.activity,
        person=cast.pat.person,
        institution=cast.north_school,
        is_lead_participant=False,
        by=cast.harriet,
    )
    assert again.pk == pat.pk and again.status == EnrolmentStatus.ENROLLED
    assert again.withdrawal_reason == "Maternity leave"


@time_machine.travel(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC), tick=False)
def test_a_participant_withdrawal_needs_a_reason_and_a_current_participant(cast):
    pat = cast.activity.participations.get(person=cast.pat.person)
    kwargs = {"participation": pat, "on": dt.date(2024, 2, 1), "by": cast.harriet}
    refused(participant_withdraw, common.REASON_REQUIRED, "reason", reason="", **kwargs)
    school_withdraw(enrolment=cast.enrolment, on=dt.date(2024, 2, 1), reason="x", by=cast.harriet)
    refused(
        participant_withdraw,
        svc.PARTICIPANT_NOT_ENROLLED.format(name="Pat Participant"),
        reason="again",
        **kwargs,
    )


def test_people_are_found_by_their_main_contact_email_in_any_case(cast):
    assert person_by_email("  PAT@north.example ") == cast.pat.person


def test_an_unknown_email_says_so_clearly(cast):
    with pytest.raises(ValidationError) as info:
        person_by_email("nobody@nowhere.example")
    assert info.value.message_dict == {"email": [NO_PERSON_WITH_EMAIL]}
