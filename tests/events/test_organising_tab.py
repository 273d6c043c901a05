"""The Events page's Organising tab: the events a person organises, by the same rule as
`rules.organises_event`, for the people who may organise at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mathshubs.events.models import EventFormat, Registration, RegistrationStatus
from mathshubs.events.rules import organises_event
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("events:list") + "?tab=organising"


def _soon(days: int = 20) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


@pytest.fixture
def events(cast):
    north = f.EventFactory(activity=cast.activity, title="North session", starts_at=_soon())
    south_activity = f.ActivityFactory(hub=cast.south)
    south = f.EventFactory(activity=south_activity, title="South session", starts_at=_soon())
    national = f.EventFactory(activity=None, hub=None, title="National webinar", starts_at=_soon())
    old = f.EventFactory(activity=cast.activity, title="Last year's session", starts_at=_soon(-200))
    return {"north": north, "south": south, "national": national, "old": old}


@pytest.mark.parametrize(
    ("persona", "listed"),
    [
        ("nadia", {"National webinar"}),
        ("harriet", {"North session"}),
        ("leo", {"North session"}),
        ("simon", {"South session"}),
    ],
)
def test_the_tab_lists_exactly_the_events_the_rule_says_they_organise(
    cast, events, persona, listed
):
    user = getattr(cast, persona)
    html = client_for(user).get(URL).content.decode()
    shown = {e.title for e in events.values() if e.title in html}
    assert shown == listed
    ruled = {e.title for e in events.values() if organises_event(user, e) and e != events["old"]}
    assert shown == ruled  # one rule, as a filter and as a predicate


def test_participants_have_no_organising_tab_and_the_address_shows_their_eligible_events(
    cast, events
):
    response = client_for(cast.pat).get(URL)
    html = response.content.decode()
    assert "?tab=organising" not in html
    assert "North session" in html  # Pat's Eligible tab, not the organisers' list
    assert response.context["tab"] == "eligible"


def test_the_tab_counts_confirmed_places_in_the_same_number_of_queries(cast, events):
    client = client_for(cast.harriet)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(25):
        event = f.EventFactory(
            activity=cast.activity,
            starts_at=_soon(30 + n),
            format=EventFormat.FACE_TO_FACE,
            capacity=30,
        )
        Registration.objects.create(
            event=event, person=cast.pat.person, status=RegistrationStatus.CONFIRMED
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL).content.decode()
    assert len(many) == len(few)
    assert "1 of 30" in html
