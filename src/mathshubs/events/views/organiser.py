"""Event pages: organiser (ISSUE 5, parts 1, 2, 5 and 6): create and edit events, cancel
one, invite people, give each confirmed person their join link, and download the catering
and access list.

Each page finds the event through `access_event` (404 for anyone who may not see it),
then checks `can_organise_event` (403 for someone who sees it but does not organise it),
parses a form, calls one service and redirects; a service's refusal is shown beside its
field with what was typed kept.
"""

from __future__ import annotations

import csv
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.views.decorators.http import require_http_methods

from mathshubs.activities.selectors import access_activity
from mathshubs.activities.views import _posted, _submit
from mathshubs.dates import LONDON
from mathshubs.directory.rules import person_of
from mathshubs.events import forms_organiser as forms
from mathshubs.events.models import Event, EventKind, RegistrationStatus
from mathshubs.events.rules import (
    can_create_activity_event,
    can_create_national_event,
)
from mathshubs.events.selectors import access_event_requirements, access_organised_event
from mathshubs.events.services import invitations, organising
from mathshubs.events.services.organising import (
    CREATE_FORBIDDEN,
    CREATE_NATIONAL_FORBIDDEN,
    when_text,
)
from mathshubs.exports import spreadsheet_safe
from mathshubs.uploads import as_attachment

FORM_METHODS = ["GET", "POST"]
JOIN_LINKS_ONLY_ONLINE = "Join links are for online events: this event is face to face."


def event_url(event: Event) -> str:
    """The event's own page (participant pages), or its edit page until that exists."""
    try:
        return reverse("events:detail", args=[event.pk])
    except NoReverseMatch:
        return reverse("events:edit", args=[event.pk])


def _context(event: Event, **extra: Any) -> dict[str, Any]:
    when = when_text(event.starts_at, event.ends_at)
    return {"event": event, "when": when, "back_url": event_url(event), **extra}


def _events_url() -> str:
    try:
        return reverse("events:list")
    except NoReverseMatch:
        return reverse("home")


def _all_forms(*shown: Any) -> dict[str, Any]:
    """For a page of several forms: their common error summary."""
    return {"all_forms": shown, "has_errors": any(form.errors for form in shown)}


@login_required
@require_http_methods(FORM_METHODS)
def create(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(user=request.user, activity_id=activity_id)
    if not can_create_activity_event(request.user, activity):
        raise PermissionDenied(CREATE_FORBIDDEN)
    initial = forms.new_event_initial(activity, person_of(request.user))
    form = forms.EventForm(_posted(request), initial=initial)

    def save(data: dict) -> tuple[str, str]:
        event = organising.event_create(
            by=request.user, activity=activity, kind=EventKind.SESSION, **form.event_values()
        )
        return f"{event.title} is created. Its participants are invited by email", event_url(event)

    done = _submit(request, form, save, aliases=form.ALIASES)
    back_url = reverse("activities:detail", args=[activity.pk])
    context = {"form": form, "activity": activity, "heading": "Add an event", "back_url": back_url}
    return done or render(request, "events/organiser/event_form.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def create_national(request: HttpRequest) -> HttpResponse:
    if not can_create_national_event(request.user):
        raise PermissionDenied(CREATE_NATIONAL_FORBIDDEN)
    initial = forms.new_event_initial(contact=person_of(request.user))
    form = forms.EventForm(_posted(request), initial=initial, national=True)

    def save(data: dict) -> tuple[str, str]:
        event = organising.event_create(
            by=request.user, kind=data["kind"], ncp=data["ncp"], **form.event_values()
        )
        return f"{event.title} is created", event_url(event)

    done = _submit(request, form, save, aliases=form.ALIASES)
    context = {"form": form, "heading": "Create a national event", "back_url": _events_url()}
    return done or render(request, "events/organiser/event_form.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_organised_event(user=request.user, event_id=event_id, action="change this event")
    form = forms.EventForm(_posted(request), initial=forms.event_initial(event))

    def save(data: dict) -> tuple[str, str]:
        changes = organising.event_update(event=event, by=request.user, **form.event_values())
        if not changes:
            return "Nothing was changed", event_url(event)
        return "Saved. Changed: " + "; ".join(changes), event_url(event)

    done = _submit(request, form, save, aliases=form.ALIASES)
    context = _context(event, form=form, heading="Edit the event")
    return done or render(request, "events/organiser/event_form.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def cancel_event(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_organised_event(user=request.user, event_id=event_id, action="change this event")
    form = forms.CancelEventForm(_posted(request))

    def cancel(data: dict) -> tuple[str, str]:
        organising.event_cancel(event=event, by=request.user, reason=data["reason"])
        return "The event is cancelled. The people with a place are told by email", event_url(event)

    done = _submit(request, form, cancel)
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    context = _context(event, form=form, confirmed=confirmed)
    return done or render(request, "events/organiser/cancel_event.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def invite(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_organised_event(user=request.user, event_id=event_id, action="change this event")
    sent = request.POST.get("send") if request.method == "POST" else None
    typed = forms.InviteForm(request.POST if sent == "emails" else None)
    upload = forms.CsvFileForm(
        request.POST if sent == "file" else None, request.FILES if sent == "file" else None
    )
    here = reverse("events:invite", args=[event.pk])

    def by_emails(data: dict) -> tuple[str, str]:
        emails = invitations.emails_from_text(data["emails"])
        return invitations.invitations_add(
            event=event, by=request.user, emails=emails
        ).message, here

    def by_file(data: dict) -> tuple[str, str]:
        done = invitations.invitations_import_csv(event=event, by=request.user, file=data["file"])
        return done.message, here

    done = _submit(request, typed, by_emails) if sent == "emails" else None
    done = done or (_submit(request, upload, by_file) if sent == "file" else None)
    context = _context(event, form=typed, upload=upload, **_all_forms(typed, upload))
    return done or render(request, "events/organiser/invite.html", context)


def _join_rows(event: Event, posted: Any) -> list[dict[str, Any]]:
    registrations = (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("person__institution")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    rows = []
    for registration in registrations:
        mine = posted is not None and posted.get("person") == str(registration.person_id)
        form = forms.JoinLinkForm(
            posted if mine else None,
            prefix=None,
            initial={"person": registration.person_id, "url": registration.join_url},
            auto_id=f"link-{registration.person_id}-%s",
        )
        rows.append({"registration": registration, "form": form, "posted": mine})
    return rows


@login_required
@require_http_methods(FORM_METHODS)
def join_links(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_organised_event(user=request.user, event_id=event_id, action="change this event")
    if not event.is_online:
        raise Http404(JOIN_LINKS_ONLY_ONLINE)
    sent = request.POST.get("send") if request.method == "POST" else None
    rows = _join_rows(event, request.POST if sent == "row" else None)
    upload = forms.CsvFileForm(
        request.POST if sent == "file" else None, request.FILES if sent == "file" else None
    )
    here = reverse("events:join_links", args=[event.pk])
    if sent == "row":
        row = next((r for r in rows if r["posted"]), None)
        if row is None:
            raise Http404("That person has no place at this event.")
        person = row["registration"].person

        def set_link(data: dict) -> tuple[str, str]:
            invitations.join_url_set(event=event, by=request.user, person=person, url=data["url"])
            return f"Saved the join link of {person.full_name}", here

        if done := _submit(request, row["form"], set_link):
            return done
    if sent == "file":

        def by_file(data: dict) -> tuple[str, str]:
            count = invitations.join_urls_import_csv(
                event=event, by=request.user, file=data["file"]
            )
            return f"Imported {count} join link{'' if count == 1 else 's'}", here

        if done := _submit(request, upload, by_file):
            return done
    forms_shown = [row["form"] for row in rows if row["posted"]]
    context = _context(event, rows=rows, upload=upload, **_all_forms(*forms_shown, upload))
    return render(request, "events/organiser/join_links.html", context)


@login_required
def catering(request: HttpRequest, event_id: int) -> HttpResponse:
    """The organisers' catering and access list (ISSUE 5, part 6): the only export with
    requirements in it. Erased requirements are noted, so an empty cell is not misread."""
    event, registrations = access_event_requirements(user=request.user, event_id=event_id)
    registrations = registrations.select_related("person__institution").order_by(
        "person__last_name", "person__first_name", "pk"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    as_attachment(response, f"event-{event.pk}-requirements.csv")
    response.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(response)
    writer.writerow(["Name", "Institution", "Dietary", "Access", "Other", "Note"])
    for registration in registrations:
        person = registration.person
        erased = registration.requirements_erased_at
        note = ""
        if erased:
            erased = erased.astimezone(LONDON)
            note = f"Requirements erased on {erased.day} {erased:%B %Y}, after the event"
        writer.writerow(
            [
                spreadsheet_safe(text)
                for text in (
                    person.full_name,
                    person.institution.name if person.institution else "",
                    registration.dietary_requirements,
                    registration.access_requirements,
                    registration.other_requirements,
                    note,
                )
            ]
        )
    return response


urlpatterns = [
    path("activities/<id:activity_id>/events/new/", create, name="create"),
    path("events/new/", create_national, name="create_national"),
    path("events/<id:event_id>/edit/", edit, name="edit"),
    path("events/<id:event_id>/cancel-event/", cancel_event, name="cancel_event"),
    path("events/<id:event_id>/invite/", invite, name="invite"),
    path("events/<id:event_id>/join-links/", join_links, name="join_links"),
    path("events/<id:event_id>/requirements.csv", catering, name="catering"),
]
