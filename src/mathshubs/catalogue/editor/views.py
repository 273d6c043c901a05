"""The editor's pages (ISSUE 12, part 2), for the national team: make a year, the year's
editor (its projects in the menu's order, what publishing still needs, its revisions), a
project's form, the year's details, and the comparison of two years or two revisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mathshubs.catalogue import selectors
from mathshubs.catalogue.diff import revisions_diff, years_diff
from mathshubs.catalogue.editor import services
from mathshubs.catalogue.editor.forms import (
    PARTNER_ROWS,
    ProjectForm,
    YearCreateForm,
    YearDetailsForm,
)
from mathshubs.catalogue.models import NCP, AcademicYear, CatalogueRevision, CatalogueStatus
from mathshubs.catalogue.rules import can_edit_catalogue
from mathshubs.catalogue.schema import OUTCOME_CATEGORIES
from mathshubs.catalogue.services import publish_missing
from mathshubs.dates import academic_year_label

ONLY_NATIONAL = "Only the national team edits the catalogue."
SAVED = "{project} is saved."
ADDED = "{project} is added to {year}."
WITHDRAWN = "{project} is withdrawn from {year}."
DETAILS_SAVED = "The details of {year} are saved."
CREATED = "{year} is ready to edit. It is a draft: only the national team sees it."
PROJECT_NOT_FOUND = "There is no such project in {year}: choose one from its editor."
COMPARE_NOTHING = "Choose a year or a revision to compare with."


def _year(request: HttpRequest, year: str) -> AcademicYear:
    found = selectors.access_year(user=request.user, year_text=year)
    if not can_edit_catalogue(request.user):
        raise PermissionDenied(ONLY_NATIONAL)
    return found


def _project(year: AcademicYear, slug: str) -> NCP:
    ncp = year.ncps.select_related("year", "stage").filter(slug=slug).first()
    if ncp is None:
        raise Http404(PROJECT_NOT_FOUND.format(year=year.label))
    return ncp


def _editor_url(year: AcademicYear) -> str:
    return reverse("catalogue:editor", args=[selectors.year_slug(year.start_year)])


def _apply_errors(form: Any, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@login_required
def year_new(request: HttpRequest) -> HttpResponse:
    if not can_edit_catalogue(request.user):
        raise PermissionDenied(ONLY_NATIONAL)
    years = list(AcademicYear.objects.order_by("-start_year"))
    form = YearCreateForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        copy_from = form.cleaned_data["copy_from"]
        try:
            year = services.year_create(
                start_year=form.cleaned_data["year"],
                by=request.user,
                copy_from=int(copy_from) if copy_from else None,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, CREATED.format(year=year.label))
            return redirect(_editor_url(year))
    return render(request, "catalogue/editor/year_new.html", {"form": form})


@login_required
def editor(request: HttpRequest, year: str) -> HttpResponse:
    found = _year(request, year)
    ncps = list(
        found.ncps.select_related("stage")
        .annotate(activity_count=Count("activities"))
        .order_by("position", "number", "suffix", "pk")
    )
    others = AcademicYear.objects.exclude(pk=found.pk).order_by("-start_year")
    revisions = list(found.revisions.select_related("made_by__person").order_by("-number"))
    context = {
        "year": found,
        "year_slug": selectors.year_slug(found.start_year),
        "ncps": ncps,
        "missing": publish_missing(ncps) if found.status == CatalogueStatus.DRAFT else [],
        "others": others,
        "revisions": revisions,
    }
    return render(request, "catalogue/editor/editor.html", context)


def _project_form(request: HttpRequest, found: AcademicYear, ncp: NCP | None) -> HttpResponse:
    initial = ProjectForm.initial_for(ncp) if ncp else {"new": True}
    form = ProjectForm(request.POST or None, initial=initial, year=found)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.project_save(
                year=found,
                by=request.user,
                entry=form.cleaned_data["entry"],
                ncp=ncp,
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            done = SAVED if ncp else ADDED
            messages.success(request, done.format(project=saved.title, year=found.label))
            return redirect(_editor_url(found) + f"#project-{saved.slug}")
    context = {
        "year": found,
        "year_slug": selectors.year_slug(found.start_year),
        "form": form,
        "ncp": ncp,
        "published": found.status == CatalogueStatus.PUBLISHED,
        "partner_rows": [
            (form[f"partner_{n}_name"], form[f"partner_{n}_amount"], form[f"partner_{n}_note"])
            for n in range(1, PARTNER_ROWS + 1)
        ],
        "outcome_fields": [form[f"outcomes_{i}"] for i in range(len(OUTCOME_CATEGORIES))],
    }
    return render(request, "catalogue/editor/project.html", context)


@login_required
def project_add(request: HttpRequest, year: str) -> HttpResponse:
    return _project_form(request, _year(request, year), None)


@login_required
def project_change(request: HttpRequest, year: str, slug: str) -> HttpResponse:
    found = _year(request, year)
    return _project_form(request, found, _project(found, slug))


@login_required
@require_POST
def project_move(request: HttpRequest, year: str, slug: str) -> HttpResponse:
    found = _year(request, year)
    ncp = _project(found, slug)
    direction = request.POST.get("direction", "")
    if direction not in services.MOVED:
        raise Http404(PROJECT_NOT_FOUND.format(year=found.label))
    services.project_move(ncp=ncp, by=request.user, direction=direction)
    return redirect(_editor_url(found) + f"#project-{ncp.slug}")


@login_required
def project_withdraw(request: HttpRequest, year: str, slug: str) -> HttpResponse:
    found = _year(request, year)
    ncp = _project(found, slug)
    problem = ""
    if request.method == "POST":
        try:
            services.project_withdraw(
                ncp=ncp, by=request.user, note=request.POST.get("note", "")[:300]
            )
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, WITHDRAWN.format(project=ncp.title, year=found.label))
            return redirect(_editor_url(found))
    context = {
        "year": found,
        "year_slug": selectors.year_slug(found.start_year),
        "ncp": ncp,
        "problem": problem,
        "published": found.status == CatalogueStatus.PUBLISHED,
    }
    return render(request, "catalogue/editor/withdraw.html", context)


@login_required
def year_details(request: HttpRequest, year: str) -> HttpResponse:
    found = _year(request, year)
    form = YearDetailsForm(request.POST or None, initial=YearDetailsForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.year_facts_save(
                year=found,
                by=request.user,
                facts=form.cleaned_data["facts"],
                source=form.cleaned_data["source"],
                stages=form.cleaned_data["stage_entries"],
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, DETAILS_SAVED.format(year=found.label))
            return redirect(_editor_url(found))
    context = {
        "year": found,
        "year_slug": selectors.year_slug(found.start_year),
        "form": form,
        "published": found.status == CatalogueStatus.PUBLISHED,
    }
    return render(request, "catalogue/editor/details.html", context)


def _revision(year: AcademicYear, number: str | None) -> CatalogueRevision | None:
    if not (number or "").isdigit() or len(number or "") > 6:
        return None
    return year.revisions.filter(number=int(number or 0)).first()


@login_required
def compare(request: HttpRequest, year: str) -> HttpResponse:
    """This year beside another (`?with=2023-24`), or two of its revisions
    (`?from=1&to=3`), in words."""
    found = _year(request, year)
    diff = None
    other_text = request.GET.get("with", "")
    if other_text:
        other = selectors.access_year(user=request.user, year_text=other_text)
        diff = years_diff(found, other)
    elif request.GET.get("from") or request.GET.get("to"):
        first = _revision(found, request.GET.get("from"))
        second = _revision(found, request.GET.get("to"))
        if first is None or second is None:
            raise Http404(COMPARE_NOTHING)
        diff = revisions_diff(first, second)
    context = {
        "year": found,
        "year_slug": selectors.year_slug(found.start_year),
        "diff": diff,
        "others": AcademicYear.objects.exclude(pk=found.pk).order_by("-start_year"),
        "revisions": found.revisions.order_by("number"),
        "previous_label": academic_year_label(found.start_year - 1),
    }
    return render(request, "catalogue/editor/compare.html", context)
