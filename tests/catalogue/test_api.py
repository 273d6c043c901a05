"""The catalogue API: years, a year's NCPs with filters, one NCP by code."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mathshubs.catalogue.schemas import NCPOut
from tests.catalogue.builders import handbook_2019, mixed_year

pytestmark = pytest.mark.django_db


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [ncp["code"] for ncp in response.json()]


def test_the_years_are_listed_latest_first_with_their_counts(db):
    handbook_2019()
    mixed_year()
    years = Client().get(reverse("api:year_list")).json()
    assert [(y["label"], y["slug"], y["ncp_count"]) for y in years] == [
        ("2023/24", "2023-24", 6),
        ("2019/20", "2019-20", 25),
    ]
    assert years[0]["url"] == "/catalogue/2023-24/"


@pytest.mark.parametrize("written", ["2023-24", "2023", "2023%2F24"])
def test_a_years_ncps_in_order_however_the_year_is_written(db, written):
    mixed_year()
    codes = _codes(Client().get(f"/api/v1/years/{written}/ncps"))
    assert codes == ["NCP23-07a", "NCP23-12", "NCP23-19", "NCP23-26", "NCP23-31", "NCP23-33"]


def test_the_phase_type_and_required_filters(db):
    mixed_year()
    client = Client()
    assert _codes(client.get("/api/v1/years/2023-24/ncps?phase=secondary")) == [
        "NCP23-12",
        "NCP23-19",
        "NCP23-31",
        "NCP23-33",
    ]
    assert _codes(client.get("/api/v1/years/2023-24/ncps?type=programme")) == ["NCP23-26"]
    assert _codes(client.get("/api/v1/years/2023-24/ncps?required=false")) == [
        "NCP23-26",
        "NCP23-31",
    ]
    both = "/api/v1/years/2023-24/ncps?phase=primary&type=work_group&required=true"
    assert _codes(client.get(both)) == ["NCP23-07a", "NCP23-19"]


def test_a_filter_value_that_is_not_a_choice_is_refused_with_the_choices(db):
    mixed_year()
    response = Client().get("/api/v1/years/2023-24/ncps?phase=tertiary")
    assert response.status_code == 422
    assert "'primary'" in response.json()["errors"][0]["msg"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2030-31", "There is no catalogue for 2030/31."),
        ("2023-25", "'2023-25' is not an academic year: write it like 2023-24."),
    ],
)
def test_an_unknown_year_is_a_404_with_a_message(db, written, message):
    response = Client().get(f"/api/v1/years/{written}/ncps")
    assert response.status_code == 404
    assert response.json() == {"message": message}


@pytest.mark.parametrize("spelling", ["NCP19-11", "ncp19-11", "ncp%2019-11", "NCP%2019-11"])
def test_an_ncp_by_code_in_any_case_with_or_without_the_space(db, spelling):
    handbook_2019()
    response = Client().get(f"/api/v1/ncps/{spelling}")
    assert response.status_code == 200
    assert response.json()["code"] == "NCP19-11"


def test_an_ncp_has_every_field_and_its_finances_as_given(db):
    handbook_2019()
    ncp = Client().get(reverse("api:ncp_detail", args=["NCP19-11"])).json()
    assert set(ncp) == set(NCPOut.model_fields)
    assert (ncp["year"], ncp["type"], ncp["type_label"]) == ("2019/20", "work_group", "Work Group")
    assert (ncp["model_min_schools"], ncp["model_max_schools"], ncp["model_size"]) == (5, 8, 7)
    assert ncp["participant_criteria"][0]["essential"] is True
    assert ncp["outcomes"][0]["category"] == "Professional learning"
    assert ncp["national_schedule"][0]["group"].startswith("For WGLs")
    rule = ncp["finances"]["rules"][0]
    assert (rule["kind"], rule["base_amount"], rule["base_schools"]) == ("model_size", "14150", 7)
    assert ncp["url"] == "/catalogue/ncp/NCP19-11/"


def test_an_unknown_code_is_a_404_naming_it(db):
    response = Client().get("/api/v1/ncps/NCP99-01")
    assert response.status_code == 404
    assert response.json() == {
        "message": "There is no project with the code 'NCP99-01'. Write it like NCP23-07a."
    }


def test_the_operations_are_named(db):
    assert reverse("api:year_list") == "/api/v1/years"
    assert reverse("api:year_ncps", args=["2023-24"]) == "/api/v1/years/2023-24/ncps"
    assert reverse("api:ncp_detail", args=["NCP23-07a"]) == "/api/v1/ncps/NCP23-07a"
