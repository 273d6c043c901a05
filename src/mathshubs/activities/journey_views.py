"""Pages of the Teaching for Mastery journey and the LLME register (ISSUE 4, parts 5 and 6).

Each view checks access through `journey` or `register` (a hub or person the user may not
see answers 404, like a missing one), parses a form, calls one service and redirects; a
service's ValidationError is shown beside its field, with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mathshubs.activities import journey, journey_forms, register
from mathshubs.activities.models import Activity, DevelopmentProgramme
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub, Person
from mathshubs.directory.rules import programme_year_for
from mathshubs.directory.selectors import find_hub_by_ref
from mathshubs.directory.views import _paginate

SCHOOLS_PER_PAGE = 50
FORM_METHODS = ["GET", "POST"]


def _years(request: HttpRequest) -> list[int]:
    """The years offered in the year filters: from the first with activities to the last."""
    span = Activity.objects.aggregate(first=Min("academic_year"), latest=Max("academic_year"))
    if span["first"] is None:
        return []
    return list(range(span["first"], span["latest"] + 1))


def _show_errors(form: Any, exc: ValidationError) -> None:
    errors = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
    for key, items in errors.items():
        for message in ValidationError(items).messages:
            form.add_error(key if key in form.fields else None, message)


# --- The journey -------------------------------------------------------------------------------


@login_required
def hub_journey(request: HttpRequest, slug: str) -> HttpResponse:
    """A hub's schools by stage in a year, and "Schools ready for ..." to recruit from."""
    hub = journey.access_hub(user=request.user, ref=slug)
    default = programme_year_for(request.user)
    form = journey_forms.ReadyForm(request.GET or None, years=_years(request), default_year=default)
    year = form.chosen_year(default)
    step = form.cleaned_data.get("next") if form.is_bound and form.is_valid() else ""
    context: dict[str, Any] = {
        "hub": hub,
        "form": form,
        "year": year,
        "year_label": academic_year_label(year),
        "year_slug": journey_forms.year_slug(year),
        "next_year_label": academic_year_label(year + 1),
        "counts": journey.hub_stage_counts(hub=hub, year=year),
        "step": step,
    }
    if step:
        queryset = journey.institutions_ready_for(hub=hub, next_step=step, year=year)
        page, pagination = _paginate(request, queryset, SCHOOLS_PER_PAGE)
        context.update(
            page=page,
            pagination=pagination,
            rows=journey.ready_rows(list(page.object_list), year=year),
            step_label=journey.STAGE_LABELS[step],
            step_joins=journey.STEP_JOINS[step],
        )
    return render(request, "activities/journey_hub.html", context)


# --- The LLME register -------------------------------------------------------------------------


@login_required
def hub_llmes(request: HttpRequest, slug: str) -> HttpResponse:
    hub = register.access_register(user=request.user, ref=slug)
    default = programme_year_for(request.user)
    form = journey_forms.RegisterFilterForm(
        request.GET or None, years=_years(request), default_year=default
    )
    year = form.chosen_year(default)
    people = register.community(hub=hub, year=year, active=form.chosen_active())
    context = {
        "hub": hub,
        "form": form,
        "year": year,
        "year_label": academic_year_label(year),
        "year_slug": journey_forms.year_slug(year),
        "rows": [register.RegisterRow(p) for p in people],
        "counts": register.hub_counts(hub=hub, year=year),
        "full": register.can_manage_register(request.user, hub),
        "filtered": form.chosen_active() is not None,
        "may_view_national": register.can_view_national_llmes(request.user),
    }
    return render(request, "activities/register_hub.html", context)


@login_required
def national_llmes(request: HttpRequest) -> HttpResponse:
    if not register.can_view_national_llmes(request.user):
        raise PermissionDenied(register.NATIONAL_FORBIDDEN)
    default = programme_year_for(request.user)
    form = journey_forms.RegisterFilterForm(
        request.GET or None, years=_years(request), default_year=default
    )
    year = form.chosen_year(default)
    context = {"form": form, "counts": register.national_counts(year=year)}
    return render(request, "activities/register_national.html", context)


def _llme_page(request: HttpRequest, slug: str, person_id: int) -> tuple[Hub, Person]:
    hub = find_hub_by_ref(slug)
    if hub is None:
        raise Http404(register.REGISTER_NOT_FOUND)
    return hub, register.access_llme(user=request.user, hub=hub, person_id=person_id)


def _llme_url(hub: Hub, person: Person) -> str:
    return reverse("journey:llme_edit", args=[hub.slug, person.pk])


@login_required
@require_http_methods(FORM_METHODS)
def llme_edit(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    """An LLME's elements of expertise (saved here) and development programmes (listed)."""
    hub, person = _llme_page(request, slug, person_id)
    held = list(person.expertise.values_list("element", flat=True))
    form = journey_forms.ExpertiseForm(
        request.POST if request.method == "POST" else None, initial={"elements": held}
    )
    if request.method == "POST" and form.is_valid():
        try:
            register.llme_set_expertise(
                person=person, elements=form.cleaned_data["elements"], by=request.user
            )
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, f"Expertise saved for {person.full_name}")
            return redirect(_llme_url(hub, person))
    context = {
        "hub": hub,
        "person": person,
        "form": form,
        "programmes": person.development_programmes.order_by("-started_year", "programme"),
        "roles": person.roles.filter(hub=hub, role__in=register.LLME_ROLES).order_by(
            "-academic_year", "role"
        ),
    }
    return render(request, "activities/register_llme.html", context)


def _programme_form(request: HttpRequest, record: DevelopmentProgramme | None) -> Any:
    initial: dict[str, Any] = {}
    if record is not None:
        initial = {
            "programme": record.programme,
            "phase": record.phase,
            "cohort": record.cohort,
            "started_year": record.started_year,
            "completed_on": record.completed_on,
            "accredited_on": record.accredited_on,
        }
    data = request.POST if request.method == "POST" else None
    return journey_forms.ProgrammeForm(data, initial=initial, last_year=timezone.localdate().year)


def _programme_page(
    request: HttpRequest, slug: str, person_id: int, programme_id: int | None
) -> HttpResponse:
    hub, person = _llme_page(request, slug, person_id)
    record = None
    if programme_id is not None:
        record = register.access_programme(person=person, programme_id=programme_id)
    form = _programme_form(request, record)
    if request.method == "POST" and form.is_valid():
        try:
            if record is None:
                register.development_programme_record(
                    person=person, hub=hub, by=request.user, **form.cleaned_data
                )
            else:
                register.development_programme_update(
                    record=record, by=request.user, **form.cleaned_data
                )
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            done = "recorded" if record is None else "changed"
            messages.success(request, f"Development programme {done} for {person.full_name}")
            return redirect(_llme_url(hub, person))
    context = {"hub": hub, "person": person, "form": form, "record": record}
    return render(request, "activities/register_programme.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def programme_add(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    return _programme_page(request, slug, person_id, None)


@login_required
@require_http_methods(FORM_METHODS)
def programme_change(
    request: HttpRequest, slug: str, person_id: int, programme_id: int
) -> HttpResponse:
    return _programme_page(request, slug, person_id, programme_id)
