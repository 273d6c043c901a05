"""The grants API: an activity's grant, a project's planning grant, a hub's grants."""

from __future__ import annotations

import pytest

from mathshubs.catalogue.selectors import NCP_NOT_FOUND
from mathshubs.grants.selectors import HUB_NOT_FOUND, YEAR_NOT_VALID
from tests import factories as f
from tests.conftest import client_for
from tests.grants.examples import (
    DEVELOPMENT_19_09,
    EXCHANGE,
    LEVEL_3_CO_FUNDED,
    LLME_COMMUNITY,
    MASTERY_READINESS_19_11,
    PD_LEAD_PROGRAMME,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_2019():
    year = f.AcademicYearFactory(start_year=2019)

    def ncp(number, finances, **fields):
        return f.NCPFactory(year=year, number=number, finances=finances, **fields)

    return {
        "mastery": ncp(11, MASTERY_READINESS_19_11, title="Primary Mastery Readiness"),
        "development": ncp(9, DEVELOPMENT_19_09, model_min_schools=None, model_max_schools=None),
        "level_3": ncp(
            22, LEVEL_3_CO_FUNDED, model_size=None, model_min_schools=None, model_max_schools=None
        ),
        "exchange": ncp(
            2, EXCHANGE, model_size=None, model_min_schools=None, model_max_schools=None
        ),
        "community": ncp(7, LLME_COMMUNITY, model_size=None),
        "pd_lead": ncp(5, PD_LEAD_PROGRAMME),
    }


def get(path, user=None):
    return client_for(user).get(path)


# --- GET /api/v1/ncps/{code}/grant ---------------------------------------------------------------


def test_the_planning_grant_defaults_to_the_model_size(catalogue_2019):
    response = get("/api/v1/ncps/NCP19-11/grant")
    assert response.status_code == 200
    body = response.json()
    assert body["ncp"]["code"] == "NCP19-11"
    assert body["ncp"]["model_size"] == 7
    assert body["grant"]["schools"] == 7
    assert body["grant"]["total"] == "14150.00"
    assert body["grant"]["lines"][0]["working"] == "£14,150 for 7 schools"
    assert body["grant"]["notes"] == MASTERY_READINESS_19_11["notes"]


@pytest.mark.parametrize("code", ["NCP19-11", "ncp19-11", "NCP 19-11", "ncp%2019-11", "Ncp19 - 11"])
def test_the_planning_grant_accepts_the_code_however_it_is_written(catalogue_2019, code):
    response = get(f"/api/v1/ncps/{code}/grant?schools=6")
    assert response.status_code == 200
    assert response.json()["grant"]["total"] == "13150.00"


def test_the_planning_grant_itemises_19_09_for_eight_schools(catalogue_2019):
    body = get("/api/v1/ncps/NCP19-09/grant?schools=8").json()
    assert body["grant"]["total"] == "19850.00"
    assert [line["amount"] for line in body["grant"]["lines"]] == [
        "2100.00",
        "8400.00",
        "1200.00",
        "8000.00",
        "150.00",
    ]
    assert body["grant"]["lines"][1]["working"] == "3 days × 8 schools × £350"


def test_the_planning_grant_totals_a_co_funded_project_by_funder(catalogue_2019):
    body = get("/api/v1/ncps/NCP19-22/grant?schools=5").json()
    assert body["grant"]["total"] == "4200.00"
    assert body["grant"]["totals_by_funder"] == [
        {"funder": "hub_core_grant", "funder_label": "Maths Hub core grant", "amount": "2100.00"},
        {
            "funder": "amsp",
            "funder_label": "Advanced Maths Support Programme (AMSP)",
            "amount": "2100.00",
        },
    ]


def test_the_planning_grant_needs_a_valid_role_where_the_grant_depends_on_one(catalogue_2019):
    missing = get("/api/v1/ncps/NCP19-02/grant")
    assert missing.status_code == 422
    assert missing.json()["message"].startswith("This project's grant depends on the hub's role")
    unknown = get("/api/v1/ncps/NCP19-02/grant?role=hosting")
    assert unknown.status_code == 422
    assert "secondary_hosting (Secondary exchange (hosting))" in unknown.json()["message"]
    ok = get("/api/v1/ncps/NCP19-02/grant?role=secondary_non_hosting").json()
    assert ok["grant"]["total"] == "3300.00"
    assert ok["grant"]["role_label"] == "Secondary exchange (non-hosting)"
    assert [r["key"] for r in ok["ncp"]["roles"]] == [
        "primary",
        "secondary_hosting",
        "secondary_non_hosting",
    ]


def test_the_planning_grant_lists_per_hub_lines_apart(catalogue_2019):
    body = get("/api/v1/ncps/NCP19-07/grant?schools=0").json()
    assert body["grant"]["total"] == "0.00"
    assert body["grant"]["per_hub_lines"][0]["amount"] == "3500.00"


def test_the_planning_grant_counts_participants_when_given(catalogue_2019):
    assert get("/api/v1/ncps/NCP19-05/grant?participants=5").json()["grant"]["total"] == ("4000.00")
    warned = get("/api/v1/ncps/NCP19-05/grant").json()["grant"]
    assert "participants is not given" in warned["warnings"][0]


@pytest.mark.parametrize(
    "query", ["?schools=-1", "?schools=many", "?schools=1001", "?participants=-3"]
)
def test_the_planning_grant_refuses_bad_numbers_with_422(catalogue_2019, query):
    response = get(f"/api/v1/ncps/NCP19-11/grant{query}")
    assert response.status_code == 422
    assert response.json()["message"]


@pytest.mark.parametrize("code", ["NCP19-99", "nonsense", "NCP19-11x"])
def test_the_planning_grant_of_an_unknown_project_is_404(catalogue_2019, code):
    response = get(f"/api/v1/ncps/{code}/grant")
    assert response.status_code == 404
    assert response.json() == {"message": NCP_NOT_FOUND.format(code=code)}


# --- GET /api/v1/activities/{id}/grant ------------------------------------------------------------


def test_an_activitys_grant_for_its_hub_staff(cast):
    for _ in range(5):
        f.ActivitySchoolFactory(activity=cast.activity)
    body = get(f"/api/v1/activities/{cast.activity.pk}/grant", cast.harriet).json()
    assert body["activity"]["id"] == cast.activity.pk
    assert body["activity"]["hub"]["slug"] == "north"
    assert body["activity"]["academic_year"] == "2023/24"
    assert body["grant"]["schools"] == 6
    assert body["grant"]["total"] == "13150.00"
    assert body["grant"]["lines"][0]["funder_label"] == "Maths Hub core grant"


def test_an_activity_grant_of_a_missing_activity_is_404(cast):
    for ref in (999999, 2**40):
        response = get(f"/api/v1/activities/{ref}/grant", cast.nadia)
        assert response.status_code == 404


# --- GET /api/v1/hubs/{hub}/grants --------------------------------------------------------------


def test_a_hubs_grants_by_slug_or_id_default_to_the_programme_year(cast):
    for ref in ("north", str(cast.north.pk)):
        body = get(f"/api/v1/hubs/{ref}/grants", cast.harriet).json()
        assert body["hub"]["slug"] == "north"
        assert body["academic_year"] == "2023/24"
        assert [a["id"] for a in body["activities"]] == [cast.activity.pk]
        assert body["activities"][0]["schools"] == 1
        assert body["total"] == "8150.00"
        assert body["activities"][0]["warnings"][0].startswith("This Work Group has 1 school.")


def test_a_hubs_grants_add_per_hub_grants_once(cast, catalogue_2019):
    community = catalogue_2019["community"]
    for _ in range(2):
        f.ActivityFactory(hub=cast.north, ncp=community, ncp_code=community.code)
    body = get("/api/v1/hubs/north/grants?year=2023-24", cast.nadia).json()
    assert body["per_hub"] == [
        {
            "ncp_code": "NCP19-07",
            "line": {
                "label": "LLME community grant",
                "kind": "per_hub",
                "funder": "hub_core_grant",
                "funder_label": "Maths Hub core grant",
                "amount": "3500.00",
                "working": "£3,500 once a year for the hub",
                "text": LLME_COMMUNITY["rules"][0]["text"],
            },
        }
    ]
    assert body["per_hub_total"] == "3500.00"
    assert body["total"] == "11650.00"


def test_a_hubs_grants_for_another_year_are_empty(cast):
    body = get("/api/v1/hubs/north/grants?year=2022-23", cast.harriet).json()
    assert body["activities"] == []
    assert body["total"] == "0.00"


def test_a_hubs_grants_refuse_a_malformed_year(cast):
    response = get("/api/v1/hubs/north/grants?year=2023-25", cast.harriet)
    assert response.status_code == 422
    assert response.json() == {"message": YEAR_NOT_VALID}


@pytest.mark.parametrize("ref", ["nowhere", "999999", "99999999999999999999"])
def test_the_grants_of_an_unknown_hub_are_404(cast, ref):
    response = get(f"/api/v1/hubs/{ref}/grants", cast.nadia)
    assert response.status_code == 404
    assert response.json() == {"message": HUB_NOT_FOUND}


def test_a_draft_years_projects_are_planned_only_by_the_national_team(cast):
    draft_year = f.AcademicYearFactory(start_year=2024, status="draft")
    draft = f.NCPFactory(year=draft_year, number=8)
    for user in (None, cast.harriet, cast.leo, cast.pat, cast.simon):
        assert client_for(user).get(f"/api/v1/ncps/{draft.code}/grant").status_code == 404
        assert client_for(user).get(f"/ncps/{draft.code}/grant/").status_code == 404
    assert client_for(cast.nadia).get(f"/api/v1/ncps/{draft.code}/grant").status_code == 200
