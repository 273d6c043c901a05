"""Who may attend an event, and the Events menu's Eligible, Upcoming and Past tabs."""

from __future__ import annotations

import datetime as dt

import pytest

from mathshubs.dates import LONDON
from mathshubs.events.models import EventKind, Invitation, Registration
from mathshubs.events.selectors import events_tab, is_eligible
from tests import factories as f

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2024, 2, 1, 9, 0, tzinfo=LONDON)


def tab(person, name):
    return {event.title for event in events_tab(person=person, tab=name, now=NOW)}


def test_participants_and_leads_of_the_activity_are_eligible_and_others_are_not(cast):
    event = f.EventFactory(activity=cast.activity, title="Session 1")
    assert is_eligible(person=cast.pat.person, event=event)
    assert is_eligible(person=cast.leo.person, event=event)
    assert not is_eligible(person=cast.sam.person, event=event)
    assert not is_eligible(person=cast.harriet.person, event=event)


def test_a_withdrawn_participant_is_no_longer_eligible(cast):
    event = f.EventFactory(activity=cast.activity)
    cast.activity.participations.update(status="withdrawn")
    assert not is_eligible(person=cast.pat.person, event=event)


def test_a_national_workshop_is_for_the_leads_of_its_ncps_activities(cast):
    workshop = f.EventFactory(
        activity=None, ncp=cast.mastery_readiness, kind=EventKind.NATIONAL_WORKSHOP
    )
    assert is_eligible(person=cast.leo.person, event=workshop)
    assert not is_eligible(person=cast.pat.person, event=workshop)


def test_an_invitation_makes_anyone_eligible(cast):
    event = f.EventFactory(activity=None, title="Influence Event")
    Invitation.objects.create(event=event, person=cast.sam.person)
    assert is_eligible(person=cast.sam.person, event=event)


def test_the_tabs_split_eligible_upcoming_and_past(cast):
    later = dt.datetime(2024, 3, 7, 16, 0, tzinfo=LONDON)
    earlier = dt.datetime(2024, 1, 11, 16, 0, tzinfo=LONDON)
    f.EventFactory(activity=cast.activity, title="To confirm", starts_at=later)
    confirmed = f.EventFactory(activity=cast.activity, title="Confirmed", starts_at=later)
    f.EventFactory(activity=cast.activity, title="Gone", starts_at=earlier)
    f.EventFactory(activity=cast.activity, title="Called off", starts_at=later, cancelled_at=NOW)
    Registration.objects.create(event=confirmed, person=cast.pat.person, status="confirmed")
    assert tab(cast.pat.person, "eligible") == {"To confirm"}
    assert tab(cast.pat.person, "upcoming") == {"Confirmed"}
    assert tab(cast.pat.person, "past") == {"Gone"}
    assert tab(cast.sam.person, "eligible") == set()


def test_a_tab_is_one_query_however_many_events(cast, django_assert_num_queries):
    for _ in range(20):
        f.EventFactory(activity=cast.activity, starts_at=dt.datetime(2024, 3, 7, tzinfo=LONDON))
    with django_assert_num_queries(1):
        assert len(list(events_tab(person=cast.pat.person, tab="eligible", now=NOW))) == 20
