"""The events API: tabs, an event with its confirmation deadline, confirm and cancel."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from mathshubs.accounts.services import api_token_create
from mathshubs.dates import LONDON
from mathshubs.events.services import NOT_ELIGIBLE
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cast):
    return f.EventFactory(activity=cast.activity, title="Meeting 3", capacity=1)


@time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON), tick=False)
def test_a_participant_confirms_and_the_event_moves_from_eligible_to_upcoming(cast, session):
    pat = client_for(cast.pat)
    eligible = pat.get("/api/v1/events?tab=eligible").json()
    assert [e["title"] for e in eligible] == ["Meeting 3"]
    assert eligible[0]["confirm_by"] == "2024-03-05T23:59:59Z"
    assert eligible[0]["can_still_reply"] is True
    response = pat.post(f"/api/v1/events/{session.pk}/confirm")
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    assert pat.get("/api/v1/events?tab=eligible").json() == []
    assert [e["title"] for e in pat.get("/api/v1/events?tab=upcoming").json()] == ["Meeting 3"]
    assert pat.get(f"/api/v1/events/{session.pk}").json()["confirmed"] is True


@time_machine.travel(dt.datetime(2024, 3, 6, 9, 0, tzinfo=LONDON), tick=False)
def test_a_late_confirmation_is_refused_with_the_deadline(cast, session):
    response = client_for(cast.pat).post(f"/api/v1/events/{session.pk}/confirm")
    assert response.status_code == 422
    assert response.json()["message"].startswith(
        "The deadline to confirm was Tuesday 5 March 2024 at 23:59."
    )


@time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON), tick=False)
def test_a_full_event_says_so(cast, session):
    assert client_for(cast.leo).post(f"/api/v1/events/{session.pk}/confirm").status_code == 200
    response = client_for(cast.pat).post(f"/api/v1/events/{session.pk}/confirm")
    assert response.status_code == 422 and "full" in response.json()["message"]


def test_someone_not_invited_cannot_see_or_confirm_the_event(cast, session):
    sam = client_for(cast.sam)
    assert sam.get(f"/api/v1/events/{session.pk}").status_code == 404
    assert sam.post(f"/api/v1/events/{session.pk}/confirm").status_code == 404
    assert sam.get("/api/v1/events?tab=eligible").json() == []


def test_hub_staff_see_the_event_but_cannot_confirm_a_place_they_are_not_invited_to(cast, session):
    harriet = client_for(cast.harriet)
    assert harriet.get(f"/api/v1/events/{session.pk}").status_code == 200
    response = harriet.post(f"/api/v1/events/{session.pk}/confirm")
    assert response.status_code == 403 and response.json()["message"] == NOT_ELIGIBLE


@time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON), tick=False)
def test_a_personal_token_confirms_where_a_forged_session_post_is_refused(cast, session):
    secret = api_token_create(user=cast.pat, name="calendar").secret
    strict = Client(enforce_csrf_checks=True)
    url = f"/api/v1/events/{session.pk}/confirm"
    assert strict.post(url, headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    strict.force_login(cast.leo)
    forged = strict.post(url)  # a session cookie with no CSRF token: another site's form
    assert forged.status_code == 403
    assert session.registrations.filter(person=cast.leo.person).count() == 0
