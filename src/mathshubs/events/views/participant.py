"""Event pages for participants (2023/24 handbook, Practicalities): the Events menu with its
Eligible, Upcoming and Past tabs, and the event page with Confirm attendance, Cancel
attendance, Connect, and the tabs at its foot (Documents, Comments, Requirements,
Participants, Reports, Contact).

Each view checks access through `selectors`, calls one service and redirects; a refusal is
shown on the page, with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mathshubs.activities.views import _show_errors
from mathshubs.directory.rules import person_of
from mathshubs.directory.views import _paginate
from mathshubs.events import forms, selectors, services
from mathshubs.events.models import Event, RegistrationStatus
from mathshubs.events.rules import (
    can_create_national_event,
    can_organise_event,
    can_organise_somewhere,
    can_view_event_attendees,
)
from mathshubs.events.services import discussion, waiting
from mathshubs.events.services.registrations import DEADLINE_PASSED
from mathshubs.events.templatetags.event_tags import deadline_text
from mathshubs.uploads import file_download

EVENTS_PER_PAGE = 50
CONFIRMED = "You have confirmed your attendance"
CANCELLED = "You have cancelled your attendance"
REQUIREMENTS_SAVED = "Your requirements have been saved"
WAITING_JOINED = "You are on the waiting list. We will email you if a place becomes free."
WAITING_LEFT = "You have left the waiting list"
DOCUMENT_ADDED = "The document has been added"
DOCUMENT_REMOVED = "The document has been removed"
COMMENT_ADDED = "Your comment has been added"
NO_PERSON = "Your account is not linked to a person the programme knows."
EMPTY_TABS = {
    "eligible": "There are no events for you to confirm at the moment. "
    "When you are invited to an event, it will be listed here.",
    "upcoming": "You have not confirmed your attendance at any event to come. "
    "Confirm events from the Eligible tab.",
    "past": "You have no past events.",
    "organising": "You are not organising any event from the last eight weeks or to come.",
}


def _detail_url(event: Event, tab: str = "") -> str:
    return reverse("events:detail", args=[event.pk]) + (f"#{tab}" if tab else "")


def _me(request: HttpRequest) -> Any:
    person = person_of(request.user)
    if person is None:
        raise Http404(NO_PERSON)
    return person


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    # The roles are read once a request (the navigation reads them too): no extra query.
    organiser = can_organise_somewhere(request.user)
    tab = forms.tab_of(request.GET.get("tab"), organiser=organiser)
    person = person_of(request.user)
    now = timezone.now()
    if tab == forms.ORGANISING:
        events = selectors.events_organised(user=request.user, now=now)
    elif person is not None:
        events = selectors.events_page(person=person, tab=tab, now=now)
    else:
        events = Event.objects.none()
    page, pagination = _paginate(request, events, EVENTS_PER_PAGE)
    keys = [*forms.TABS, forms.ORGANISING] if organiser else list(forms.TABS)
    tabs = [
        {"key": key, "text": key.capitalize(), "href": f"?tab={key}", "current": key == tab}
        for key in keys
    ]
    context = {"tab": tab, "tabs": tabs, "page": page, "pagination": pagination}
    context["empty"] = EMPTY_TABS[tab]
    context["can_create_national"] = can_create_national_event(request.user)
    return render(request, "events/participant/event_list.html", context)


def _deadline_passed(page: selectors.EventPage) -> str:
    contact = page.contact.email or page.contact.name
    action = "cancel" if page.confirmed else "confirm"
    return DEADLINE_PASSED.format(
        action=action, deadline=deadline_text(page.deadline), contact=contact
    )


def _render_detail(
    request: HttpRequest,
    event: Event,
    requirements_form: forms.RequirementsForm | None = None,
    comment_form: forms.CommentForm | None = None,
) -> HttpResponse:
    page = selectors.event_page(user=request.user, event=event, now=timezone.now())
    registration = page.registration
    if requirements_form is None:
        initial = {name: getattr(registration, name, "") for name in services.REQUIREMENTS_FIELDS}
        requirements_form = forms.RequirementsForm(initial=initial)
    context = {
        "event": event,
        "page": page,
        "deadline_passed": _deadline_passed(page),
        "requirements_form": requirements_form,
        "comment_form": comment_form or forms.CommentForm(),
        "error_form": next(
            (f for f in (requirements_form, comment_form) if f is not None and f.errors), None
        ),
        "statuses": RegistrationStatus,
    }
    status = 400 if context["error_form"] else 200
    return render(request, "events/participant/event_detail.html", context, status=status)


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(user=request.user, event_id=event_id)
    return _render_detail(request, event)


def _reply(request: HttpRequest, event_id: int, action: Any, done: str) -> HttpResponse:
    """Run a reply service (confirm, cancel, waiting list); a refusal is shown on the event
    page as an important banner."""
    event = selectors.access_event(user=request.user, event_id=event_id)
    try:
        action(event=event, person=_me(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(_detail_url(event))


@login_required
@require_POST
def event_confirm(request: HttpRequest, event_id: int) -> HttpResponse:
    return _reply(request, event_id, services.registration_confirm, CONFIRMED)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    if request.method == "POST":
        return _reply(request, event_id, services.registration_cancel, CANCELLED)
    event = selectors.access_event(user=request.user, event_id=event_id)
    return render(request, "events/participant/event_cancel.html", {"event": event})


@login_required
@require_POST
def waiting_join(request: HttpRequest, event_id: int) -> HttpResponse:
    return _reply(request, event_id, waiting.waiting_list_join, WAITING_JOINED)


@login_required
@require_POST
def waiting_leave(request: HttpRequest, event_id: int) -> HttpResponse:
    return _reply(request, event_id, waiting.waiting_list_leave, WAITING_LEFT)


@login_required
@require_POST
def requirements(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(user=request.user, event_id=event_id)
    form = forms.RequirementsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.requirements_save(
                event=event,
                person=_me(request),
                dietary=data["dietary_requirements"],
                access=data["access_requirements"],
                other=data["other_requirements"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, REQUIREMENTS_SAVED)
            return redirect(_detail_url(event, "requirements"))
    return _render_detail(request, event, requirements_form=form)


@login_required
def connect(request: HttpRequest, token: str) -> HttpResponse:
    registration = selectors.access_own_link(user=request.user, token=token)
    event = registration.event
    url = registration.join_url or event.meeting_url
    if event.cancelled_at is None and url:
        discussion.registration_link_click(registration=registration)
        return redirect(url)
    context = {"event": event, "contact": selectors.event_contact(event)}
    return render(request, "events/participant/connect_not_ready.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(user=request.user, event_id=event_id)
    if not can_organise_event(request.user, event):
        raise Http404(selectors.EVENT_NOT_FOUND)
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            discussion.document_upload(
                event=event,
                by=request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, DOCUMENT_ADDED)
            return redirect(_detail_url(event, "documents"))
    context = {"event": event, "form": form, "max_mb": 20}
    return render(request, "events/participant/document_upload.html", context)


@login_required
def document_download(request: HttpRequest, event_id: int, doc_id: int) -> FileResponse:
    document = selectors.access_document(user=request.user, event_id=event_id, document_id=doc_id)
    return file_download(document.file, not_found=selectors.DOCUMENT_NOT_FOUND)


@login_required
@require_POST
def document_delete(request: HttpRequest, event_id: int, doc_id: int) -> HttpResponse:
    document = selectors.access_document(user=request.user, event_id=event_id, document_id=doc_id)
    if not can_organise_event(request.user, document.event):
        raise Http404(selectors.DOCUMENT_NOT_FOUND)
    discussion.document_delete(document=document, by=request.user)
    messages.success(request, DOCUMENT_REMOVED)
    return redirect(_detail_url(document.event, "documents"))


@login_required
@require_POST
def comment_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(user=request.user, event_id=event_id)
    if not can_view_event_attendees(request.user, event):
        raise Http404(selectors.EVENT_NOT_FOUND)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            discussion.comment_add(event=event, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, COMMENT_ADDED)
            return redirect(_detail_url(event, "comments"))
    return _render_detail(request, event, comment_form=form)


urlpatterns = [
    path("events/", event_list, name="list"),
    path("events/<id:event_id>/", event_detail, name="detail"),
    path("events/<id:event_id>/confirm/", event_confirm, name="confirm"),
    path("events/<id:event_id>/cancel/", event_cancel, name="cancel"),
    path("events/<id:event_id>/waiting-list/", waiting_join, name="waiting_join"),
    path("events/<id:event_id>/waiting-list/leave/", waiting_leave, name="waiting_leave"),
    path("events/<id:event_id>/requirements/", requirements, name="requirements"),
    path("events/connect/<str:token>/", connect, name="connect"),
    path("events/<id:event_id>/documents/new/", document_upload, name="document_upload"),
    path(
        "events/<id:event_id>/documents/<id:doc_id>/",
        document_download,
        name="document_download",
    ),
    path(
        "events/<id:event_id>/documents/<id:doc_id>/delete/",
        document_delete,
        name="document_delete",
    ),
    path("events/<id:event_id>/comments/", comment_add, name="comment_add"),
]
