"""Hub activity pages (ISSUE 4, "Hub activities"): plan a hub's year from the catalogue or
locally, then manage an activity's leads, schools and participants.

Each view checks access through `selectors`, parses a form, calls one service and
redirects; a service's ValidationError is shown beside the field it is about, with
what was typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mathshubs.activities import forms, selectors, services
from mathshubs.activities.models import Activity, EnrolmentStatus
from mathshubs.activities.rules import (
    can_plan_for_hub,
    can_plan_somewhere,
    can_view_hub_grants,
    criteria_hint,
    hubs_planned_by,
)
from mathshubs.catalogue.models import AcademicYear, CatalogueStatus
from mathshubs.catalogue.selectors import access_ncp, year_slug
from mathshubs.dates import academic_year_label, current_academic_year
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import is_hub_staff, is_national, programme_year_for
from mathshubs.directory.views import _paginate

PLAN_FORBIDDEN = "Only hub staff and the national team can plan activities"
YEAR_NOT_FOUND = "There is no programme year like that"
ACTIVITIES_PER_PAGE = 50
FORM_METHODS = ["GET", "POST"]


def _show_errors(form: Any, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's messages beside the form's fields (or above the form)."""
    errors = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
    for key, items in errors.items():
        name = (aliases or {}).get(key, key)
        for message in ValidationError(items).messages:
            form.add_error(name if name in form.fields else None, message)


def _submit(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict], tuple[str, str]],
    aliases: dict[str, str] | None = None,
) -> HttpResponse | None:
    """On a valid POST, run the action, which gives a message and where to go next; on a
    service's refusal, show its messages and keep what was typed."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        message, url = action(form.cleaned_data)
    except ValidationError as exc:
        _show_errors(form, exc, aliases)
        return None
    messages.success(request, message)
    return redirect(url)


def _posted(request: HttpRequest) -> Any:
    # An empty POST is still a submission: its form must show "Enter ..." errors.
    return request.POST if request.method == "POST" else None


def _years(request: HttpRequest) -> list[tuple[int, str]]:
    return forms.year_choices(programme_year_for(request.user), current_academic_year())


def _detail_url(activity: Activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def _today_initial() -> dict[str, Any]:
    return {"on": timezone.localdate()}


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    default_year = programme_year_for(request.user)
    form = forms.ActivityFilterForm(
        request.GET or None, years=_years(request), initial={"year": default_year}
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    national = is_national(request.user)
    year = data.get("year") or default_year
    hub = data.get("hub") if national else None
    queryset = selectors.activities_for(user=request.user, year=year, hub=hub)
    page, pagination = _paginate(request, queryset, ACTIVITIES_PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "pagination": pagination,
        "year": year,
        "year_label": academic_year_label(year),
        "show_hub_filter": national,
        "show_counts": national or is_hub_staff(request.user),
        "may_plan": can_plan_somewhere(request.user),
    }
    return render(request, "activities/activity_list.html", context)


def _catalogue_url(year: int) -> str:
    """The catalogue page of a year, when the year has a catalogue (catalogue app)."""
    if not AcademicYear.objects.filter(start_year=year).exists():
        return ""
    return reverse("catalogue:year", args=[year_slug(year)])


@login_required
def hub_current(request: HttpRequest, slug: str) -> HttpResponse:
    """The hub's plan for the programme year (the hub page links here)."""
    return redirect("activities:hub_year", slug=slug, year=programme_year_for(request.user))


@login_required
def hub_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    hub = get_object_or_404(Hub, slug=slug)
    if not 2000 <= year <= 2100:
        raise Http404(YEAR_NOT_FOUND)
    context = {
        "hub": hub,
        "year": year,
        "year_label": academic_year_label(year),
        "groups": selectors.hub_year_plan(user=request.user, hub=hub, year=year),
        "may_plan": can_plan_for_hub(request.user, hub),
        "catalogue_url": _catalogue_url(year),
    }
    return render(request, "activities/hub_year.html", context)


def _planned_hubs(request: HttpRequest) -> Any:
    if not can_plan_somewhere(request.user):
        raise PermissionDenied(PLAN_FORBIDDEN)
    return hubs_planned_by(request.user)


@login_required
@require_http_methods(FORM_METHODS)
def run_ncp(request: HttpRequest, code: str) -> HttpResponse:
    ncp = access_ncp(user=request.user, code_text=code)
    hubs = _planned_hubs(request)
    draft = ncp.year.status != CatalogueStatus.PUBLISHED
    initial = {"hub": hubs[0].slug} if len(hubs) == 1 else {}
    form = forms.RunProjectForm(_posted(request), ncp=ncp, hubs=hubs, initial=initial)

    def run(data: dict) -> tuple[str, str]:
        activity = services.activity_create(
            hub=data["hub"],
            year=ncp.year.start_year,
            by=request.user,
            ncp=ncp,
            title=data["title"],
            phase=data.get("phase", ""),
            grant_role=data.get("grant_role", ""),
        )
        return f"{activity.title} is in the plan for {ncp.year.label}", _detail_url(activity)

    done = None if draft else _submit(request, form, run)
    context = {"ncp": ncp, "form": form, "draft": draft, "one_hub": len(hubs) == 1}
    return done or render(request, "activities/run_ncp.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def create_local(request: HttpRequest) -> HttpResponse:
    hubs = _planned_hubs(request)
    initial = {
        "hub": request.GET.get("hub") or (hubs[0].slug if len(hubs) == 1 else ""),
        "year": request.GET.get("year") or programme_year_for(request.user),
    }
    form = forms.LocalActivityForm(
        _posted(request), hubs=hubs, years=_years(request), initial=initial
    )

    def create(data: dict) -> tuple[str, str]:
        activity = services.activity_create(
            hub=data["hub"],
            year=data["year"],
            by=request.user,
            title=data["title"],
            activity_type=data["activity_type"],
            phase=data["phase"],
            is_riwg=data["is_riwg"],
            research_question=data["research_question"],
        )
        return (
            f"{activity.title} is in the plan for {academic_year_label(activity.academic_year)}",
            _detail_url(activity),
        )

    done = _submit(request, form, create)
    return done or render(request, "activities/create_local.html", {"form": form})


def _grant_of(request: HttpRequest, activity: Activity, *, said: str) -> Any:
    """The activity's grant for those who may see the hub's grants, without repeating the
    warning the page has already given (`said`)."""
    if not can_view_hub_grants(request.user, activity.hub):
        return None
    from mathshubs.grants.selectors import activity_grant  # grants builds on activities

    grant = activity_grant(activity)
    grant.warnings = [warning for warning in grant.warnings if warning != said]
    return grant


def _in_space(request: HttpRequest, detail: selectors.ActivityDetail) -> bool:
    """Whether the person reads the activity's space (collaboration.membership): its
    leads and participants, and the national team; from what the page has read."""
    person = getattr(request.user, "person", None)
    if person is None:
        return False
    return (
        is_national(request.user)
        or any(lead.pk == person.pk for lead in detail.leads)
        or any(
            p.person_id == person.pk and p.status != EnrolmentStatus.WITHDRAWN
            for p in detail.participants
        )
    )


@login_required
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.access_activity(user=request.user, activity_id=activity_id)
    detail = selectors.activity_detail(user=request.user, activity=activity)
    from mathshubs.evaluation.results.rules import can_read_activity_surveys
    from mathshubs.evaluation.rules import can_read_happi  # evaluation builds on activities
    from mathshubs.events.models import RegistrationStatus  # events build on activities

    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    context = {
        "activity": activity,
        "detail": detail,
        "year_label": academic_year_label(activity.academic_year),
        "grant": _grant_of(request, activity, said=detail.model_size_warning),
        "reads_happi": can_read_happi(request.user, activity),
        "reads_surveys": can_read_activity_surveys(request.user, activity),
        "in_space": _in_space(request, detail),
        # One query, the confirmed places counted in it (events app, organisers' part).
        "events": activity.events.annotate(
            confirmed_count=Count("registrations", filter=confirmed)
        ).order_by("starts_at", "pk"),
    }
    return render(request, "activities/activity_detail.html", context)


def _managed(request: HttpRequest, activity_id: int) -> Activity:
    return selectors.access_activity(user=request.user, activity_id=activity_id, manage=True)


@login_required
@require_http_methods(FORM_METHODS)
def add_lead(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    form = forms.PersonByEmailForm(_posted(request))

    def add(data: dict) -> tuple[str, str]:
        person = selectors.person_by_email(data["email"])
        services.activity_add_lead(activity=activity, person=person, by=request.user)
        return f"{person.full_name} now leads this activity", _detail_url(activity)

    done = _submit(request, form, add, aliases={"person": "email"})
    context = {"activity": activity, "form": form}
    return done or render(request, "activities/add_lead.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def remove_lead(request: HttpRequest, activity_id: int, person_id: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    person = selectors.lead_of(activity=activity, person_id=person_id)
    if request.method == "POST":
        services.activity_remove_lead(activity=activity, person=person, by=request.user)
        messages.success(request, f"{person.full_name} no longer leads this activity")
        return redirect(_detail_url(activity))
    return render(request, "activities/remove_lead.html", {"activity": activity, "person": person})


@login_required
@require_http_methods(FORM_METHODS)
def enrol_school(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    detail = selectors.activity_detail(user=request.user, activity=activity)
    form = forms.EnrolSchoolForm(
        _posted(request), criteria=detail.criteria, initial=_today_initial()
    )

    def enrol(data: dict) -> tuple[str, str]:
        school = selectors.institution_by_ref(data["institution"], hub=activity.hub)
        services.school_enrol(
            activity=activity,
            institution=school,
            by=request.user,
            on=data["on"],
            criteria_met=data.get("criteria_met", []),
        )
        return f"{school.name} is enrolled", _detail_url(activity)

    done = _submit(request, form, enrol)
    context = {
        "activity": activity,
        "form": form,
        "detail": detail,
        "criteria_hint": criteria_hint(activity.ncp) if detail.criteria else "",
    }
    return done or render(request, "activities/enrol_school.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def withdraw_school(request: HttpRequest, activity_id: int, urn: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    enrolment = selectors.enrolment_in(activity=activity, urn=urn)
    form = forms.WithdrawForm(_posted(request), initial=_today_initial())

    def withdraw(data: dict) -> tuple[str, str]:
        services.school_withdraw(
            enrolment=enrolment, on=data["on"], reason=data["reason"], by=request.user
        )
        return f"{enrolment.institution.name} has withdrawn", _detail_url(activity)

    done = _submit(request, form, withdraw)
    name = enrolment.institution.name
    context = {"activity": activity, "form": form, "name": name, "is_school": True}
    return done or render(request, "activities/withdraw.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def complete_school(request: HttpRequest, activity_id: int, urn: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    enrolment = selectors.enrolment_in(activity=activity, urn=urn)
    form = forms.CompleteForm(_posted(request), initial=_today_initial())

    def complete(data: dict) -> tuple[str, str]:
        services.school_complete(enrolment=enrolment, on=data["on"], by=request.user)
        return f"{enrolment.institution.name} has completed the activity", _detail_url(activity)

    done = _submit(request, form, complete)
    context = {"activity": activity, "form": form, "name": enrolment.institution.name}
    return done or render(request, "activities/complete.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def complete_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    form = forms.CompleteForm(_posted(request), initial=_today_initial())

    def complete(data: dict) -> tuple[str, str]:
        count = services.activity_complete(activity=activity, on=data["on"], by=request.user)
        noun = "school has" if count == 1 else "schools have"
        return f"{count} {noun} completed the activity", _detail_url(activity)

    done = _submit(request, form, complete)
    context = {"activity": activity, "form": form, "name": None}
    return done or render(request, "activities/complete.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def add_participant(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    schools = list(selectors.enrolled_institutions(activity=activity))
    form = forms.AddParticipantForm(_posted(request), institutions=schools)

    def add(data: dict) -> tuple[str, str]:
        person = selectors.person_by_email(data["email"])
        services.participant_add(
            activity=activity,
            person=person,
            institution=data["institution"],
            is_lead_participant=data["is_lead_participant"],
            by=request.user,
        )
        return f"{person.full_name} takes part for {data['institution'].name}", _detail_url(
            activity
        )

    done = _submit(request, form, add, aliases={"person": "email"})
    context = {"activity": activity, "form": form, "schools": schools}
    return done or render(request, "activities/add_participant.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def withdraw_participant(request: HttpRequest, activity_id: int, person_id: int) -> HttpResponse:
    activity = _managed(request, activity_id)
    participation = selectors.participation_in(activity=activity, person_id=person_id)
    form = forms.WithdrawForm(_posted(request), initial=_today_initial())

    def withdraw(data: dict) -> tuple[str, str]:
        services.participant_withdraw(
            participation=participation, on=data["on"], reason=data["reason"], by=request.user
        )
        return f"{participation.person.full_name} has withdrawn", _detail_url(activity)

    done = _submit(request, form, withdraw)
    context = {"activity": activity, "form": form, "name": participation.person.full_name}
    return done or render(request, "activities/withdraw.html", context)
