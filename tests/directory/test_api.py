"""The directory API at /api/v1/ (ISSUE 3, item 6)."""

from __future__ import annotations

import pytest

from mathshubs.accounts.api_auth import hash_token
from mathshubs.accounts.models import ApiToken
from mathshubs.dates import current_academic_year
from mathshubs.directory.api import FILTER_HUB_NOT_FOUND, HUB_NOT_FOUND, INSTITUTION_NOT_FOUND
from mathshubs.directory.forms import FIND_HUB_EMPTY
from mathshubs.directory.models import Phase, Role
from tests import factories as f
from tests.conftest import client_for


def test_the_hub_list_is_public_with_areas_and_active_llmes(cast, client):
    # Leo (a Work Group Lead of North in 2023/24) leads two of its activities: he counts once.
    f.ActivityFactory(hub=cast.north, academic_year=2023).leads.add(cast.leo.person)
    response = client.get("/api/v1/hubs")
    assert response.status_code == 200
    by_slug = {hub["slug"]: hub for hub in response.json()}
    assert by_slug["north"]["local_authorities"] == ["Northshire"]
    assert by_slug["north"]["active_llmes"] == 1
    assert by_slug["south"]["active_llmes"] == 0
    assert set(by_slug["north"]) >= {"id", "name", "region", "email", "phone", "website"}


def test_the_hub_list_takes_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    for _ in range(40):
        f.HubAreaFactory(hub=f.HubFactory())
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/hubs").json()) == 40


def test_a_hub_by_id_or_slug_has_its_team_but_no_emails_of_people(cast, client):
    year = current_academic_year()
    f.RoleAssignmentFactory(
        person=cast.harriet.person, role=Role.MATHS_HUB_LEAD, hub=cast.north, academic_year=year
    )
    by_id = client.get(f"/api/v1/hubs/{cast.north.pk}").json()
    by_slug = client.get("/api/v1/hubs/north").json()
    assert by_id == by_slug
    assert by_id["leadership"] == [{"role": "Maths Hub Lead", "name": "Harriet Hub"}]
    assert by_id["areas"][0]["local_authority"] == {"code": "301", "name": "Northshire"}
    assert by_id["active_llmes_target"] == 50
    assert "harriet@north.example" not in str(by_id)


@pytest.mark.parametrize("ref", ["999999", "no-such-hub", "%20", "1.5"])
def test_an_unknown_hub_is_404_json(db, client, ref):
    response = client.get(f"/api/v1/hubs/{ref}")
    assert response.status_code == 404
    assert response.json() == {"message": HUB_NOT_FOUND}


def test_institutions_are_searched_filtered_and_paginated_with_a_total(cast, client):
    f.InstitutionFactory.create_batch(
        7, hub=cast.north, local_authority=cast.north_school.local_authority, phase=Phase.SECONDARY
    )
    page = client.get("/api/v1/institutions", {"hub": "north", "limit": 3, "offset": 6}).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (8, 3, 6, 2)
    secondary = client.get("/api/v1/institutions", {"phase": "secondary", "la": "301"}).json()
    assert secondary["total"] == 7
    named = client.get("/api/v1/institutions", {"q": "south prim"}).json()
    assert [item["name"] for item in named["items"]] == ["South Primary"]
    assert named["items"][0]["hub"]["slug"] == "south"
    by_urn = client.get("/api/v1/institutions", {"q": str(cast.north_school.urn)}).json()
    assert by_urn["total"] == 1


def test_institution_pages_take_a_fixed_number_of_queries(
    db, client, django_assert_max_num_queries
):
    f.InstitutionFactory.create_batch(60)
    with django_assert_max_num_queries(2):
        assert len(client.get("/api/v1/institutions").json()["items"]) == 50


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1000}, {"offset": -1}, {"limit": "x"}])
def test_bad_paging_is_a_422_json_message(db, client, params):
    response = client.get("/api/v1/institutions", params)
    assert response.status_code == 422
    assert response.json()["message"]


def test_an_unknown_hub_filter_is_404_json(db, client):
    response = client.get("/api/v1/institutions", {"hub": "nowhere"})
    assert response.status_code == 404
    assert response.json() == {"message": FILTER_HUB_NOT_FOUND}


def test_an_institution_by_urn_has_every_field(cast, client):
    school = cast.north_school
    school.pupils, school.percent_disadvantaged, school.hub_override = 321, "12.5", cast.north
    school.save()
    data = client.get(f"/api/v1/institutions/{school.urn}").json()
    assert data["urn"] == school.urn
    assert data["local_authority"] == {"code": "301", "name": "Northshire"}
    assert (data["pupils"], float(data["percent_disadvantaged"])) == (321, 12.5)
    assert data["hub_is_overridden"] is True
    assert data["ofsted_rating"] == ""


@pytest.mark.parametrize("urn", ["12345678", "abc", "1e5", "99999999999999999999"])
def test_an_unknown_or_forged_urn_is_404_json(db, client, urn):
    response = client.get(f"/api/v1/institutions/{urn}")
    assert response.status_code == 404
    assert response.json() == {"message": INSTITUTION_NOT_FOUND}


def test_find_hub_by_urn_returns_the_hub_and_what_matched(cast, client):
    data = client.get("/api/v1/find-hub", {"q": str(cast.south_school.urn)}).json()
    assert data["kind"] == "urn"
    match = data["matches"][0]
    assert match["hub"]["slug"] == "south"
    assert match["institution"]["urn"] == cast.south_school.urn
    assert match["matched_by"] == "urn"


def test_find_hub_by_local_authority(cast, client):
    data = client.get("/api/v1/find-hub", {"q": "Northshire"}).json()
    assert data["matches"][0]["hub"]["slug"] == "north"


def test_find_hub_with_unknown_input_says_what_to_try(cast, client):
    response = client.get("/api/v1/find-hub", {"q": "qqqq zzzz xxxx"})
    assert response.status_code == 200
    assert response.json()["matches"] == []
    assert response.json()["message"]


@pytest.mark.parametrize("q", ["", "   "])
def test_find_hub_without_a_query_is_a_400_json_message(db, client, q):
    response = client.get("/api/v1/find-hub", {"q": q})
    assert response.status_code == 400
    assert response.json() == {"message": FIND_HUB_EMPTY}


def test_people_by_personal_api_token(cast):
    ApiToken.objects.create(user=cast.leo, name="t", prefix="abc", token_hash=hash_token("tok-leo"))
    response = client_for(None).get("/api/v1/people", HTTP_AUTHORIZATION="Bearer tok-leo")
    assert response.status_code == 200
    assert {p["email"] for p in response.json()["items"]} == {
        "leo@north.example",
        "pat@north.example",
    }


def test_a_revoked_token_is_refused(cast):
    from django.utils import timezone

    ApiToken.objects.create(
        user=cast.nadia,
        name="t",
        prefix="abc",
        token_hash=hash_token("tok-old"),
        revoked_at=timezone.now(),
    )
    response = client_for(None).get("/api/v1/people", HTTP_AUTHORIZATION="Bearer tok-old")
    assert response.status_code == 401


def test_people_come_with_their_roles_in_a_fixed_number_of_queries(
    cast, django_assert_max_num_queries
):
    for _ in range(30):
        f.RoleAssignmentFactory(
            person=f.PersonFactory(institution=cast.north_school),
            hub=cast.north,
            academic_year=2023,
        )
    client = client_for(cast.nadia)
    client.get("/api/v1/people")
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/people", {"limit": 200}).json()
    assert data["total"] == 36
    pat = next(p for p in data["items"] if p["email"] == "pat@north.example")
    assert pat["roles"] == [
        {
            "role": "participant",
            "role_label": "Participant",
            "hub": {"id": cast.north.pk, "slug": "north", "name": "North Test Maths Hub"},
            "academic_year": "2023/24",
        }
    ]
    assert pat["institution_urn"] == cast.north_school.urn


def test_the_openapi_schema_lists_the_directory_endpoints(db, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/hubs",
        "/api/v1/hubs/{ref}",
        "/api/v1/institutions",
        "/api/v1/institutions/{urn}",
        "/api/v1/find-hub",
        "/api/v1/people",
    ):
        assert path in paths
