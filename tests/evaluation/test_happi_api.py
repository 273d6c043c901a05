"""The HAPPI form API (ISSUE 10, part 6): the pages' rules, by session and by personal
API token alike."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from mathshubs.accounts import services as accounts
from mathshubs.evaluation import content
from tests.conftest import client_for
from tests.evaluation.test_happi_services import PLAN, submitted_plan

pytestmark = pytest.mark.django_db


def url(cast, tail: str = "") -> str:
    return f"/api/v1/activities/{cast.activity.pk}/happi{tail}"


def send(client, method, path, body=None):
    return getattr(client, method)(path, json.dumps(body or {}), content_type="application/json")


def token_client(user) -> Client:
    secret = accounts.api_token_create(user=user, name="Evaluation").secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_lead_writes_and_submits_the_plan_with_a_personal_token(cast):
    leo = token_client(cast.leo)
    created = leo.post(url(cast))
    assert created.status_code == 201
    assert [s["status"] for s in created.json()["sections"]] == ["not_started"] * 3
    saved = send(leo, "put", url(cast, "/plan"), {"content": PLAN})
    assert saved.status_code == 200 and saved.json()["status"] == "in_progress"
    assert saved.json()["draft"]["outcomes"][1]["key"] == "o1"
    submitted = leo.post(url(cast, "/plan/submit"))
    assert submitted.status_code == 200 and submitted.json()["number"] == 1
    assert submitted.json()["content"]["methods"] == ["school_visits", "other"]


def test_an_incomplete_submission_answers_422_naming_each_field(cast):
    leo = client_for(cast.leo)
    leo.post(url(cast))
    send(leo, "put", url(cast, "/plan"), {"content": {"outcomes": [{"text": "Half"}]}})
    refused = leo.post(url(cast, "/plan/submit"))
    assert refused.status_code == 422
    assert refused.json()["errors"] == {
        "o1-evidence": [content.OUTCOME_EVIDENCE_MISSING.format(n=1)],
        "methods": [content.NO_METHODS],
    }


def test_hub_staff_return_and_accept_and_the_versions_compare(cast):
    _form, plan = submitted_plan(cast)
    harriet = token_client(cast.harriet)
    returned = send(harriet, "post", url(cast, "/plan/return"), {"comment": "Add a pupil outcome"})
    assert returned.json()["status"] == "returned" and returned.json()["draft"] is None
    leo = client_for(cast.leo)
    send(
        leo, "put", url(cast, "/plan"), {"content": {**PLAN, "other_method": "Book looks in June"}}
    )
    leo.post(url(cast, "/plan/submit"))
    accepted = send(harriet, "post", url(cast, "/plan/accept"), {})
    assert accepted.json()["status"] == "accepted"
    assert [v["review"] for v in accepted.json()["versions"]] == ["returned", "accepted"]
    changes = client_for(cast.nadia).get(url(cast, "/plan/compare?from=1&to=2")).json()
    assert changes["changes"] == [
        "Changed other data collection method: from “Book looks” to “Book looks in June”"
    ]
    version = client_for(cast.nadia).get(url(cast, "/plan/versions/1")).json()
    assert version["review_comment"] == "Add a pupil outcome"


@pytest.mark.parametrize("persona", ["pat", "sam", "simon"])
def test_a_participant_and_another_hub_get_404_for_every_operation(cast, persona):
    submitted_plan(cast)
    client = token_client(getattr(cast, persona))
    assert client.get(url(cast)).status_code == 404
    assert client.post(url(cast)).status_code == 404
    assert send(client, "put", url(cast, "/plan"), {"content": PLAN}).status_code == 404
    assert client.post(url(cast, "/plan/submit")).status_code == 404
    assert send(client, "post", url(cast, "/plan/accept"), {}).status_code == 404
    assert client.get(url(cast, "/plan/versions/1")).status_code == 404


def test_the_national_team_reads_but_neither_writes_nor_reviews(cast):
    submitted_plan(cast)
    nadia = token_client(cast.nadia)
    read = nadia.get(url(cast)).json()
    assert read["may_write"] is False and read["sections"][0]["draft"] is None
    assert send(nadia, "put", url(cast, "/progress"), {"content": {}}).status_code == 403
    assert send(nadia, "post", url(cast, "/plan/accept"), {}).status_code == 403


def test_the_list_follows_the_pages_scope(cast):
    submitted_plan(cast)
    rows = client_for(cast.harriet).get("/api/v1/happi?year=2023").json()
    assert [(r["activity_title"], r["plan_status"]) for r in rows] == [
        ("North Mastery Readiness Work Group", "submitted")
    ]
    assert client_for(cast.simon).get("/api/v1/happi?year=2023").json() == []
    assert client_for(cast.pat).get("/api/v1/happi?year=2023").status_code == 403
