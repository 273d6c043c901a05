"""school_withdraw, school_complete, activity_complete: rows are kept, with dates and reasons,
and a school's participants follow it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from mathshubs.activities.models import ActivitySchool, EnrolmentStatus, Participation
from mathshubs.activities.services import _common as common
from mathshubs.activities.services import (
    activity_complete,
    school_complete,
    school_withdraw,
)
from mathshubs.activities.services import schools as svc
from tests import factories as f
from tests.activities.helpers import refused

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_in_2024"),
]


@pytest.fixture
def _in_2024():
    with time_machine.travel(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def pat_in(cast) -> Participation:
    return Participation.objects.get(activity=cast.activity, person=cast.pat.person)


def test_a_withdrawal_keeps_the_row_with_its_date_and_reason(cast):
    school_withdraw(
        enrolment=cast.enrolment,
        on=dt.date(2024, 2, 9),
        reason="  The maths lead left  ",
        by=cast.harriet,
    )
    row = ActivitySchool.objects.get(pk=cast.enrolment.pk)
    assert row.status == EnrolmentStatus.WITHDRAWN
    assert (row.withdrawn_on, row.withdrawal_reason) == (dt.date(2024, 2, 9), "The maths lead left")
    assert row.enrolled_on == dt.date(2023, 9, 15)


def test_a_withdrawn_school_takes_its_participants_with_it(cast):
    school_withdraw(
        enrolment=cast.enrolment, on=dt.date(2024, 2, 9), reason="Closed", by=cast.harriet
    )
    pat = pat_in(cast)
    assert (pat.status, pat.withdrawn_on, pat.withdrawal_reason) == (
        EnrolmentStatus.WITHDRAWN,
        dt.date(2024, 2, 9),
        "Closed",
    )


def test_a_withdrawal_needs_a_reason(cast):
    refused(
        school_withdraw,
        common.REASON_REQUIRED,
        "reason",
        enrolment=cast.enrolment,
        on=dt.date(2024, 2, 9),
        reason="   ",
        by=cast.harriet,
    )


def test_a_withdrawal_cannot_come_before_the_school_joined(cast):
    refused(
        school_withdraw,
        common.DATE_BEFORE_ENROLMENT.format(date="15 September 2023"),
        "on",
        enrolment=cast.enrolment,
        on=dt.date(2023, 9, 1),
        reason="Never started",
        by=cast.harriet,
    )


def test_a_withdrawal_cannot_be_in_the_future(cast):
    refused(
        school_withdraw,
        common.DATE_IN_FUTURE,
        "on",
        enrolment=cast.enrolment,
        on=dt.date(2024, 3, 2),
        reason="Later",
        by=cast.harriet,
    )


def test_only_an_enrolled_school_withdraws(cast):
    school_withdraw(enrolment=cast.enrolment, on=dt.date(2024, 2, 9), reason="x", by=cast.harriet)
    refused(
        school_withdraw,
        svc.NOT_ENROLLED_TO_WITHDRAW.format(school="North Primary"),
        enrolment=cast.enrolment,
        on=dt.date(2024, 2, 10),
        reason="again",
        by=cast.harriet,
    )


def test_a_school_completes_with_its_participants(cast):
    school_complete(enrolment=cast.enrolment, on=dt.date(2024, 2, 28), by=cast.harriet)
    row = ActivitySchool.objects.get(pk=cast.enrolment.pk)
    assert (row.status, row.completed_on) == (EnrolmentStatus.COMPLETED, dt.date(2024, 2, 28))
    assert pat_in(cast).status == EnrolmentStatus.COMPLETED


def test_a_withdrawn_school_cannot_complete(cast):
    school_withdraw(enrolment=cast.enrolment, on=dt.date(2024, 2, 9), reason="x", by=cast.harriet)
    refused(
        school_complete,
        svc.NOT_ENROLLED_TO_COMPLETE.format(school="North Primary"),
        enrolment=cast.enrolment,
        on=dt.date(2024, 2, 28),
        by=cast.harriet,
    )


def test_completing_the_activity_completes_every_enrolled_school_and_leaves_withdrawals(cast):
    second = f.ActivitySchoolFactory(activity=cast.activity)
    gone = f.ActivitySchoolFactory(activity=cast.activity)
    school_withdraw(enrolment=gone, on=dt.date(2024, 1, 9), reason="Merged", by=cast.harriet)
    count = activity_complete(activity=cast.activity, on=dt.date(2024, 2, 28), by=cast.harriet)
    assert count == 2
    statuses = dict(cast.activity.schools.values_list("pk", "status"))
    assert statuses == {
        cast.enrolment.pk: EnrolmentStatus.COMPLETED,
        second.pk: EnrolmentStatus.COMPLETED,
        gone.pk: EnrolmentStatus.WITHDRAWN,
    }


def test_completing_an_activity_with_no_enrolled_school_is_refused(cast):
    empty = f.ActivityFactory(hub=cast.north)
    refused(
        activity_complete,
        svc.NO_SCHOOLS_TO_COMPLETE,
        activity=empty,
        on=dt.date(2024, 2, 28),
        by=cast.harriet,
    )


def test_completing_the_activity_is_all_or_nothing(cast):
    late = f.ActivitySchoolFactory(activity=cast.activity, enrolled_on=dt.date(2024, 2, 20))
    refused(
        activity_complete,
        "{}: {}".format(
            late.institution.name, common.DATE_BEFORE_ENROLMENT.format(date="20 February 2024")
        ),
        "on",
        activity=cast.activity,
        on=dt.date(2024, 2, 10),
        by=cast.harriet,
    )
    assert not cast.activity.schools.filter(status=EnrolmentStatus.COMPLETED).exists()
