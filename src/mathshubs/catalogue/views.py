"""Catalogue pages (ISSUE 4, item 2): the years, one year's projects by phase and type, one
project with every section; copying a year forward and publishing a draft (national team)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mathshubs.catalogue import selectors
from mathshubs.catalogue.forms import CatalogueFilterForm
from mathshubs.catalogue.models import AcademicYear, CatalogueStatus, canonical_ncp_code
from mathshubs.catalogue.rules import can_edit_catalogue
from mathshubs.catalogue.services import (
    CatalogueError,
    catalogue_copy,
    catalogue_export_yaml,
    catalogue_publish,
)
from mathshubs.dates import academic_year_label
from mathshubs.uploads import content_download

ONLY_NATIONAL = "Only the national team can change the catalogue."
COPIED = "{target} is drafted from {source}: only the national team sees it until it is published."
PUBLISHED = "{year} is published: everyone can see it now."


@dataclass
class YearRow:
    year: AcademicYear
    slug: str
    ncp_count: int
    next_label: str
    can_copy: bool
    can_publish: bool


def index(request: HttpRequest) -> HttpResponse:
    years = list(selectors.years_with_counts(selectors.years_visible_to(request.user)))
    editable = can_edit_catalogue(request.user)
    held = {year.start_year for year in years}
    rows = [
        YearRow(
            year=year,
            slug=selectors.year_slug(year.start_year),
            ncp_count=year.ncp_count,  # type: ignore[attr-defined]  # annotated
            next_label=academic_year_label(year.start_year + 1),
            can_copy=editable
            and year.status == CatalogueStatus.PUBLISHED
            and year.start_year + 1 not in held,
            can_publish=editable and year.status == CatalogueStatus.DRAFT and bool(year.ncp_count),  # type: ignore[attr-defined]
        )
        for year in years
    ]
    return render(request, "catalogue/index.html", {"years": rows, "editable": editable})


def year_detail(request: HttpRequest, year: str) -> HttpResponse:
    found = selectors.access_year(user=request.user, year_text=year)
    slug = selectors.year_slug(found.start_year)
    if year != slug:
        return redirect(reverse("catalogue:year", args=[slug]) + _query(request), permanent=True)
    form = CatalogueFilterForm(request.GET if request.GET else None)
    filters = form.filters()
    ncps = list(selectors.ncps_for_year(year=found, **filters))
    context = {
        "year": found,
        "form": form,
        "ncps": ncps,
        "year_slug": slug,
        "phases": selectors.group_by_phase(ncps, filters.get("phase")),
        "filtered": form.is_filtered,
        "editable": can_edit_catalogue(request.user),
    }
    return render(request, "catalogue/year.html", context)


def ncp_detail(request: HttpRequest, code: str) -> HttpResponse:
    ncp = selectors.access_ncp(user=request.user, code_text=code)
    if code != ncp.reference:
        # Another spelling of its code is for good (301); its year and slug, once it has
        # a code, point at the code for now (302).
        spelling = canonical_ncp_code(code) is not None
        url = reverse("catalogue:ncp", args=[ncp.reference]) + _query(request)
        return redirect(url, permanent=spelling)
    context = {
        "ncp": ncp,
        "page": selectors.ncp_page(ncp),
        "year": ncp.year,
        "year_slug": selectors.year_slug(ncp.year.start_year),
        "project_year": selectors.ordinal(ncp.project_year) if ncp.project_year else "",
        "lead_days": selectors.days_text(ncp.recommended_lead_days),
        "phase_titles": selectors.phase_titles(ncp),
        "partners": selectors.partners(ncp),
    }
    return render(request, "catalogue/ncp.html", context)


def year_yaml(request: HttpRequest, year: str) -> HttpResponse:
    """The year as a catalogue file, to edit and load again with `import-catalogue`."""
    found = selectors.access_year(user=request.user, year_text=year)
    return content_download(
        catalogue_export_yaml(found),
        filename=f"{selectors.year_slug(found.start_year)}.yaml",
        content_type="application/yaml; charset=utf-8",
    )


@require_POST
@login_required
def year_copy(request: HttpRequest, year: str) -> HttpResponse:
    found = selectors.access_year(user=request.user, year_text=year)
    if not can_edit_catalogue(request.user):
        raise PermissionDenied(ONLY_NATIONAL)
    try:
        target = catalogue_copy(
            source_year=found.start_year, target_year=found.start_year + 1, by=request.user
        )
    except CatalogueError as error:
        messages.error(request, str(error))
        return redirect("catalogue:index")
    messages.success(request, COPIED.format(target=target.label, source=found.label))
    return redirect("catalogue:year", selectors.year_slug(target.start_year))


@require_POST
@login_required
def year_publish(request: HttpRequest, year: str) -> HttpResponse:
    found = selectors.access_year(user=request.user, year_text=year)
    if not can_edit_catalogue(request.user):
        raise PermissionDenied(ONLY_NATIONAL)
    try:
        catalogue_publish(year=found, by=request.user)
    except CatalogueError as error:
        messages.error(request, str(error))
        return redirect("catalogue:index")
    messages.success(request, PUBLISHED.format(year=found.label))
    return redirect("catalogue:year", selectors.year_slug(found.start_year))


def _query(request: HttpRequest) -> str:
    query = request.GET.urlencode()
    return f"?{query}" if query else ""
