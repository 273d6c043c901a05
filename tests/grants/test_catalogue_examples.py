"""The handbook's worked examples, from the real catalogue file (catalogues/2019-20.yaml),
and every project of every catalogue file gives a grant."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from mathshubs.catalogue.schema import CatalogueFile
from mathshubs.grants.rules import grant_for

CATALOGUES = Path(__file__).resolve().parents[2] / "catalogues"
D = Decimal


def load(name: str) -> CatalogueFile:
    path = CATALOGUES / name
    if not path.exists():
        pytest.skip(f"{path} is not there yet")
    return CatalogueFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def finances_of(code: str):
    entries = {entry.code: entry for entry in load("2019-20.yaml").ncps}
    if code not in entries:
        pytest.skip(f"{code} is not in catalogues/2019-20.yaml yet")
    return entries[code].finances


@pytest.mark.parametrize(("schools", "total"), [(6, D("13150")), (7, D("14150")), (8, D("15150"))])
def test_ncp_19_11_from_the_catalogue(schools, total):
    assert grant_for(finances=finances_of("NCP19-11"), schools=schools).total == total


def test_ncp_19_09_from_the_catalogue_is_itemised_as_the_handbook_does():
    breakdown = grant_for(finances=finances_of("NCP19-09"), schools=7)
    assert [line.amount for line in breakdown.lines] == [
        D("2100"),
        D("7350"),
        D("1200"),
        D("7000"),
        D("150"),
    ]
    assert [line.working for line in breakdown.lines][:4] == [
        "6 days × £350",
        "3 days × 7 schools × £350",
        "6 days × £200",
        "7 schools × £1,000",
    ]
    assert breakdown.total == D("17800")


@pytest.mark.parametrize(("schools", "total"), [(6, D("15750")), (8, D("19850"))])
def test_ncp_19_09_from_the_catalogue_is_adjusted_by_2050_a_school(schools, total):
    assert grant_for(finances=finances_of("NCP19-09"), schools=schools).total == total


@pytest.mark.parametrize("code", ["NCP19-21", "NCP19-22", "NCP19-23"])
def test_the_co_funded_level_3_work_groups_from_the_catalogue(code):
    breakdown = grant_for(finances=finances_of(code), schools=5)
    assert breakdown.total == D("4200")
    assert [(t.funder, t.amount) for t in breakdown.totals_by_funder] == [
        ("hub_core_grant", D("2100")),
        ("amsp", D("2100")),
    ]


@pytest.mark.parametrize(
    ("role", "total"),
    [
        ("primary", D("8800")),
        ("secondary_hosting", D("6000")),
        ("secondary_non_hosting", D("3300")),
    ],
)
def test_the_exchange_from_the_catalogue(role, total):
    assert grant_for(finances=finances_of("NCP19-02"), schools=1, role=role).total == total


def test_the_llme_community_from_the_catalogue_is_paid_once_per_hub():
    breakdown = grant_for(finances=finances_of("NCP19-07"), schools=0)
    assert breakdown.total == 0
    assert [line.amount for line in breakdown.per_hub_lines] == [D("3500")]


@pytest.mark.parametrize("name", ["2019-20.yaml", "2023-24.yaml"])
def test_every_project_of_a_catalogue_gives_a_grant_for_every_role(name):
    for entry in load(name).ncps:
        roles = [role.key for role in entry.finances.roles] or [""]
        for role in roles:
            breakdown = grant_for(
                finances=entry.finances,
                schools=entry.model_size or 7,
                role=role,
                participants=16,
                model_size=entry.model_size,
            )
            assert breakdown.total >= 0, entry.code
            assert breakdown.lines or breakdown.per_hub_lines or breakdown.notes, (
                f"{entry.code} has neither finance rules nor notes"
            )
