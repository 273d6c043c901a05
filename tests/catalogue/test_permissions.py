"""Who sees a draft catalogue and who changes the catalogue: tries to cross each rule, by
URL and by API. A published year is public; a draft is the national team's alone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from mathshubs.accounts import services
from mathshubs.catalogue.models import AcademicYear
from mathshubs.catalogue.rules import can_edit_catalogue, can_view_year
from tests.catalogue.builders import draft_year
from tests.conftest import client_for

OUTSIDERS = ["anonymous", "harriet", "leo", "pat", "sam", "simon"]


def _client(cast, persona):
    return client_for(None if persona == "anonymous" else getattr(cast, persona))


@pytest.fixture
def draft(cast):
    return draft_year()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_a_draft_year_is_hidden_from_everyone_but_the_national_team(cast, draft, persona):
    client = _client(cast, persona)
    assert "2024/25" not in client.get(reverse("catalogue:index")).content.decode()
    assert client.get(reverse("catalogue:year", args=["2024-25"])).status_code == 404
    assert client.get(reverse("catalogue:year", args=["2024"])).status_code == 404
    assert client.get(reverse("catalogue:year_yaml", args=["2024-25"])).status_code == 404
    assert client.get(reverse("catalogue:ncp", args=["NCP24-08"])).status_code == 404
    assert client.get(reverse("catalogue:ncp", args=["ncp 24-8"])).status_code == 404


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_a_draft_year_is_hidden_from_the_api_too(cast, draft, persona):
    client = _client(cast, persona)
    years = [year["label"] for year in client.get("/api/v1/years").json()]
    assert years == ["2023/24"]
    response = client.get("/api/v1/years/2024-25/ncps")
    assert response.status_code == 404
    assert response.json() == {"message": "There is no catalogue for 2024/25."}
    response = client.get("/api/v1/ncps/NCP24-08")
    assert response.status_code == 404
    assert "NCP24-08" in response.json()["message"]


def test_the_national_team_sees_a_draft_by_url_and_api(cast, draft):
    client = client_for(cast.nadia)
    assert "2024/25" in client.get(reverse("catalogue:index")).content.decode()
    assert client.get(reverse("catalogue:year", args=["2024-25"])).status_code == 200
    assert client.get(reverse("catalogue:ncp", args=["NCP24-08"])).status_code == 200
    assert client.get(reverse("catalogue:year_yaml", args=["2024-25"])).status_code == 200
    labels = [year["label"] for year in client.get("/api/v1/years").json()]
    assert labels == ["2024/25", "2023/24"]
    assert client.get("/api/v1/years/2024-25/ncps").status_code == 200
    assert client.get("/api/v1/ncps/NCP24-08").json()["year"] == "2024/25"


def test_a_national_team_token_reads_a_draft_through_the_api(cast, draft):
    new = services.api_token_create(user=cast.nadia, name="catalogue script")
    client = Client(headers={"Authorization": f"Bearer {new.secret}"})
    assert [year["label"] for year in client.get("/api/v1/years").json()] == [
        "2024/25",
        "2023/24",
    ]
    assert client.get("/api/v1/years/2024-25/ncps").status_code == 200
    assert client.get("/api/v1/ncps/NCP24-08").json()["year"] == "2024/25"


@pytest.mark.parametrize("persona", OUTSIDERS[1:])
def test_anyone_elses_token_reads_only_published_years(cast, draft, persona):
    user = getattr(cast, persona)
    new = services.api_token_create(user=user, name="script")
    client = Client(headers={"Authorization": f"Bearer {new.secret}"})
    assert [year["label"] for year in client.get("/api/v1/years").json()] == ["2023/24"]
    assert client.get("/api/v1/years/2024-25/ncps").status_code == 404


@pytest.mark.parametrize("token", ["mh_nonsense", ""])
def test_a_wrong_token_is_refused_not_read_as_no_one(cast, draft, token):
    """A script whose token is mistyped or revoked is told so, rather than quietly given
    the public catalogue."""
    client = Client(headers={"Authorization": f"Bearer {token}x"})
    response = client.get("/api/v1/years")
    assert response.status_code == 401 and response.json()["message"]


@pytest.mark.parametrize("persona", ["anonymous", "harriet", "leo", "pat", "simon"])
def test_a_published_year_is_public(cast, persona):
    client = _client(cast, persona)
    assert client.get(reverse("catalogue:year", args=["2023-24"])).status_code == 200
    assert (
        client.get(reverse("catalogue:ncp", args=[cast.mastery_readiness.code])).status_code == 200
    )
    assert client.get(f"/api/v1/ncps/{cast.mastery_readiness.code}").status_code == 200


@pytest.mark.parametrize("persona", ["harriet", "leo", "pat", "sam", "simon"])
def test_only_the_national_team_copies_or_publishes(cast, draft, persona):
    client = _client(cast, persona)
    AcademicYear.objects.filter(start_year=2024).delete()
    assert client.post(reverse("catalogue:copy", args=["2023-24"])).status_code == 403
    assert not AcademicYear.objects.filter(start_year=2024).exists()
    draft_year()
    # A draft is invisible to them, so publishing it is a 404 like a missing year.
    assert client.post(reverse("catalogue:publish", args=["2024-25"])).status_code == 404
    assert AcademicYear.objects.get(start_year=2024).status == "draft"


def test_hub_staff_cannot_publish_a_published_year_either(cast):
    response = client_for(cast.harriet).post(reverse("catalogue:publish", args=["2023-24"]))
    assert response.status_code == 403


def test_signing_in_is_needed_to_copy_or_publish(cast, draft):
    client = client_for(None)
    response = client.post(reverse("catalogue:copy", args=["2023-24"]))
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(reverse("catalogue:publish", args=["2024-25"]))
    assert response.status_code in (302, 404)
    assert AcademicYear.objects.get(start_year=2024).status == "draft"


def test_the_rules_themselves(cast, draft):
    published = AcademicYear.objects.get(start_year=2023)
    assert can_view_year(AnonymousUser(), published)
    assert not can_view_year(cast.harriet, draft)
    assert can_view_year(cast.nadia, draft)
    assert can_edit_catalogue(cast.nadia)
    assert not any(
        can_edit_catalogue(u) for u in (AnonymousUser(), cast.harriet, cast.leo, cast.pat)
    )
