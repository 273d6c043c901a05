"""The Events menu answers in a fixed number of queries, however many events a person has
(ISSUE 5, "Speed"): the API's tabs and the Events page, with 3 events in each tab, then 30
(of four sorts: online and face-to-face sessions, national workshops, network events)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mathshubs.dates import LONDON
from mathshubs.events.models import (
    EventFormat,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)
TABS = ("eligible", "upcoming", "past")


def _events(cast, first: int, last: int) -> None:
    """Events `first` to `last` - 1 in each of Pat's tabs, of four sorts in turn: sessions of
    Pat's Work Group (online, face to face), a national workshop of an NCP and a network
    event Pat is invited to; to come (not replied, waiting, confirmed) and past (confirmed)."""
    pat = cast.pat.person
    ncp = f.NCPFactory(number=40 + first, title="An NCP")
    for i in range(first, last):
        sort = i % 4
        for days, status in ((20 + i, None), (25 + i, "confirmed"), (-20 - i, "confirmed")):
            when = NOW + dt.timedelta(days=days)
            if sort == 0:
                event = f.EventFactory(activity=cast.activity, starts_at=when)
            elif sort == 1:
                event = f.EventFactory(
                    activity=cast.activity,
                    starts_at=when,
                    format=EventFormat.FACE_TO_FACE,
                    venue="North Primary",
                    capacity=20,
                )
            else:
                kind = EventKind.NATIONAL_WORKSHOP if sort == 2 else EventKind.NETWORK_EVENT
                event = f.EventFactory(
                    activity=None,
                    hub=None if sort == 2 else cast.north,
                    ncp=ncp if sort == 2 else None,
                    kind=kind,
                    starts_at=when,
                )
                Invitation.objects.create(event=event, person=pat)
            status = status or (RegistrationStatus.WAITING if i % 3 == 0 else None)
            if status is not None:
                Registration.objects.create(event=event, person=pat, status=status)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("tab", TABS)
@time_machine.travel(NOW, tick=False)
def test_the_events_api_runs_the_same_queries_for_3_events_as_for_30(cast, tab):
    pat = client_for(cast.pat)
    url = f"/api/v1/events?tab={tab}"
    _events(cast, 0, 3)
    few = _queries(pat, url)
    assert len(pat.get(url).json()) == 3
    _events(cast, 3, 30)
    assert len(pat.get(url).json()) == 30
    assert _queries(pat, url) == few


def _listed(page: str) -> set[str]:
    """The events a page links to (/events/<id>/)."""
    return set(re.findall(r'href="/events/(\d+)/"', page))


@pytest.mark.parametrize("tab", TABS)
@time_machine.travel(NOW, tick=False)
def test_the_events_page_runs_the_same_queries_for_3_events_as_for_30(cast, tab):
    pat = client_for(cast.pat)
    url = f"{reverse('events:list')}?tab={tab}"
    _events(cast, 0, 3)
    few = _queries(pat, url)
    _events(cast, 3, 30)
    listed = _listed(pat.get(url).content.decode())
    assert len(listed) == 30
    assert _queries(pat, url) == few
