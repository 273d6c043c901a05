"""The demo's events: sessions for every activity, national workshops and network events,
registrations only for eligible people and within places, attendance once past, and events
in every tab for each sign-in (ISSUE 5, item 11)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
import time_machine
from django.db.models import Count, F, Q
from django.utils import timezone

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.dates import LONDON
from mathshubs.demo.builder import (
    HUB_EMAIL,
    LLME_EMAIL,
    NATIONAL_EMAIL,
    PARTICIPANT_EMAIL,
    demo_build,
)
from mathshubs.demo.events import network_events
from mathshubs.directory.models import Person
from mathshubs.events.models import (
    AttendanceSource,
    Event,
    EventFormat,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.rules import confirmation_open
from mathshubs.events.selectors import events_tab

pytestmark = pytest.mark.django_db

SIGN_INS = (NATIONAL_EMAIL, HUB_EMAIL, LLME_EMAIL, PARTICIPANT_EMAIL)
BUILT = dt.datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)


def _quiet(_line: str) -> None:
    pass


@pytest.fixture
def small(db):
    with time_machine.travel(BUILT, tick=False):
        return demo_build(scale="small", seed=1, say=_quiet)


def test_every_activity_of_both_years_has_sessions_and_each_ncp_its_national_workshops(small):
    activities = Activity.objects.filter(academic_year__in=(2022, 2023))
    assert activities.exists()
    assert not activities.filter(events__isnull=True).exists()
    sessions = Event.objects.filter(kind=EventKind.SESSION)
    assert not sessions.filter(activity__isnull=True).exists()
    assert not sessions.exclude(hub_id=F("activity__hub_id")).exists()
    # Work Groups mostly online; programme days face to face, with a venue.
    work_groups = sessions.filter(activity__activity_type="work_group")
    assert work_groups.filter(format=EventFormat.ONLINE).count() > work_groups.count() / 2
    days = sessions.filter(activity__activity_type="programme")
    assert days.exists() and not days.exclude(format=EventFormat.FACE_TO_FACE).exists()
    assert not days.filter(venue="").exists()
    online = Event.objects.filter(format=EventFormat.ONLINE)
    assert not online.exclude(meeting_url__startswith="https://zoom.example/j/").exists()
    assert not online.exclude(minimum_minutes=45).exists()
    assert not online.filter(capacity__isnull=False).exists()
    assert not online.exclude(venue="", address="").exists()  # a link, not a place
    assert not Event.objects.filter(format=EventFormat.FACE_TO_FACE, capacity=None).exists()
    led_ncps = set(activities.exclude(ncp=None).values_list("ncp_id", flat=True))
    workshops = Event.objects.filter(kind=EventKind.NATIONAL_WORKSHOP, activity=None)
    assert led_ncps <= set(workshops.values_list("ncp_id", flat=True))
    assert Event.objects.filter(title__startswith="RIWG Influence Event").count() >= 6
    # The organisers of a session are its activity's leads; its contact is the hub.
    session = sessions.select_related("activity", "hub").first()
    assert set(session.organisers.all()) == set(session.activity.leads.all())
    assert session.contact_email == session.hub.email


def _eligible_sets():
    leads, takes_part, ncp_leads = defaultdict(set), defaultdict(set), defaultdict(set)
    for activity_id, person_id, ncp_id in Activity.leads.through.objects.values_list(
        "activity_id", "person_id", "activity__ncp_id"
    ):
        leads[activity_id].add(person_id)
        ncp_leads[ncp_id].add(person_id)
    for activity_id, person_id in Participation.objects.exclude(
        status=EnrolmentStatus.WITHDRAWN
    ).values_list("activity_id", "person_id"):
        takes_part[activity_id].add(person_id)
    invited = set(Invitation.objects.values_list("event_id", "person_id"))
    return leads, takes_part, ncp_leads, invited


def test_registrations_are_only_for_people_eligible_for_the_event(small):
    leads, takes_part, ncp_leads, invited = _eligible_sets()
    rows = Registration.objects.values_list(
        "event_id", "person_id", "event__activity_id", "event__ncp_id"
    )
    assert len(rows) > 1000
    for event_id, person_id, activity_id, ncp_id in rows:
        if activity_id is not None:
            eligible = person_id in leads[activity_id] | takes_part[activity_id]
        else:
            eligible = (event_id, person_id) in invited or person_id in ncp_leads.get(ncp_id, ())
        assert eligible, (event_id, person_id)


def test_no_event_has_more_confirmed_places_than_it_has_and_some_people_wait(small):
    counted = Event.objects.filter(capacity__isnull=False).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    assert not counted.filter(confirmed__gt=F("capacity")).exists()
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING)
    assert waiting.exists()
    full = counted.filter(pk__in=waiting.values("event_id"))
    assert not full.exclude(confirmed=F("capacity")).exists()  # only full events have a queue
    assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).exists()


def test_past_events_have_attendance_and_confirmed_online_places_a_link_token(small):
    past = Registration.objects.filter(
        event__starts_at__lt=BUILT, status=RegistrationStatus.CONFIRMED
    )
    assert past.count() > 1000
    assert not past.filter(attended__isnull=True).exists()
    assert past.filter(attended=True).count() > 0.85 * past.count()
    online = past.filter(event__format=EventFormat.ONLINE)
    assert not online.exclude(attendance_source=AttendanceSource.REPORT).exists()
    assert not online.filter(minutes_attended__isnull=True).exists()
    assert not online.filter(attended=True, minutes_attended__lt=45).exists()
    face = past.filter(event__format=EventFormat.FACE_TO_FACE)
    assert not face.exclude(attendance_source=AttendanceSource.REGISTER).exists()
    # Past requirements were erased, as the scheduled task would have.
    assert not face.exclude(dietary_requirements="", access_requirements="").exists()
    confirmed_online = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, event__format=EventFormat.ONLINE
    )
    tokens = list(confirmed_online.values_list("link_token", flat=True))
    assert "" not in tokens and len(set(tokens)) == len(tokens)
    future = Registration.objects.filter(event__starts_at__gt=BUILT)
    assert not future.filter(attended__isnull=False).exists()
    assert future.exclude(dietary_requirements="").exists()


@pytest.mark.parametrize("email", SIGN_INS)
def test_each_sign_in_has_events_to_confirm_to_come_and_past(small, email):
    person = Person.objects.get(email=email)
    now = BUILT + dt.timedelta(days=1)
    tabs = {}
    for tab in ("eligible", "upcoming", "past"):
        tabs[tab] = list(events_tab(person=person, tab=tab, now=now))
        assert tabs[tab], f"{email} has no {tab} events"
    assert any(confirmation_open(event, now) for event in tabs["eligible"])


def test_the_participant_has_confirmed_a_face_to_face_session_with_a_requirement(small):
    pat = Person.objects.get(email=PARTICIPANT_EMAIL)
    mine = Registration.objects.filter(
        person=pat, event__starts_at__gt=BUILT, status=RegistrationStatus.CONFIRMED
    )
    assert mine.filter(event__format=EventFormat.FACE_TO_FACE, dietary_requirements="Vegetarian")


def test_network_events_count_national_and_regional_events_but_not_a_hubs_own(small):
    year = (dt.datetime(2022, 9, 1, tzinfo=LONDON), dt.datetime(2023, 9, 1, tzinfo=LONDON))
    of_2022 = Event.objects.filter(starts_at__gte=year[0], starts_at__lt=year[1])
    national = of_2022.filter(activity=None, hub=None)
    assert network_events(2022) == national.count() > 0
    assert national.exclude(kind=EventKind.SESSION).count() == national.count()
    local = of_2022.filter(kind=EventKind.NETWORK_EVENT, hub__isnull=False)
    assert local.exists()  # each hub's LLME Community meetings, not counted
    assert small.events is not None and small.events.network_2022 == network_events(2022)


def test_the_events_are_the_same_for_the_same_seed(small):
    def snapshot():
        events = Event.objects.order_by("starts_at", "title", "pk")
        return (
            list(events.values_list("title", "starts_at", "format", "capacity", "venue")),
            sorted(Registration.objects.values_list("event__title", "person__email", "status")),
        )

    first = snapshot()
    with time_machine.travel(BUILT, tick=False):
        demo_build(scale="small", seed=1, say=_quiet)
    assert snapshot() == first


def test_events_after_the_build_date_have_no_attendance_yet(db):
    built = dt.datetime(2024, 1, 15, 9, 0, tzinfo=LONDON)
    with time_machine.travel(built, tick=False):
        demo_build(scale="small", seed=1, say=_quiet)
    later = Registration.objects.filter(event__starts_at__gt=built)
    assert later.exists() and not later.filter(attended__isnull=False).exists()
    earlier = later.model.objects.filter(
        event__starts_at__lt=built, status=RegistrationStatus.CONFIRMED
    )
    assert earlier.exists() and not earlier.filter(attended__isnull=True).exists()
    assert timezone.now() > built
