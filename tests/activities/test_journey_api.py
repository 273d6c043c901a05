"""The journey API: a school's journey, a hub's counts and "ready for" lists."""

from __future__ import annotations

from django.urls import reverse

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.catalogue.models import JourneyStage
from tests.activities.test_journey_builders import enrol, school
from tests.conftest import client_for

S = JourneyStage


def test_a_schools_journey_by_api(cast):
    url = reverse("api:institution_journey", args=[cast.north_school.urn])
    body = client_for(cast.pat).get(url).json()
    assert body["urn"] == cast.north_school.urn
    assert body["year"] == "2023/24"
    assert body["current_stage"] == {
        "stage": "mastery_readiness",
        "label": "Mastery Readiness",
        "year": "2023/24",
        "status": "enrolled",
    }
    assert body["next_step"]["stage"] == "development"
    assert body["next_step"]["also"] == []
    assert body["history"][0]["activity_title"] == "North Mastery Readiness Work Group"
    assert body["history"][0]["hub_slug"] == "north"


def test_the_journey_of_an_earlier_year_by_api(cast):
    enrol(cast.north_school, S.MASTERING_NUMBER, 2022, EnrolmentStatus.COMPLETED)
    url = reverse("api:institution_journey", args=[cast.north_school.urn]) + "?year=2022-23"
    body = client_for(cast.harriet).get(url).json()
    assert body["current_stage"]["stage"] == "mastering_number"
    assert body["mastering_number"]["stage"] == "mastering_number"
    assert body["next_step"]["stage"] == "embedding_the_impact"
    assert body["next_step"]["also"] == ["development", "mastery_readiness"]


def test_a_bad_year_is_a_422_that_says_how_to_write_it(cast):
    url = reverse("api:institution_journey", args=[cast.north_school.urn]) + "?year=2023-25"
    response = client_for(cast.nadia).get(url)
    assert response.status_code == 422
    assert response.json()["message"] == "Enter the academic year like 2023/24"


def test_a_hubs_ready_list_by_api_by_slug_or_id(cast):
    done = school(cast.north, name="Birch Primary")
    enrol(done, S.DEVELOPMENT, 2022, EnrolmentStatus.COMPLETED)
    for ref in (cast.north.slug, str(cast.north.pk)):
        url = reverse("api:hub_journey", args=[ref]) + "?next=embedding&year=2023-24"
        body = client_for(cast.harriet).get(url).json()
        assert body["hub"]["slug"] == "north"
        assert (body["year"], body["next_year"], body["next"]) == (
            "2023/24",
            "2024/25",
            "embedding",
        )
        assert body["total"] == 1
        assert body["schools"][0]["urn"] == done.urn
        assert body["schools"][0]["current_stage"]["stage"] == "development"
        assert body["schools"][0]["last_activity_year"] == "2022/23"
        counts = {c["stage"]: c for c in body["counts"]}
        assert counts["mastery_readiness"]["in_progress"] == 1
        assert counts["embedding"]["ready"] == 1


def test_the_ready_list_pages_with_limit_and_offset(cast):
    for i in range(5):
        school(cast.north, name=f"Primary {i}")
    url = reverse("api:hub_journey", args=["north"]) + "?next=mastery_readiness&limit=2&offset=4"
    body = client_for(cast.nadia).get(url).json()
    assert (body["total"], body["limit"], body["offset"]) == (5, 2, 4)
    assert len(body["schools"]) == 1


def test_without_a_next_step_only_the_counts_come_back(cast):
    body = client_for(cast.nadia).get(reverse("api:hub_journey", args=["north"])).json()
    assert body["next"] is None and body["schools"] == [] and body["total"] == 0
    assert len(body["counts"]) == 9


def test_an_unknown_next_step_is_a_422_naming_the_steps(cast):
    url = reverse("api:hub_journey", args=["north"]) + "?next=lunch"
    response = client_for(cast.nadia).get(url)
    assert response.status_code == 422
    assert response.json()["message"].startswith("Choose a next step: mastery_readiness, ")
