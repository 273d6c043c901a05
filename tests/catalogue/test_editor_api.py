"""The editor's operations through the API (ISSUE 12, part 3): a national-team token does
what the pages do; anyone else's is refused; refusals name the field."""

from __future__ import annotations

import pytest
from django.test import Client

from mathshubs.accounts import services as accounts
from mathshubs.activities.models import Activity
from mathshubs.catalogue.models import NCP, AcademicYear, CatalogueRevision
from tests import factories as f

pytestmark = pytest.mark.django_db


def _token_client(user) -> Client:
    new = accounts.api_token_create(user=user, name="catalogue script")
    return Client(headers={"Authorization": f"Bearer {new.secret}"})


@pytest.fixture
def api(cast):
    return _token_client(cast.nadia)


def _json(client, method, url, body=None):
    call = getattr(client, method)
    return call(url, body, content_type="application/json") if body is not None else call(url)


def test_a_national_team_script_drafts_codes_and_publishes_a_year(api, cast):
    made = _json(api, "post", "/api/v1/years", {"year": "2025/26"})
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "draft"

    added = _json(
        api,
        "post",
        "/api/v1/years/2025-26/ncps",
        {
            "title": "Teaching Assistants",
            "new": True,
            "phase_titles": {},
            "partners": [{"name": "AMSP"}],
        },
    )
    assert added.status_code == 201, added.content
    project = added.json()
    assert (project["code"], project["reference"], project["new"]) == (
        None,
        "2025-26-teaching-assistants",
        True,
    )
    activity = f.ActivityFactory(
        ncp=NCP.objects.get(slug="teaching-assistants"), academic_year=2025
    )

    refused = _json(api, "post", "/api/v1/years/2025-26/publish")
    assert refused.status_code == 422
    assert refused.json()["message"] == "2025/26 cannot be published yet. 2 things to add first:"
    assert (
        '"Teaching Assistants" has no phases: choose at least one phase'
        in (refused.json()["errors"]["__all__"])
    )

    body = {
        "title": "Teaching Assistants",
        "code": "ncp 25-20",
        "phases": ["primary"],
        "type": "work_group",
        "partners": project["partners"],
    }
    coded = _json(api, "put", "/api/v1/years/2025-26/ncps/teaching-assistants", body)
    assert coded.status_code == 200, coded.content
    assert coded.json()["code"] == "NCP25-20"
    assert Activity.objects.get(pk=activity.pk).ncp_code == "NCP25-20"

    published = _json(api, "post", "/api/v1/years/2025-26/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    changed = _json(
        api,
        "put",
        "/api/v1/years/2025-26/ncps/teaching-assistants",
        {**body, "title": "Teaching Assistants Work Groups", "note": "Final title"},
    )
    assert changed.status_code == 200
    revisions = _json(api, "get", "/api/v1/years/2025-26/revisions").json()
    assert [(r["number"], r["note"], r["made_by"]) for r in revisions] == [
        (1, "Published", cast.nadia.email),
        (2, "Final title", cast.nadia.email),
    ]
    diff = _json(api, "get", "/api/v1/years/2025-26/diff?from_revision=1&to_revision=2").json()
    assert diff["changed"][0]["renamed_from"] == "NCP25-20 Teaching Assistants"


def test_a_bad_project_is_refused_naming_the_field_with_the_years_code_hint(api, cast):
    _json(api, "post", "/api/v1/years", {"year": "2017/18"})
    answer = _json(api, "post", "/api/v1/years/2017-18/ncps", {"title": "X", "code": "TA-1"})
    assert answer.status_code == 422
    assert "write it like NCP17-07a" in answer.json()["errors"]["code"][0]
    taken = _json(api, "post", "/api/v1/years/2017-18/ncps", {"title": "X", "code": "NCP23-01"})
    assert "NCP23-01 is not a 2017/18 code" in taken.json()["errors"]["code"][0]
    assert not NCP.objects.filter(title="X").exists()


def test_moving_withdrawing_and_the_years_details(api, cast):
    _json(api, "post", "/api/v1/years", {"year": "2025/26"})
    for title in ("One", "Two"):
        _json(api, "post", "/api/v1/years/2025-26/ncps", {"title": title})
    assert (
        _json(api, "post", "/api/v1/years/2025-26/ncps/two/move", {"direction": "up"}).status_code
        == 204
    )
    year = AcademicYear.objects.get(start_year=2025)
    assert list(year.ncps.order_by("position").values_list("title", flat=True)) == ["Two", "One"]
    assert api.delete("/api/v1/years/2025-26/ncps/one").status_code == 204
    details = _json(
        api,
        "put",
        "/api/v1/years/2025-26/details",
        {"source": "Menu", "facts": {"hubs": 40, "fully_funded": True}},
    )
    assert details.status_code == 200 and details.json()["facts"]["hubs"] == 40
    stages = [{"key": "readiness", "name": "Readiness", "journey": "mastery_readiness"}]
    named = _json(api, "put", "/api/v1/years/2025-26/details", {"facts": {}, "stages": stages})
    assert named.status_code == 200
    assert list(year.stages.values_list("name", flat=True)) == ["Readiness"]
    again = _json(api, "put", "/api/v1/years/2025-26/details", {"facts": {}, "stages": []})
    assert again.status_code == 200 and year.stages.count() == 9


@pytest.mark.parametrize("persona", ["harriet", "leo", "pat", "simon"])
def test_no_one_else_edits_through_the_api(cast, persona):
    client = _token_client(getattr(cast, persona))
    slug = cast.mastery_readiness.slug
    calls = [
        ("post", "/api/v1/years", {"year": "2030/31"}),
        ("post", "/api/v1/years/2023-24/ncps", {"title": "X"}),
        ("put", f"/api/v1/years/2023-24/ncps/{slug}", {"title": "X"}),
        ("post", f"/api/v1/years/2023-24/ncps/{slug}/move", {"direction": "down"}),
        ("delete", f"/api/v1/years/2023-24/ncps/{slug}", None),
        ("put", "/api/v1/years/2023-24/details", {"facts": {}}),
        ("post", "/api/v1/years/2023-24/publish", None),
        ("get", "/api/v1/years/2023-24/revisions", None),
    ]
    for method, url, body in calls:
        assert _json(client, method, url, body).status_code == 403, (method, url)
    assert not AcademicYear.objects.filter(start_year=2030).exists()
    assert NCP.objects.filter(
        pk=cast.mastery_readiness.pk, title=cast.mastery_readiness.title
    ).exists()
    assert not CatalogueRevision.objects.exists()


def test_without_credentials_the_editor_api_asks_for_them(db):
    assert (
        Client()
        .post("/api/v1/years", {"year": "2030/31"}, content_type="application/json")
        .status_code
        == 401
    )
