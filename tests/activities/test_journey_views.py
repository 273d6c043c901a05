"""The journey on the institution page and a hub's journey page, in the browser's HTML."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.catalogue.models import JourneyStage
from tests import factories as f
from tests.activities.test_journey_builders import enrol, school
from tests.conftest import client_for

S = JourneyStage


def _institution_page(cast, user):
    url = reverse("directory:institution_detail", args=[cast.north_school.urn])
    return client_for(user).get(url).content.decode()


def test_the_institution_page_shows_the_schools_journey_to_its_own_people(cast):
    html = _institution_page(cast, cast.pat)
    assert 'id="journey"' in html
    assert "Stage in 2023/24" in html
    assert "Mastery Readiness" in html and "in progress, 2023/24" in html
    assert "Next step for 2024/25" in html
    assert "<strong>Development</strong>: a Primary Teaching for Mastery Development" in html
    assert "Mastery Readiness in progress in 2023/24: next comes Development." in html
    assert "North Mastery Readiness Work Group" in html


@pytest.mark.parametrize("who", ["nadia", "harriet", "leo", "pat"])
def test_the_journey_shows_to_national_the_hubs_staff_and_the_schools_people(cast, who):
    assert 'id="journey"' in _institution_page(cast, getattr(cast, who))


@pytest.mark.parametrize("who", ["sam", "simon", None])
def test_the_journey_shows_nothing_to_anyone_else(cast, who):
    html = _institution_page(cast, getattr(cast, who) if who else None)
    assert 'id="journey"' not in html
    assert "Teaching for Mastery journey" not in html
    assert "North Mastery Readiness Work Group" not in html


def test_a_school_with_no_journey_says_so(cast):
    url = reverse("directory:institution_detail", args=[cast.south_school.urn])
    html = client_for(cast.simon).get(url).content.decode()
    assert "Not started" in html
    assert "has not taken part in a Teaching for Mastery or Mastering Number project" in html
    assert "Also ready for Mastery Readiness" in html


def _hub_page(cast, query="", user=None):
    url = reverse("journey:hub", args=[cast.north.slug]) + query
    return client_for(user or cast.harriet).get(url)


def test_the_hub_journey_page_counts_schools_by_stage(cast):
    enrol(school(cast.north), S.DEVELOPMENT, 2023, EnrolmentStatus.COMPLETED)
    response = _hub_page(cast)
    assert response.status_code == 200
    counts = {c.stage: c for c in response.context["counts"]}
    assert counts[S.MASTERY_READINESS].in_progress == 1
    assert counts[S.DEVELOPMENT].completed == 1
    html = response.content.decode()
    assert "Schools by stage in 2023/24" in html
    assert "Ready for it in 2024/25" in html


def test_the_hub_journey_page_lists_schools_ready_for_a_next_step(cast):
    done = school(cast.north, name="Birch Primary")
    enrol(done, S.DEVELOPMENT, 2022, EnrolmentStatus.COMPLETED)
    html = _hub_page(cast, "?year=2023-24&next=embedding").content.decode()
    assert "Schools ready for Embedding" in html
    assert (
        "1 school could join a Primary Teaching for Mastery Embedding Work Group in 2024/25" in html
    )
    assert "Birch Primary" in html and str(done.urn) in html
    assert "North Primary" not in html.split('id="ready-schools"')[1]


def test_the_ready_list_shows_current_stage_and_last_activity(cast):
    html = _hub_page(cast, "?next=development").content.decode()
    table = html.split('id="ready-schools"')[1]
    assert "North Primary" in table
    assert "Mastery Readiness" in table and "(2023/24, in progress)" in table
    assert "North Mastery Readiness Work Group" in table


def test_the_ready_list_is_paginated(cast):
    for i in range(55):
        school(cast.north, name=f"Primary {i:02d}")
    response = _hub_page(cast, "?next=mastery_readiness")
    assert response.context["page"].paginator.count == 55  # North Primary is in Readiness now
    assert len(response.context["rows"]) == 50
    assert "page 1 of 2" in response.content.decode()
    assert len(_hub_page(cast, "?next=mastery_readiness&page=2").context["rows"]) == 5


def test_an_unknown_next_step_is_an_error_beside_the_filter(cast):
    response = _hub_page(cast, "?next=lunch")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Choose the next step the schools are ready for" in html


def test_an_earlier_year_can_be_chosen(cast):
    enrol(school(cast.north), S.DEVELOPMENT, 2022, EnrolmentStatus.COMPLETED)
    response = _hub_page(cast, "?year=2022-23")
    assert response.context["year"] == 2022
    counts = {c.stage: c for c in response.context["counts"]}
    assert counts[S.DEVELOPMENT].completed == 1
    assert counts[S.MASTERY_READINESS].in_progress == 0


def test_the_hub_journey_page_is_a_constant_number_of_queries(cast, django_assert_max_num_queries):
    def build(n):
        for _ in range(n):
            s = school(cast.north)
            enrol(s, S.DEVELOPMENT, 2022, EnrolmentStatus.COMPLETED)
            enrol(s, S.MASTERING_NUMBER, 2023)

    build(3)
    client = client_for(cast.harriet)
    url = reverse("journey:hub", args=[cast.north.slug]) + "?next=embedding"
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    build(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["page"].paginator.count == 43


def test_the_institution_page_journey_is_a_constant_number_of_queries(
    cast, django_assert_max_num_queries
):
    url = reverse("directory:institution_detail", args=[cast.north_school.urn])
    client = client_for(cast.harriet)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for year in (2019, 2020, 2021, 2022):
        enrol(cast.north_school, S.MASTERING_NUMBER, year, EnrolmentStatus.COMPLETED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Mastering Number") >= 4


def test_the_hub_page_links_to_the_journey_for_its_staff_only(cast):
    url = reverse("directory:hub_detail", args=[cast.north.slug])
    assert 'id="hub-journey-link"' in client_for(cast.harriet).get(url).content.decode()
    assert 'id="hub-journey-link"' in client_for(cast.nadia).get(url).content.decode()
    for who in (cast.leo, cast.simon, None):
        assert 'id="hub-journey-link"' not in client_for(who).get(url).content.decode()


def test_another_hubs_school_in_this_hubs_activity_is_not_in_its_lists(cast):
    visitor = school(f.HubFactory(slug="west"), name="Visiting Primary")
    enrol(visitor, S.DEVELOPMENT, 2022, EnrolmentStatus.COMPLETED, hub=cast.north)
    html = _hub_page(cast, "?next=embedding").content.decode()
    assert "Visiting Primary" not in html
