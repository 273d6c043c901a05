"""Calendars (ISSUE 5, part 9): an event's .ics for whoever may see the event, and a
personal feed at a secret, revocable address listing that person's confirmed events."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import time_machine
from django.urls import reverse

from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import CalendarFeed, EventFormat, EventKind, RegistrationStatus
from mathshubs.events.services.calendar import (
    calendar_feed_create,
    calendar_feed_events,
    calendar_feed_revoke,
)
from mathshubs.events.views.calendar import FEED_CREATED, FEED_REVOKED
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture
def face_to_face(cast):
    return f.EventFactory(
        activity=cast.activity,
        title="Work Group day 2",
        format=EventFormat.FACE_TO_FACE,
        venue="North Primary",
        address="1 School Lane\nNorthtown NT1 1AA",
        meeting_url="https://zoom.example/j/SECRET",
        # Summer time: 9:30 in London is 8:30 UTC.
        starts_at=dt.datetime(2024, 6, 20, 9, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2024, 6, 20, 15, 0, tzinfo=LONDON),
    )


def _events(body: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


# -- one event's .ics --------------------------------------------------------------------


def test_an_event_ics_parses_with_its_london_start_and_where_it_is(cast, face_to_face):
    services.registration_confirm(event=face_to_face, person=cast.pat.person, now=BEFORE)
    services.requirements_save(
        event=face_to_face, person=cast.pat.person, dietary="NUT-ALLERGY", access="", other=""
    )
    response = client_for(cast.pat).get(reverse("events:ics", args=[face_to_face.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    [vevent] = _events(response.content)
    start = vevent.decoded("dtstart")
    assert start == dt.datetime(2024, 6, 20, 9, 30, tzinfo=LONDON)
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert str(start.tzinfo) == "Europe/London"
    assert vevent["dtstart"].params["TZID"] == "Europe/London"
    assert vevent.decoded("dtend") == dt.datetime(2024, 6, 20, 15, 0, tzinfo=LONDON)
    assert str(vevent["summary"]) == f"{cast.activity.title}: Work Group day 2"
    assert str(vevent["location"]) == "North Primary, 1 School Lane, Northtown NT1 1AA"
    assert str(vevent["url"]).endswith(f"/events/{face_to_face.pk}/")
    assert str(vevent["status"]) == "CONFIRMED"
    assert b"BEGIN:VTIMEZONE" in response.content
    for secret in (b"zoom.example", b"NUT-ALLERGY"):
        assert secret not in response.content


def test_a_cancelled_event_is_cancelled_in_its_ics(cast):
    event = f.EventFactory(activity=cast.activity, cancelled_at=BEFORE)
    response = client_for(cast.leo).get(reverse("events:ics", args=[event.pk]))
    [vevent] = _events(response.content)
    assert str(vevent["status"]) == "CANCELLED"
    assert str(vevent["location"]) == "Online"


def test_an_online_event_ics_has_no_join_link(cast):
    event = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    registration = services.registration_confirm(event=event, person=cast.pat.person, now=BEFORE)
    response = client_for(cast.pat).get(reverse("events:ics", args=[event.pk]))
    assert b"zoom.example" not in response.content
    assert registration.link_token.encode() not in response.content
    assert b"Connect" in response.content


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("nadia", 200),
        ("harriet", 200),
        ("leo", 200),
        ("pat", 200),
        ("sam", 404),
        ("simon", 404),
    ],
)
def test_an_event_ics_only_for_whoever_may_see_the_event(cast, persona, status):
    event = f.EventFactory(activity=cast.activity)
    user = None if persona == "anonymous" else getattr(cast, persona)
    assert client_for(user).get(reverse("events:ics", args=[event.pk])).status_code == status


# -- the feed ----------------------------------------------------------------------------


@pytest.fixture
def pats_events(cast):
    """Pat confirmed a session next week and one 60 days ago; cancelled one; eligible for
    another; Leo confirmed a workshop Pat is not in; an old event 100 days ago."""
    now = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)

    def event(days: float, **extra):
        start = now + dt.timedelta(days=days)
        return f.EventFactory(
            activity=cast.activity,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            **extra,
        )

    soon, recent, old = event(7, title="Soon"), event(-60, title="Recent"), event(-100)
    cancelled, eligible = event(14, title="Cancelled by Pat"), event(21, title="Eligible")
    workshop = f.EventFactory(
        activity=None, hub=None, ncp=cast.mastery_readiness, kind=EventKind.NATIONAL_WORKSHOP
    )
    for confirmed in (soon, recent, old, cancelled):
        f_registration(confirmed, cast.pat.person, RegistrationStatus.CONFIRMED)
    f_registration(cancelled, cast.pat.person, RegistrationStatus.CANCELLED)
    f_registration(workshop, cast.leo.person, RegistrationStatus.CONFIRMED)
    f_registration(eligible, cast.leo.person, RegistrationStatus.WAITING)
    return now, {"soon": soon, "recent": recent, "eligible": eligible, "workshop": workshop}


def f_registration(event, person, status):
    from mathshubs.events.models import Registration

    Registration.objects.update_or_create(event=event, person=person, defaults={"status": status})


def test_the_feed_lists_only_that_persons_confirmed_events_of_the_last_90_days_on(
    cast, pats_events
):
    now, _ = pats_events
    feed = calendar_feed_create(person=cast.pat.person)
    with time_machine.travel(now, tick=False):
        response = client_for(None).get(reverse("events:feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    titles = [str(vevent["summary"]) for vevent in _events(response.content)]
    assert titles == [f"{cast.activity.title}: Recent", f"{cast.activity.title}: Soon"]


def test_the_feed_takes_a_constant_number_of_queries(cast, pats_events, django_assert_num_queries):
    now, _ = pats_events
    feed = calendar_feed_create(person=cast.pat.person)
    for n in range(10):
        start = now + dt.timedelta(days=n + 1)
        event = f.EventFactory(
            activity=cast.activity, starts_at=start, ends_at=start + dt.timedelta(hours=1)
        )
        f_registration(event, cast.pat.person, RegistrationStatus.CONFIRMED)
    with django_assert_num_queries(2):
        body = calendar_feed_events(token=feed.token, now=now)
        assert len(list(body)) == 12


def test_a_revoked_feed_is_gone_and_a_new_one_has_a_new_address(cast):
    first = calendar_feed_create(person=cast.pat.person)
    assert calendar_feed_create(person=cast.pat.person).token == first.token
    assert calendar_feed_revoke(person=cast.pat.person) is True
    assert client_for(None).get(reverse("events:feed", args=[first.token])).status_code == 404
    second = calendar_feed_create(person=cast.pat.person)
    assert second.token != first.token and len(second.token) >= 40
    assert client_for(None).get(reverse("events:feed", args=[second.token])).status_code == 200


def test_an_unknown_feed_address_is_404(db):
    assert client_for(None).get(reverse("events:feed", args=["nope-nope"])).status_code == 404


# -- the page ----------------------------------------------------------------------------


def test_the_calendar_page_creates_shows_and_revokes_the_address(cast):
    client = client_for(cast.pat)
    url = reverse("events:calendar")
    page = client.get(url)
    assert page.status_code == 200
    assert "Create calendar address" in page.content.decode()
    created = client.post(url, {"action": "create"}, follow=True)
    feed = CalendarFeed.objects.get(person=cast.pat.person)
    text = created.content.decode()
    assert FEED_CREATED in text
    assert reverse("events:feed", args=[feed.token]) in text
    assert "Revoke" in text
    revoked = client.post(url, {"action": "revoke"}, follow=True)
    assert FEED_REVOKED in revoked.content.decode()
    assert not CalendarFeed.objects.filter(person=cast.pat.person).exists()
    assert feed.token not in revoked.content.decode()


def test_the_calendar_page_shows_only_your_own_address(cast):
    pats = calendar_feed_create(person=cast.pat.person)
    page = client_for(cast.leo).get(reverse("events:calendar"))
    assert pats.token not in page.content.decode()
    client_for(cast.leo).post(reverse("events:calendar"), {"action": "revoke"})
    assert CalendarFeed.objects.filter(pk=pats.pk).exists()


def test_the_calendar_page_needs_sign_in(db):
    url = reverse("events:calendar")
    assert client_for(None).get(url).status_code == 302
    assert client_for(None).post(url, {"action": "create"}).status_code == 302
    assert not CalendarFeed.objects.exists()


def test_the_calendar_page_refuses_an_unknown_action(cast):
    response = client_for(cast.pat).post(reverse("events:calendar"), {"action": "delete-all"})
    assert response.status_code == 400


def test_the_feed_answers_a_head_request(cast):
    feed = calendar_feed_create(person=cast.pat.person)
    assert client_for(None).head(reverse("events:feed", args=[feed.token])).status_code == 200
