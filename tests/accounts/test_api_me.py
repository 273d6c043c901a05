"""GET /api/v1/me, by session and by personal API token."""

from __future__ import annotations

from django.test import Client

from mathshubs.accounts import services
from tests.conftest import client_for

URL = "/api/v1/me"


def _expected(cast) -> dict:
    person = cast.leo.person
    return {
        "id": person.pk,
        "name": "Leo Lead",
        "email": "leo@north.example",
        "institution": {"urn": cast.north_school.urn, "name": "North Primary"},
        "roles": [
            {
                "role": "work_group_lead",
                "role_label": "Work Group Lead",
                "hub": {"id": cast.north.pk, "slug": "north", "name": "North Test Maths Hub"},
                "academic_year": "2023/24",
            }
        ],
    }


def test_me_with_a_session(cast):
    response = client_for(cast.leo).get(URL)
    assert response.status_code == 200
    assert response.json() == _expected(cast)


def test_me_with_a_bearer_token_records_its_use(cast):
    new = services.api_token_create(user=cast.leo, name="script")
    response = Client().get(URL, headers={"Authorization": f"Bearer {new.secret}"})
    assert response.status_code == 200
    assert response.json() == _expected(cast)
    new.token.refresh_from_db()
    assert new.token.last_used_at is not None


def test_me_without_credentials_is_401_json(db):
    response = Client().get(URL)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


def test_a_revoked_or_wrong_token_gets_401(cast):
    new = services.api_token_create(user=cast.leo, name="script")
    services.api_token_revoke(user=cast.leo, token_id=new.token.pk)
    for token in [new.secret, new.secret + "x", "mh_nonsense"]:
        response = Client().get(URL, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert "message" in response.json()


def test_the_national_team_has_no_hub_in_their_role(cast):
    roles = client_for(cast.nadia).get(URL).json()["roles"]
    assert roles == [
        {
            "role": "national_team",
            "role_label": "National team",
            "hub": None,
            "academic_year": None,
        }
    ]
