"""registration_confirm and registration_cancel: eligibility, the deadline and the places."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import Registration, RegistrationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)  # the session is on 7 March, online
LATE = dt.datetime(2024, 3, 6, 0, 0, tzinfo=LONDON)


@pytest.fixture
def session(cast):
    return f.EventFactory(activity=cast.activity, contact_email="north@hub.example")


def test_an_eligible_person_confirms_before_the_deadline(cast, session):
    registration = services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.confirmed_at == BEFORE


def test_it_refuses_someone_not_eligible(cast, session):
    with pytest.raises(PermissionDenied, match="not invited"):
        services.registration_confirm(event=session, person=cast.sam.person, now=BEFORE)
    assert not Registration.objects.exists()


def test_it_refuses_after_the_deadline_and_says_when_it_was_and_whom_to_contact(cast, session):
    with pytest.raises(ValidationError) as error:
        services.registration_confirm(event=session, person=cast.pat.person, now=LATE)
    assert error.value.messages == [
        "The deadline to confirm was Tuesday 5 March 2024 at 23:59. "
        "Contact north@hub.example if you still need to confirm."
    ]


def test_it_never_confirms_more_people_than_places(cast, session):
    session.capacity = 1
    session.save()
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    with pytest.raises(ValidationError, match="full"):
        services.registration_confirm(event=session, person=cast.leo.person, now=BEFORE)
    assert session.registrations.filter(status="confirmed").count() == 1


def test_confirming_twice_keeps_one_place(cast, session):
    session.capacity = 1
    session.save()
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    assert session.registrations.count() == 1


def test_a_cancelled_place_is_free_again(cast, session):
    session.capacity = 1
    session.save()
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    cancelled = services.registration_cancel(event=session, person=cast.pat.person, now=BEFORE)
    assert cancelled.status == RegistrationStatus.CANCELLED
    services.registration_confirm(event=session, person=cast.leo.person, now=BEFORE)


def test_cancelling_also_closes_at_the_deadline(cast, session):
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    with pytest.raises(ValidationError, match="The deadline to cancel was Tuesday 5 March"):
        services.registration_cancel(event=session, person=cast.pat.person, now=LATE)


def test_cancelling_without_a_confirmation_says_so(cast, session):
    with pytest.raises(ValidationError, match="not confirmed"):
        services.registration_cancel(event=session, person=cast.pat.person, now=BEFORE)
