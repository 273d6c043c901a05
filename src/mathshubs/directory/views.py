"""Directory pages: find your hub, hubs, institutions, people (ISSUE 3, item 8)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from mathshubs.activities.register import HUB_ACTIVE_TARGET
from mathshubs.audit.rules import can_view_person_changes
from mathshubs.dates import academic_year_label
from mathshubs.directory import selectors
from mathshubs.directory.findhub import find_hub as find_hub_search
from mathshubs.directory.forms import (
    ChangeEmailForm,
    FindHubForm,
    HubOverrideForm,
    InstitutionSearchForm,
    PeopleFilterForm,
)
from mathshubs.directory.models import Hub, Institution
from mathshubs.directory.rules import can_change_email, can_set_hub_override, can_view_people
from mathshubs.directory.services import institution_set_hub_override, person_change_email

INSTITUTIONS_PER_PAGE = 50
PEOPLE_PER_PAGE = 50
ACTIVE_LLME_TARGET = HUB_ACTIVE_TARGET
PEOPLE_FORBIDDEN = "Only the national team, hub staff and LLMEs can see lists of people"


def _paginate(request: HttpRequest, queryset: Any, per_page: int) -> tuple[Page, dict]:
    """A page of results and the GOV.UK pagination links (numbers, with ellipses) for it."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()

    def href(number: int) -> str:
        params["page"] = str(number)
        return "?" + params.urlencode()

    last = page.paginator.num_pages
    near = {1, last, page.number - 1, page.number, page.number + 1}
    shown = sorted(n for n in near if 1 <= n <= last)
    items: list[dict] = []
    for i, number in enumerate(shown):
        if i and number - shown[i - 1] > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page.number})
    pagination = {
        "items": items if last > 1 else [],
        "prev": href(page.previous_page_number()) if page.has_previous() else "",
        "next": href(page.next_page_number()) if page.has_next() else "",
    }
    return page, pagination


def find_hub(request: HttpRequest) -> HttpResponse:
    form = FindHubForm(request.GET) if "q" in request.GET else FindHubForm()
    result = find_hub_search(form.cleaned_data["q"]) if form.is_bound and form.is_valid() else None
    return render(request, "directory/find_hub.html", {"form": form, "result": result})


def hub_list(request: HttpRequest) -> HttpResponse:
    year = selectors.programme_year()
    hubs = list(selectors.hubs_with_summary(year=year).order_by("region", "name"))
    regions: dict[str, list[Hub]] = {}
    for hub in hubs:
        regions.setdefault(hub.region or "Region not known", []).append(hub)
    context = {"regions": regions, "hub_count": len(hubs), "year_label": academic_year_label(year)}
    return render(request, "directory/hub_list.html", context)


def hub_detail(request: HttpRequest, slug: str) -> HttpResponse:
    hub = get_object_or_404(Hub.objects.select_related("lead_institution"), slug=slug)
    year = selectors.programme_year()
    context = {
        "hub": hub,
        "former_names": list(hub.former_names.all()),
        "areas": list(hub.areas.select_related("local_authority")),
        "team": selectors.hub_team(hub=hub, year=year),
        "year_label": academic_year_label(year),
    }
    return render(request, "directory/hub_detail.html", context)


def institution_list(request: HttpRequest) -> HttpResponse:
    form = InstitutionSearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    hub = selectors.find_hub_by_ref(data.get("hub", ""))
    queryset = selectors.institutions_search(
        q=data.get("q", ""), la=data.get("la", ""), phase=data.get("phase", ""), hub=hub
    )
    page, pagination = _paginate(request, queryset, INSTITUTIONS_PER_PAGE)
    searched = any(data.get(k) for k in ("q", "la", "phase", "hub"))
    context = {"form": form, "page": page, "pagination": pagination, "searched": searched}
    return render(request, "directory/institution_list.html", context)


@require_http_methods(["GET", "POST"])
def institution_detail(request: HttpRequest, urn: int) -> HttpResponse:
    institution = get_object_or_404(
        Institution.objects.select_related(
            "local_authority", "hub", "hub_override", "hub_override_by__person"
        ),
        urn=urn,
    )
    may_override = can_set_hub_override(request.user)
    form = HubOverrideForm(initial={"hub": institution.hub_override})
    if request.method == "POST":
        if not may_override:
            raise PermissionDenied("Only the national team can choose a school's serving hub")
        form = HubOverrideForm(request.POST)
        if form.is_valid():
            hub = form.cleaned_data["hub"]
            institution_set_hub_override(institution=institution, hub=hub, by=request.user)
            messages.success(request, "Serving hub saved" if hub else "Serving hub reset")
            return redirect("directory:institution_detail", urn=urn)
    context = {
        "institution": institution,
        "form": form if may_override else None,
        "can_override": may_override,
    }
    return render(request, "directory/institution_detail.html", context)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    if not can_view_people(request.user):
        raise PermissionDenied(PEOPLE_FORBIDDEN)
    form = PeopleFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    hub = selectors.find_hub_by_ref(data.get("hub", ""))
    queryset = selectors.people_for(user=request.user, hub=hub, q=data.get("q", ""))
    page, pagination = _paginate(request, queryset, PEOPLE_PER_PAGE)
    context = {"form": form, "page": page, "pagination": pagination}
    return render(request, "directory/person_list.html", context)


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.access_person(user=request.user, person_id=person_id)
    may_change = can_change_email(request.user, person)
    roles = list(person.roles.select_related("hub").order_by("-academic_year", "role"))
    for role in roles:
        role.year_label = (
            academic_year_label(role.academic_year) if role.academic_year else "Ongoing"
        )
    context = {
        "person": person,
        "roles": roles,
        "may_change_email": may_change,
        "may_view_changes": can_view_person_changes(request.user, person),
        "email_changes": (
            list(person.email_changes.select_related("changed_by__person")) if may_change else []
        ),
    }
    return render(request, "directory/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_email(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.access_person_for_email_change(user=request.user, person_id=person_id)
    form = ChangeEmailForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            person_change_email(
                person=person, new_email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("email", exc.messages[0])
        else:
            messages.success(request, f"Email address changed to {person.email}")
            return redirect("directory:person_detail", person_id=person.pk)
    return render(request, "directory/person_email.html", {"person": person, "form": form})
