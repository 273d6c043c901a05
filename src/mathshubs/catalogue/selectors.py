"""Reads of the catalogue, for pages and the API (ISSUE 4, item 2).

A year is found from how people write it (`2023-24` in URLs, `2023/24`, `2023`), an NCP
from its code however it is written (`NCP23-07a`, `ncp 19-11`, `NCP23-7a`). A draft
year and its NCPs are visible only to the national team (`catalogue/rules.py`); to
anyone else they look exactly like a missing year or code (404).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from mathshubs.catalogue.models import (
    NCP,
    TYPE_ORDER,
    AcademicYear,
    CatalogueStatus,
    NCPPhase,
    NCPType,
    canonical_ncp_code,
)
from mathshubs.catalogue.rules import can_view_year
from mathshubs.dates import academic_year_label
from mathshubs.directory.rules import is_national

YEAR_NOT_FOUND = "There is no catalogue for {year}."
YEAR_NOT_VALID = "{text!r} is not an academic year: write it like 2023-24."
NCP_NOT_FOUND = "There is no project with the code {code!r}. Write it like NCP23-07a."

# The handbook's headings for each type: its lists say "Work Groups", "Programmes"...
TYPE_HEADINGS: dict[str, str] = {
    NCPType.WORK_GROUP: "Work Groups",
    NCPType.PROGRAMME: "Programmes",
    NCPType.COMMUNITY: "Communities",
    NCPType.INTENSIVE_SUPPORT: "Intensive Support",
    NCPType.PROGRAMME_COHORT: "Programme cohorts",
    NCPType.LLME_COMMUNITY: "LLME Communities",
}
PHASE_ORDER = [phase.value for phase in NCPPhase]
_YEAR_TEXT = re.compile(r"^\s*(\d{4})(?:\s*[-/]\s*(\d{2}))?\s*$")


# --- Years ------------------------------------------------------------------------------------


def parse_year_text(text: str) -> int | None:
    """'2023-24', '2023/24' or '2023' -> 2023; None for anything else ('2023-25')."""
    match = _YEAR_TEXT.match(text or "")
    if not match:
        return None
    start = int(match.group(1))
    if match.group(2) is not None and int(match.group(2)) != (start + 1) % 100:
        return None
    return start


def year_slug(start_year: int) -> str:
    """2023 -> '2023-24', the year as it appears in a URL."""
    return academic_year_label(start_year).replace("/", "-")


def years_visible_to(user: Any) -> QuerySet[AcademicYear]:
    """Every year this user may see, latest first: published ones, and drafts for the
    national team."""
    years = AcademicYear.objects.order_by("-start_year")
    if is_national(user):
        return years
    return years.filter(status=CatalogueStatus.PUBLISHED)


def access_year(*, user: Any, year_text: str) -> AcademicYear:
    """The year written `year_text` if it exists and this user may see it; else 404."""
    start = parse_year_text(year_text)
    if start is None:
        raise Http404(YEAR_NOT_VALID.format(text=(year_text or "")[:20]))
    year = AcademicYear.objects.filter(start_year=start).first()
    if year is None or not can_view_year(user, year):
        raise Http404(YEAR_NOT_FOUND.format(year=academic_year_label(start)))
    return year


# --- NCPs ---------------------------------------------------------------------------------


def find_ncp(code_text: str) -> NCP | None:
    """The NCP with this code however it is written ('ncp 19-11', 'NCP23-7a'), whoever
    asks: use `access_ncp` for anything a person sees."""
    code = canonical_ncp_code(code_text or "")
    if code is None:
        return None
    return NCP.objects.select_related("year").filter(code__iexact=code).first()


def access_ncp(*, user: Any, code_text: str) -> NCP:
    """The NCP if it exists and its year is visible to this user; else 404."""
    ncp = find_ncp(code_text)
    if ncp is None or not can_view_year(user, ncp.year):
        raise Http404(NCP_NOT_FOUND.format(code=(code_text or "")[:30]))
    return ncp


def ncps_for_year(
    *,
    year: AcademicYear,
    phase: str | None = None,
    ncp_type: str | None = None,
    required: bool | None = None,
) -> QuerySet[NCP]:
    """The year's NCPs by number and suffix, filtered. A phase filter keeps every NCP listed
    under that phase, so one listed under several phases is kept for each of them."""
    ncps = NCP.objects.filter(year=year).select_related("year").order_by("number", "suffix")
    if phase:
        # `phases` is a JSON list; its text holds the value in quotes ('["primary"]'),
        # which works on SQLite and PostgreSQL alike.
        ncps = ncps.filter(phases__icontains=f'"{phase}"')
    if ncp_type:
        ncps = ncps.filter(ncp_type=ncp_type)
    if required is not None:
        ncps = ncps.filter(required=required)
    return ncps


@dataclass
class TypeGroup:
    ncp_type: str
    heading: str
    ncps: list[NCP] = field(default_factory=list)


@dataclass
class PhaseGroup:
    phase: str
    heading: str
    types: list[TypeGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.ncps) for group in self.types)


def group_by_type(ncps: list[NCP]) -> list[TypeGroup]:
    """NCPs grouped by type in the handbook's order (Work Groups, Programmes, Communities,
    Intensive Support); empty groups left out; order kept within a group."""
    groups = {value: TypeGroup(value, TYPE_HEADINGS[value]) for value in TYPE_ORDER}
    for ncp in ncps:
        groups[ncp.ncp_type].ncps.append(ncp)
    return [group for group in groups.values() if group.ncps]


def group_by_phase(ncps: list[NCP], phase: str | None = None) -> list[PhaseGroup]:
    """As the handbook lists them: by phase, then by type. An NCP under several phases
    appears under each; with `phase`, only that phase's list."""
    labels = dict(NCPPhase.choices)
    phases = [phase] if phase else PHASE_ORDER
    result = []
    for value in phases:
        listed = [ncp for ncp in ncps if value in ncp.phases]
        if listed:
            result.append(PhaseGroup(value, labels[value], group_by_type(listed)))
    return result
