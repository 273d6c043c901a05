"""The surveys API: templates for the national team, your own surveys, saving a section
and submitting once; 401, 403, 404 and 422 as the rest of the API."""

from __future__ import annotations

import pytest
import time_machine

from mathshubs.evaluation.surveys.models import PseudonymousResponse, SurveyCompletion
from tests.conftest import client_for
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _during():
    with time_machine.travel(sf.DURING, tick=False):
        yield


def _base(survey, activity) -> str:
    return f"/api/v1/surveys/{survey.pk}/activities/{activity.pk}"


def _put(client, url, answers, finished=True):
    return client.put(
        url, {"answers": answers, "finished": finished}, content_type="application/json"
    )


def test_templates_are_the_national_teams(cast, q):
    body = client_for(cast.nadia).get("/api/v1/surveys/templates").json()
    assert body[0]["versions"] == [
        {
            "id": q.version.pk,
            "number": 1,
            "status": "published",
            "published_at": "2023-09-01T08:00:00Z",
            "survey_count": 0,
        }
    ]
    assert client_for(cast.pat).get("/api/v1/surveys/templates").status_code == 403
    assert client_for(None).get("/api/v1/surveys/templates").status_code == 401


def test_my_surveys_and_one_with_its_questions(cast, autumn, q):
    client = client_for(cast.pat)
    mine = client.get("/api/v1/surveys/mine").json()
    assert [(s["survey_id"], s["activity_id"], s["state"], s["status"]) for s in mine] == [
        (autumn.pk, cast.activity.pk, "open", "Not started")
    ]
    detail = client.get(_base(autumn, cast.activity)).json()
    assert [s["title"] for s in detail["sections"]] == [
        "About you",
        "Your confidence",
        "More about you",
    ]
    other = detail["sections"][2]["questions"][0]
    assert other["condition"] == {
        "question_key": q.role.key,
        "operator": "equals",
        "value": "other",
    }
    assert detail["answers"] == {}
    assert "pseudonym" not in detail and detail["pseudonymous"] is True


def test_answers_are_saved_a_section_at_a_time_and_submitted_once(cast, autumn, q):
    client = client_for(cast.pat)
    base = _base(autumn, cast.activity)
    for section, given in sf.full_answers(q).items():
        answer = _put(client, f"{base}/sections/{section.pk}", given)
        assert answer.status_code == 200, answer.json()
    assert client.get(base).json()["answers"][q.years.key] == 12
    submitted = client.post(f"{base}/submit")
    assert submitted.json() == {
        "survey_id": autumn.pk,
        "activity_id": cast.activity.pk,
        "submitted_on": "2023-10-09",
    }
    again = client.post(f"{base}/submit")
    assert again.status_code == 422 and "submitted once" in again.json()["message"]
    late = _put(client, f"{base}/sections/{q.about.pk}", {q.role.key: "other", q.years.key: 1})
    assert late.status_code == 422
    assert SurveyCompletion.objects.count() == 1


def test_a_refused_answer_says_what_is_wrong_per_question(cast, autumn, q):
    answer = _put(
        client_for(cast.pat),
        f"{_base(autumn, cast.activity)}/sections/{q.about.pk}",
        {q.role.key: "head", q.years.key: 99},
    )
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert errors[q.years.key] == ["“How many years have you taught?” must be 50 or fewer"]
    assert set(errors) == {q.role.key, q.years.key}
    huge = _put(
        client_for(cast.pat),
        f"{_base(autumn, cast.activity)}/sections/{q.about.pk}",
        {q.years.key: 2**63},
    )
    assert huge.status_code == 422
    assert not PseudonymousResponse.objects.exists()


def test_another_participants_survey_and_a_closed_one_are_refused(cast, autumn, q):
    base = _base(autumn, cast.activity)
    sam = client_for(cast.sam)
    assert sam.get(base).status_code == 404
    assert _put(sam, f"{base}/sections/{q.about.pk}", {}).status_code == 404
    assert sam.post(f"{base}/submit").status_code == 404
    other = sf.questionnaire()
    pat = client_for(cast.pat)
    assert _put(pat, f"{base}/sections/{other.about.pk}", {}).status_code == 404
    with time_machine.travel(sf.AFTER, tick=False):
        closed = _put(client_for(cast.pat), f"{base}/sections/{q.about.pk}", {}, finished=False)
    assert closed.status_code == 422 and "closed" in closed.json()["message"]
