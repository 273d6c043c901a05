"""Who may see a school's journey and a hub's journey lists, by URL and by API: each rule is
tried by someone it should stop."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.accounts.services import api_token_create
from mathshubs.activities import journey
from mathshubs.activities.models import EnrolmentStatus
from mathshubs.catalogue.models import JourneyStage
from tests.activities.test_journey_builders import enrol
from tests.conftest import client_for

S = JourneyStage


@pytest.mark.parametrize("who", ["leo", "pat", "sam", "simon"])
def test_only_the_hubs_staff_and_the_national_team_see_its_journey_page(cast, who):
    url = reverse("journey:hub", args=[cast.north.slug]) + "?next=development"
    response = client_for(getattr(cast, who)).get(url)
    assert response.status_code == 404
    assert b"North Primary" not in response.content


def test_south_staff_cannot_see_norths_ready_list_by_api_by_slug_or_id(cast):
    for ref in (cast.north.slug, str(cast.north.pk)):
        url = reverse("api:hub_journey", args=[ref]) + "?next=development"
        response = client_for(cast.simon).get(url)
        assert response.status_code == 404
        assert response.json() == {"message": journey.HUB_NOT_FOUND}


def test_a_missing_hub_answers_like_a_forbidden_one(cast):
    missing = client_for(cast.simon).get(reverse("api:hub_journey", args=["nowhere"]))
    forbidden = client_for(cast.simon).get(reverse("api:hub_journey", args=["north"]))
    assert missing.status_code == forbidden.status_code == 404
    assert missing.json() == forbidden.json()


def test_south_staff_see_their_own_hubs_journey(cast):
    assert client_for(cast.simon).get(reverse("journey:hub", args=["south"])).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in_or_refused_by_the_api(cast):
    page = client_for(None).get(reverse("journey:hub", args=["north"]))
    assert page.status_code == 302 and "/account/login/" in page.url
    for url in (
        reverse("api:hub_journey", args=["north"]),
        reverse("api:institution_journey", args=[cast.north_school.urn]),
    ):
        assert client_for(None).get(url).status_code == 401


@pytest.mark.parametrize("who", ["sam", "simon"])
def test_people_of_another_hub_cannot_see_a_schools_journey_by_api(cast, who):
    url = reverse("api:institution_journey", args=[cast.north_school.urn])
    response = client_for(getattr(cast, who)).get(url)
    assert response.status_code == 404
    assert response.json() == {"message": journey.INSTITUTION_NOT_FOUND}


def test_a_schools_journey_is_not_visible_to_a_hub_whose_activity_it_joined(cast):
    # North Primary joins a South activity: South's staff still do not see its journey.
    enrol(cast.north_school, S.DEVELOPMENT, 2022, EnrolmentStatus.COMPLETED, hub=cast.south)
    url = reverse("api:institution_journey", args=[cast.north_school.urn])
    assert client_for(cast.simon).get(url).status_code == 404


def test_the_people_of_a_school_see_its_journey_and_no_other(cast):
    mine = reverse("api:institution_journey", args=[cast.north_school.urn])
    theirs = reverse("api:institution_journey", args=[cast.south_school.urn])
    assert client_for(cast.pat).get(mine).status_code == 200
    assert client_for(cast.pat).get(theirs).status_code == 404
    assert client_for(cast.sam).get(theirs).status_code == 200


def test_an_api_token_carries_its_owners_rights(cast):
    token = api_token_create(user=cast.simon, name="script").secret
    url = reverse("api:hub_journey", args=["north"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client_for(None).get(url, **auth).status_code == 404
    south = reverse("api:hub_journey", args=["south"])
    assert client_for(None).get(south, **auth).status_code == 200


def test_a_urn_that_is_not_a_number_is_not_found(cast):
    url = reverse("api:institution_journey", args=["abc"])
    assert client_for(cast.nadia).get(url).status_code == 404
