"""The catalogue API at /api/v1/ (ISSUE 4, item 2): the years, a year's NCPs with filters,
one NCP by code. Published catalogues are public; a draft year answers only the national
team and is a 404 to everyone else, like a missing one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from mathshubs.accounts.api_auth import public_or_personal
from mathshubs.catalogue import selectors
from mathshubs.catalogue.models import NCP, AcademicYear, NCPPhase, NCPType
from mathshubs.catalogue.schema import YearFacts
from mathshubs.catalogue.schemas import Message, NCPOut, YearOut
from mathshubs.dates import academic_year_label

# Public, with more for the national team: a draft year, by session or personal token.
router = Router(tags=["catalogue"], auth=public_or_personal)


def year_out(year: AcademicYear) -> dict[str, Any]:
    slug = selectors.year_slug(year.start_year)
    copied_from = year.copied_from.start_year if year.copied_from else None
    return {
        "start_year": year.start_year,
        "label": year.label,
        "slug": slug,
        "status": year.status,
        "source": year.source,
        "copied_from": academic_year_label(copied_from) if copied_from else None,
        "ncp_count": getattr(year, "ncp_count", None) or year.ncps.count(),
        "facts": {name: getattr(year, name) for name in YearFacts.model_fields},
        "url": reverse("catalogue:year", args=[slug]),
    }


def ncp_out(ncp: NCP) -> dict[str, Any]:
    fields = [name for name in NCPOut.model_fields if hasattr(ncp, name) and name != "year"]
    return {
        **{name: getattr(ncp, name) for name in fields},
        "year": ncp.year.label,
        "code": ncp.code or None,
        "reference": ncp.reference,
        "new": ncp.is_new,
        "type": ncp.ncp_type or None,
        "type_label": ncp.get_ncp_type_display(),
        "journey_stage": ncp.journey_stage or None,
        "stage_name": ncp.stage.name if ncp.stage else None,
        "finances": ncp.finances or {},
        "url": reverse("catalogue:ncp", args=[ncp.reference]),
    }


@router.get("/years", response=list[YearOut], url_name="year_list", summary="The catalogue years")
def year_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Latest first. Drafts are listed only for the national team."""
    years = selectors.years_with_counts(selectors.years_visible_to(request.user))
    return [year_out(year) for year in years.select_related("copied_from")]


@router.get(
    "/years/{path:year}/ncps",
    response={200: list[NCPOut], 404: Message},
    url_name="year_ncps",
    summary="One year's NCPs, filtered",
)
def year_ncps(
    request: HttpRequest,
    year: str,
    phase: NCPPhase | None = None,
    type: NCPType | None = None,  # the catalogue file's own name
    required: bool | None = None,
) -> list[dict[str, Any]]:
    """`year` is written 2023-24, 2023/24 or 2023. `phase` keeps every NCP listed under that
    phase; `required` is true or false. Ordered by number and suffix."""
    found = selectors.access_year(user=request.user, year_text=year)
    ncps = selectors.ncps_for_year(
        year=found, phase=phase, ncp_type=type, required=required
    ).select_related("stage")
    return [ncp_out(ncp) for ncp in ncps]


@router.get(
    "/ncps/{code}",
    response={200: NCPOut, 404: Message},
    url_name="ncp_detail",
    summary="One NCP, by code",
)
def ncp_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    """`code` like NCP23-07a, in any case, with or without the space older documents use
    (`ncp%2019-11`)."""
    return ncp_out(selectors.access_ncp(user=request.user, code_text=code))
