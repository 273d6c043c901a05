"""Catalogue years and NCPs for page, API and permission tests."""

from __future__ import annotations

from pathlib import Path

from mathshubs.catalogue.importers import catalogue_load
from mathshubs.catalogue.models import NCP, AcademicYear
from tests import factories as f

REPOSITORY = Path(__file__).resolve().parents[2]
CATALOGUE_2019 = REPOSITORY / "catalogues" / "2019-20.yaml"
CATALOGUE_2023 = REPOSITORY / "catalogues" / "2023-24.yaml"


def handbook_2019() -> AcademicYear:
    """The real 2019/20 catalogue, every section of its 25 projects."""
    return catalogue_load(CATALOGUE_2019)


def mixed_year(start_year: int = 2023, status: str = "published") -> AcademicYear:
    """One NCP of each main type, listed out of order, one under two phases."""
    year = f.AcademicYearFactory(start_year=start_year, status=status)
    ncp = f.NCPFactory
    ncp(
        year=year,
        number=33,
        title="Targeted Support in Maths",
        ncp_type="intensive_support",
        phases=["primary", "secondary"],
        required=None,
    )
    ncp(
        year=year,
        number=31,
        title="ITT Partnerships Communities",
        ncp_type="community",
        phases=["primary", "secondary"],
        required=False,
    )
    ncp(
        year=year,
        number=26,
        title="SKTM Primary Teachers Programme",
        ncp_type="programme",
        required=False,
    )
    ncp(
        year=year,
        number=19,
        title="Years 5-8 Continuity Work Groups",
        phases=["primary", "secondary"],
    )
    ncp(year=year, number=7, suffix="a", title="Mastering Number Work Groups")
    ncp(year=year, number=12, title="Secondary TfM Development Work Groups", phases=["secondary"])
    return year


def draft_year() -> AcademicYear:
    year = f.AcademicYearFactory(start_year=2024, status="draft")
    f.NCPFactory(year=year, number=8, title="Draft Mastery Readiness Work Groups")
    return year


def codes(ncps: list[NCP]) -> list[str]:
    return [ncp.code for ncp in ncps]
