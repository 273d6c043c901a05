"""The activities API: lists, one activity, participants, and every change."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine

from mathshubs.activities.models import Activity, EnrolmentStatus
from mathshubs.activities.selectors import NO_PERSON_WITH_EMAIL
from mathshubs.activities.services import schools as school_svc
from mathshubs.directory.models import Role
from tests import factories as f
from tests.conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_autumn_2023")]


@pytest.fixture
def _autumn_2023():
    with time_machine.travel(dt.datetime(2023, 10, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


def get(user, url):
    response = client_for(user).get(url)
    return response.status_code, response.json()


def post(user, url, body, method="post"):
    response = getattr(client_for(user), method)(
        url, data=json.dumps(body), content_type="application/json"
    )
    return response.status_code, response.json()


def activity_url(cast, tail=""):
    return f"/api/v1/activities/{cast.activity.pk}{tail}"


def test_the_list_has_the_activities_you_see_with_counts_for_those_you_manage(cast):
    status, body = get(cast.harriet, "/api/v1/activities?year=2023/24")
    assert status == 200 and body["total"] == 1
    item = body["items"][0]
    assert item["title"] == "North Mastery Readiness Work Group"
    assert item["academic_year"] == "2023/24" and item["ncp_code"] == "NCP23-08"
    assert (item["school_count"], item["participant_count"]) == (1, 1)
    _, pats = get(cast.pat, "/api/v1/activities")
    assert pats["items"][0]["school_count"] is None


def test_the_list_filters_by_year_and_hub(cast):
    f.ActivityFactory(hub=cast.south, academic_year=2022)
    assert get(cast.nadia, "/api/v1/activities?year=2022")[1]["total"] == 1
    assert get(cast.nadia, "/api/v1/activities?hub=south")[1]["total"] == 1
    assert get(cast.nadia, "/api/v1/activities?hub=nowhere")[0] == 404
    assert get(cast.nadia, "/api/v1/activities?year=2023/25")[0] == 422


def test_the_list_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for _ in range(25):
        f.ActivitySchoolFactory(activity=f.ActivityFactory(hub=cast.north))
    client = client_for(cast.nadia)
    with django_assert_max_num_queries(7):
        client.get("/api/v1/activities?limit=100")


def test_one_activity_has_its_schools_and_the_model_size_warning(cast):
    status, body = get(cast.harriet, activity_url(cast))
    assert status == 200
    assert body["model_size_warning"] == (
        "This Work Group has 1 school. The project's model is 5 to 8 schools."
    )
    assert body["enrolment_closes_on"] == "2023-12-31"
    school = body["schools"][0]
    assert school["urn"] == cast.north_school.urn and school["status"] == "enrolled"
    assert school["lead_participants"] == 1
    assert body["leads"] == [{"id": cast.leo.person.pk, "name": "Leo Lead"}]
    assert [p["person"]["name"] for p in body["participants"]] == ["Pat Participant"]


def test_a_participant_gets_the_activity_without_its_people(cast):
    status, body = get(cast.pat, activity_url(cast))
    assert status == 200 and body["participants"] is None
    assert body["schools"][0]["lead_participants"] is None


def test_the_participants_of_an_activity_as_far_as_you_may_see(cast):
    f.ParticipationFactory(activity=cast.activity, institution=cast.north_school)
    _, for_leo = get(cast.leo, activity_url(cast, "/participants"))
    _, for_pat = get(cast.pat, activity_url(cast, "/participants"))
    assert len(for_leo["people"]) == 2
    assert [p["person"]["name"] for p in for_pat["people"]] == ["Pat Participant"]


def test_hub_staff_run_a_project_by_api(cast):
    status, body = post(cast.harriet, "/api/v1/activities", {"hub": "north", "ncp": "ncp 23-8"})
    assert status == 201
    assert body["title"] == "North Test Mastery Readiness Work Group"
    assert body["academic_year"] == "2023/24"
    assert Activity.objects.filter(pk=body["id"], ncp=cast.mastery_readiness).exists()


def test_a_local_activity_by_api_and_its_problems_as_422(cast):
    status, body = post(
        cast.harriet,
        "/api/v1/activities",
        {"hub": "north", "year": "2023/24", "title": "RIWG", "is_riwg": True},
    )
    assert status == 422
    assert body["message"] == (
        "Enter the research question of the Research and Innovation Work Group"
    )
    assert "research_question" in body["errors"]
    body_ok = {
        "hub": "north",
        "year": "2023",
        "title": "RIWG",
        "is_riwg": True,
        "research_question": "Why?",
    }
    assert post(cast.harriet, "/api/v1/activities", body_ok)[0] == 201


def test_creating_needs_a_known_hub_and_a_known_project(cast):
    assert post(cast.nadia, "/api/v1/activities", {"hub": "nowhere", "ncp": "NCP23-08"})[0] == 404
    assert post(cast.nadia, "/api/v1/activities", {"hub": "north", "ncp": "NCP23-99"})[0] == 404


def test_enrolling_a_school_by_urn_with_criteria(cast):
    hill = f.InstitutionFactory(hub=cast.north, name="Hill Primary")
    body = {"school": {"urn": hill.urn, "criteria_met": ["not_in_tfm"]}}
    status, problem = post(cast.harriet, activity_url(cast, "/participants"), body)
    assert status == 422
    assert problem["message"] == school_svc.CRITERIA_OTHERS.format(
        school="Hill Primary", minimum=1, met=0
    )
    body["school"]["criteria_met"] = ["not_in_tfm", "la_identified"]
    status, enrolment = post(cast.harriet, activity_url(cast, "/participants"), body)
    assert status == 201 and enrolment["urn"] == hill.urn
    assert enrolment["criteria_met"] == ["la_identified", "not_in_tfm"]
    assert enrolment["enrolled_on"] == "2023-10-10"


def test_adding_a_person_by_email(cast):
    f.PersonFactory(email="t2@north.example", first_name="Tia", last_name="Two")
    body = {
        "person": {
            "email": "t2@north.example",
            "urn": cast.north_school.urn,
            "is_lead_participant": True,
        }
    }
    status, row = post(cast.harriet, activity_url(cast, "/participants"), body)
    assert status == 201 and row["person"]["name"] == "Tia Two" and row["is_lead_participant"]
    body["person"]["email"] = "nobody@north.example"
    status, problem = post(cast.harriet, activity_url(cast, "/participants"), body)
    assert (status, problem["message"]) == (422, NO_PERSON_WITH_EMAIL)


def test_either_a_school_or_a_person(cast):
    status, body = post(cast.harriet, activity_url(cast, "/participants"), {})
    assert status == 422


def test_withdrawing_and_completing_schools_by_api(cast):
    urn = cast.north_school.urn
    status, problem = post(
        cast.harriet, activity_url(cast, f"/schools/{urn}/withdraw"), {"reason": ""}
    )
    assert (status, problem["message"]) == (422, "Enter the reason for the withdrawal")
    status, row = post(
        cast.harriet,
        activity_url(cast, f"/schools/{urn}/withdraw"),
        {"reason": "Merged with another school", "on": "2023-10-09"},
    )
    assert status == 200 and row["status"] == "withdrawn" and row["withdrawn_on"] == "2023-10-09"
    other = f.ActivitySchoolFactory(activity=cast.activity)
    status, row = post(
        cast.harriet, activity_url(cast, f"/schools/{other.institution.urn}/complete"), {}
    )
    assert status == 200 and row["completed_on"] == "2023-10-10"
    assert post(cast.harriet, activity_url(cast, "/schools/1/complete"), {})[0] == 404


def test_completing_the_activity_and_withdrawing_a_person_by_api(cast):
    status, _ = post(
        cast.harriet,
        activity_url(cast, f"/participants/{cast.pat.person.pk}/withdraw"),
        {"reason": "Left"},
    )
    assert status == 200
    status, body = post(cast.harriet, activity_url(cast, "/complete"), {})
    assert status == 200 and body["schools"][0]["status"] == EnrolmentStatus.COMPLETED


def test_leads_by_api(cast):
    mia = f.PersonFactory(email="mia@north.example")
    f.RoleAssignmentFactory(person=mia, role=Role.COHORT_LEAD, hub=cast.north, academic_year=2023)
    status, body = post(cast.harriet, activity_url(cast, "/leads"), {"email": "mia@north.example"})
    assert status == 200 and len(body["leads"]) == 2
    status, body = post(cast.harriet, activity_url(cast, f"/leads/{mia.pk}"), {}, method="delete")
    assert status == 200 and len(body["leads"]) == 1


def test_api_refusals_use_the_modules_messages(cast):
    from mathshubs.activities import api as activities_api

    status, body = post(cast.simon, "/api/v1/activities", {"hub": "north", "ncp": "NCP23-08"})
    assert (status, body["message"]) == (403, activities_api.PLAN_HUB_FORBIDDEN)
    status, body = post(cast.harriet, activity_url(cast, "/participants"), {})
    assert (status, body["message"]) == (422, activities_api.ONE_OF_SCHOOL_OR_PERSON)
    status, body = get(cast.harriet, "/api/v1/activities?year=twenty")
    assert (status, body["message"]) == (422, activities_api.YEAR_NOT_VALID)
    status, body = get(cast.harriet, "/api/v1/activities?hub=nowhere")
    assert (status, body["message"]) == (404, activities_api.HUB_NOT_FOUND)


def test_withdrawing_a_person_whose_id_cannot_exist_answers_422_not_a_server_error(cast):
    # ISSUE 15: an id beyond 64 bits reached the database (OverflowError on SQLite: 500).
    url = f"/api/v1/activities/{cast.activity.pk}/participants/{10**20}/withdraw"
    body = json.dumps({"reason": "Moved school"})
    response = client_for(cast.harriet).post(url, body, content_type="application/json")
    assert response.status_code == 422
    assert "less than or equal to 9223372036854775807" in response.content.decode()
    assert cast.activity.participations.get(person=cast.pat.person).status == "enrolled"
