"""The organisers' API: create an activity's event or a national event, change, cancel,
invite; 404 for strangers, 403 for those who see but do not organise, 422 with reasons."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine

from mathshubs.accounts.services import api_token_create
from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import Event, Invitation
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 2, 1, 9, 0, tzinfo=LONDON)
NEW = {
    "title": "Meeting 5",
    "starts_at": "2024-03-21T16:00:00+00:00",
    "ends_at": "2024-03-21T17:30:00+00:00",
    "format": "online",
    "meeting_url": "https://zoom.example/j/5",
    "capacity": 25,
}


@pytest.fixture
def session(cast):
    return f.EventFactory(activity=cast.activity, title="Meeting 3", capacity=20)


def post(user, path, body):
    return client_for(user).post(path, json.dumps(body), content_type="application/json")


def patch(user, path, body):
    return client_for(user).patch(path, json.dumps(body), content_type="application/json")


def test_a_lead_creates_an_event_for_his_activity(cast):
    response = post(cast.leo, f"/api/v1/activities/{cast.activity.pk}/events", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["hub"], body["kind"], body["capacity"]) == ("north", "session", 25)
    assert body["organiser_ids"] == [cast.leo.person.pk]


@pytest.mark.parametrize(("who", "status"), [("pat", 403), ("sam", 404), ("simon", 404)])
def test_others_cannot_create_an_activitys_event(cast, who, status):
    response = post(getattr(cast, who), f"/api/v1/activities/{cast.activity.pk}/events", NEW)
    assert response.status_code == status
    assert not Event.objects.exists()


def test_anonymous_requests_are_refused(cast, session):
    assert post(None, f"/api/v1/activities/{cast.activity.pk}/events", NEW).status_code == 401
    assert patch(None, f"/api/v1/events/{session.pk}", {"title": "x"}).status_code == 401


def test_a_refused_event_lists_what_is_wrong_by_field(cast):
    body = {**NEW, "format": "face_to_face", "capacity": 0}
    response = post(cast.harriet, f"/api/v1/activities/{cast.activity.pk}/events", body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"venue", "address", "meeting_url", "capacity"}


def test_the_national_team_creates_a_national_workshop(cast):
    body = {**NEW, "kind": "national_workshop", "ncp_code": cast.mastery_readiness.code}
    response = post(cast.nadia, "/api/v1/events", body)
    assert response.status_code == 201, response.content
    assert response.json()["ncp_code"] == cast.mastery_readiness.code
    assert response.json()["hub"] is None


def test_a_national_workshop_of_an_unknown_project_is_refused(cast):
    body = {**NEW, "kind": "national_workshop", "ncp_code": "NCP99-99"}
    response = post(cast.nadia, "/api/v1/events", body)
    assert response.status_code == 422 and "NCP99-99" in response.json()["message"]


@pytest.mark.parametrize("who", ["harriet", "leo", "pat", "simon"])
def test_only_the_national_team_creates_national_events(cast, who):
    response = post(getattr(cast, who), "/api/v1/events", {**NEW, "kind": "webinar"})
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_the_participant_api_still_lists_events_on_the_same_path(cast, session):
    assert client_for(cast.pat).get("/api/v1/events?tab=past").status_code == 200
    assert client_for(cast.pat).get(f"/api/v1/events/{session.pk}").status_code == 200


def test_a_patch_changes_only_what_is_sent_and_says_what_changed(cast, session):
    response = patch(
        cast.leo,
        f"/api/v1/events/{session.pk}",
        {"starts_at": "2024-03-07T17:00:00+00:00", "ends_at": "2024-03-07T18:00:00+00:00"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["changes"] == [
        "Date and time: Thursday 7 March 2024, 5pm to 6pm (was Thursday 7 March 2024, "
        "4pm to 5:30pm)"
    ]
    assert (body["title"], body["capacity"]) == ("Meeting 3", 20)


def test_a_time_without_an_offset_is_london_time(cast):
    body = {**NEW, "starts_at": "2024-07-04T09:30:00", "ends_at": "2024-07-04T12:00:00"}
    response = post(cast.leo, f"/api/v1/activities/{cast.activity.pk}/events", body)
    assert response.status_code == 201
    starts_at = dt.datetime.fromisoformat(response.json()["starts_at"])
    assert starts_at == dt.datetime(2024, 7, 4, 8, 30, tzinfo=dt.UTC)


def test_a_patch_may_not_lower_places_below_those_taken(cast, session):
    for user in (cast.pat, cast.leo):
        services.registration_confirm(event=session, person=user.person, now=BEFORE)
    response = patch(cast.harriet, f"/api/v1/events/{session.pk}", {"capacity": 1})
    assert response.status_code == 422
    assert response.json()["errors"]["capacity"][0].startswith("2 places are already taken")


@pytest.mark.parametrize(
    ("who", "status"), [("pat", 403), ("nadia", 403), ("sam", 404), ("simon", 404)]
)
def test_only_organisers_change_cancel_or_invite(cast, session, who, status):
    user = getattr(cast, who)
    assert patch(user, f"/api/v1/events/{session.pk}", {"title": "x"}).status_code == status
    cancel = post(user, f"/api/v1/events/{session.pk}/cancel-event", {"reason": "x"})
    assert cancel.status_code == status
    invite = post(user, f"/api/v1/events/{session.pk}/invitations", {"emails": ["a@b.org"]})
    assert invite.status_code == status
    session.refresh_from_db()
    assert session.title == "Meeting 3" and session.cancelled_at is None


@time_machine.travel(BEFORE, tick=False)
def test_an_organiser_cancels_with_a_reason(cast, session):
    path = f"/api/v1/events/{session.pk}/cancel-event"
    assert post(cast.harriet, path, {"reason": " "}).status_code == 422
    response = post(cast.harriet, path, {"reason": "Snow"})
    assert response.status_code == 200 and response.json()["cancelled"] is True
    assert post(cast.harriet, path, {"reason": "Snow"}).status_code == 422


def test_inviting_lists_unknown_emails_and_invites_no_one(cast, session):
    path = f"/api/v1/events/{session.pk}/invitations"
    emails = ["sam@south.example", "ghost@x.org", "nobody@y.org"]
    response = post(cast.leo, path, {"emails": emails})
    assert response.status_code == 422
    assert response.json()["unknown_emails"] == ["ghost@x.org", "nobody@y.org"]
    assert not Invitation.objects.exists()
    done = post(cast.leo, path, {"emails": ["Sam@South.example", "pat@north.example"]})
    assert done.json() == {"added": 1, "already_invited": 1, "message": done.json()["message"]}


def test_a_personal_token_creates_an_event(cast):
    secret = api_token_create(user=cast.leo, name="scripts").secret
    response = client_for(None).post(
        f"/api/v1/activities/{cast.activity.pk}/events",
        json.dumps(NEW),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 201
