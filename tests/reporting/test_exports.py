"""The figures' downloads: the XLSX of every table (opened with openpyxl, typed cells, a
sheet of definitions) and the API's JSON and CSV, with the pages' rules, by session and
by personal API token."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from mathshubs.accounts.services import api_token_create
from mathshubs.reporting.definitions import DEFINITIONS
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_xlsx_has_a_sheet_a_table_typed_cells_and_the_definitions(cast, counted):
    response = client_for(cast.nadia).get("/reports/2023-24/figures.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Figures 2023-24",
        "Engaged by hub",
        "TfM by stage",
        "Engaged by FSM quintile",
        "Engaged by local authority",
        "Definitions",
    ]
    figures = {
        row[1]: row for row in book["Figures 2023-24"].iter_rows(min_row=2, values_only=True)
    }
    assert figures["primary_tfm"][5] == 2 and isinstance(figures["primary_tfm"][5], int)
    assert figures["engaged"][4] == 100.0 and figures["engaged"][6] == 2
    definitions = list(book["Definitions"].iter_rows(min_row=2, values_only=True))
    assert len(definitions) == len(DEFINITIONS)
    assert any("56% Schools in England engaged" in (row[3] or "") for row in definitions)


def test_the_api_gives_the_figures_as_json_and_csv_by_token(cast, counted):
    secret = api_token_create(user=cast.nadia, name="Reports").secret
    client = client_for(None)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    body = client.get("/api/v1/reports/2023-24/figures", **headers).json()
    found = {figure["key"]: figure for figure in body["figures"]}
    assert body["scope"] == "England" and found["primary_tfm"]["value"]["count"] == 2
    assert found["engaged"]["value"]["of"] == 2 and found["engaged"]["previous"] is None
    rows = _csv(client.get("/api/v1/reports/2023-24/figures.csv", **headers))
    assert rows[0][:3] == ["Section", "Key", "Figure"]
    assert rows[2][:2] == ["Primary", "primary_tfm"] and rows[2][5] == "2"
    history = client.get("/api/v1/reports/2023-24/figures/primary_tfm", **headers).json()
    assert [y["year"] for y in history["years"]] == ["2023-24"]


def test_the_rows_behind_a_figure_follow_the_pages_rules(cast, counted):
    address = f"/api/v1/reports/2023-24/figures/engaged/rows.csv?hub={cast.north.pk}"
    rows = _csv(client_for(cast.harriet).get(address))
    assert rows[0] == ["URN", "School", "Local authority", "Serving hub"]
    assert [r[1] for r in rows[1:]] == ["North Primary"]
    assert client_for(cast.simon).get(address).status_code == 404
    assert client_for(cast.harriet).get(address.split("?")[0]).status_code == 404  # England
    national = _csv(client_for(cast.nadia).get(address.split("?")[0]))
    assert sorted(r[1] for r in national[1:]) == ["North Primary", "South Primary"]


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/reports/2019-20/figures",
        "/api/v1/reports/nonsense/figures",
        "/api/v1/reports/2023-24/figures/no_such_figure",
        "/api/v1/reports/2023-24/figures?region=Nowhere",
    ],
)
def test_the_api_says_not_found_for_what_does_not_exist(cast, counted, address):
    assert client_for(cast.nadia).get(address).status_code == 404
