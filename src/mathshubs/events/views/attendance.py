"""Event pages: attendance (ISSUE 5, part 8), for the event's organisers only.

- `register`: the confirmed people with a checkbox each and a Save button ("Select all"
  ticks every box without JavaScript: it is a second submit button that shows the form
  again, all ticked, for Save);
- `attendance_import`: upload a Zoom attendance report, see what it matched and match
  the rows left over (`attendance_match`) by hand;
- `group_attendance`: a group joined on one person's link: tick its members.

Access: `selectors.access_event` (404 for people who may not see the event), then
`rules.can_organise_event` (403 for those who see it but do not organise it).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.dates import LONDON
from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of
from mathshubs.events import forms_attendance as forms
from mathshubs.events import selectors
from mathshubs.events.models import AttendanceImport, Event, Registration, RegistrationStatus
from mathshubs.events.services.attendance import (
    attendance_match,
    attendance_register_save,
    attendance_report_import,
    group_attendance_declare,
)

LAYOUTS = {
    "unique": "Zoom participants report (unique users)",
    "joins": "Zoom participants report",
    "usage": "Zoom usage report",
    "webinar": "Zoom webinar attendee report",
}
FORM_METHODS = ["GET", "POST"]
KEPT = " {count} already recorded with the register or by hand kept as they were."


def _when(event: Event) -> str:
    start = event.starts_at.astimezone(LONDON)
    return f"{start:%A} {start.day} {start:%B %Y}"


def _label(person: Person) -> str:
    return person.full_name or person.email


def _confirmed(event: Event) -> list[Registration]:
    return list(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("person__institution")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _page(request: HttpRequest, event: Event, template: str, **context: Any) -> HttpResponse:
    return render(
        request, f"events/attendance/{template}", {"event": event, "when": _when(event), **context}
    )


@login_required
@require_http_methods(FORM_METHODS)
def register(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_organised_event(
        user=request.user, event_id=event_id, action="record its attendance"
    )
    confirmed = _confirmed(event)
    people = [(r.person_id, _label(r.person)) for r in confirmed]
    if request.method == "POST" and "select_all" in request.POST:
        form = forms.RegisterForm(initial={"attended": [pk for pk, _ in people]}, people=people)
    elif request.method == "POST":
        form = forms.RegisterForm(request.POST, people=people)
        if form.is_valid():
            try:
                done = attendance_register_save(
                    event=event,
                    by=person_of(request.user),
                    attended_person_ids=form.cleaned_data["attended"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Attendance saved: {done.attended} attended, {done.not_attended} did not.",
                )
                return redirect("events:register", event_id=event.pk)
    else:
        ticked = [r.person_id for r in confirmed if r.attended]
        form = forms.RegisterForm(initial={"attended": ticked}, people=people)
    chosen = {int(pk) for pk in form["attended"].value() or []}
    rows = [(r, r.person_id in chosen) for r in confirmed]
    selected_all = request.method == "POST" and "select_all" in request.POST
    return _page(request, event, "register.html", form=form, rows=rows, selected_all=selected_all)


def _import_context(event: Event, match_errors: dict[int, str] | None = None) -> dict[str, Any]:
    latest = AttendanceImport.objects.filter(event=event).first()
    counts = event.registrations.aggregate(
        n_attended=Count("pk", filter=Q(attended=True)),
        n_not_attended=Count("pk", filter=Q(attended=False)),
        n_confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
    )
    rows: list[dict[str, Any]] = []
    choices: list[tuple[int, str]] = []
    if latest is not None:
        waiting = [
            r for r in _confirmed(event) if r.attended is not True
        ]  # confirmed, not (yet) attended: whom a row may be
        choices = [(r.person_id, _label(r.person)) for r in waiting]
        matched_ids = [row["person_id"] for row in latest.unmatched if row.get("person_id")]
        names = {p.pk: _label(p) for p in Person.objects.filter(pk__in=matched_ids)}
        for index, row in enumerate(latest.unmatched):
            form = forms.MatchForm(
                initial={"import_id": latest.pk, "row": index}, people=choices, prefix=f"row{index}"
            )
            rows.append(
                {
                    **row,
                    "index": index,
                    "matched_name": names.get(row.get("person_id") or 0, ""),
                    "form": form,
                    "error": (match_errors or {}).get(index, ""),
                }
            )
    return {
        "latest": latest,
        "counts": counts,
        "rows": rows,
        "candidates": choices,
        "still_unmatched": sum(1 for row in rows if not row.get("person_id")),
    }


@login_required
@require_http_methods(FORM_METHODS)
def attendance_import(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_organised_event(
        user=request.user, event_id=event_id, action="record its attendance"
    )
    posted = request.method == "POST"
    form = forms.ReportUploadForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["report"]
        try:
            done = attendance_report_import(
                event=event, by=person_of(request.user), file=upload, filename=upload.name
            )
        except ValidationError as error:
            problems = error.messages
            form.add_error("report", problems[0])
        else:
            messages.success(
                request,
                f"{LAYOUTS[done.layout]} imported: {done.people} people, {done.matched} "
                f"matched, {done.attended} attended, {len(done.unmatched)} to match by hand."
                + (KEPT.format(count=done.kept) if done.kept else ""),
            )
            return redirect("events:attendance_import", event_id=event.pk)
    context = _import_context(event)
    return _page(request, event, "import.html", form=form, problems=problems[1:], **context)


@login_required
@require_POST
def attendance_match_view(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_organised_event(
        user=request.user, event_id=event_id, action="record its attendance"
    )
    index = _int(request.POST.get("row"))
    context = _import_context(event)
    form = forms.MatchForm(request.POST, people=context["candidates"], prefix=f"row{index}")
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        person = Person.objects.get(pk=data["person"])
        try:
            attendance_match(
                event=event,
                by=person_of(request.user),
                import_id=data["import_id"],
                row_index=data["row"],
                person=person,
            )
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"Row matched to {_label(person)}.")
            return redirect("events:attendance_import", event_id=event.pk)
    else:
        error = next(iter(form.errors.get("person", [])), forms.CHOOSE_PERSON)
    context = _import_context(event, {} if index is None else {index: error})
    context["general_error"] = error if index is None else ""
    upload = forms.ReportUploadForm()
    return _page(request, event, "import.html", form=upload, problems=[], **context)


def _int(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None


def _group_candidates(event: Event) -> list[tuple[int, str]]:
    """Who may be named in a group: the event's registrants and invitees, and the people
    taking part in or leading its activity (one query)."""
    condition = Q(pk__in=event.registrations.values("person_id")) | Q(
        pk__in=event.invitations.values("person_id")
    )
    if event.activity_id is not None:
        leads = Activity.leads.through.objects.filter(activity_id=event.activity_id)
        taking_part = Participation.objects.filter(activity_id=event.activity_id).exclude(
            status=EnrolmentStatus.WITHDRAWN
        )
        condition |= Q(pk__in=leads.values("person_id")) | Q(pk__in=taking_part.values("person_id"))
    people = Person.objects.filter(condition).order_by("last_name", "first_name")
    return [(person.pk, _label(person)) for person in people]


@login_required
@require_http_methods(FORM_METHODS)
def group_attendance(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_organised_event(
        user=request.user, event_id=event_id, action="record its attendance"
    )
    hosts = [(r.person_id, _label(r.person)) for r in _confirmed(event)]
    form = forms.GroupForm(
        request.POST if request.method == "POST" else None,
        hosts=hosts,
        people=_group_candidates(event),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        host = Person.objects.get(pk=data["host"])
        try:
            marked = group_attendance_declare(
                event=event,
                by=person_of(request.user),
                host_person=host,
                member_person_ids=data["members"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{len(marked)} {_people(len(marked))} who joined on {_label(host)}'s link "
                "are marked as attended.",
            )
            return redirect("events:group_attendance", event_id=event.pk)
    chosen = {str(pk) for pk in (form["members"].value() or [])}
    return _page(request, event, "group.html", form=form, chosen=chosen)


urlpatterns = [
    path("events/<id:event_id>/register/", register, name="register"),
    path("events/<id:event_id>/attendance/import/", attendance_import, name="attendance_import"),
    path("events/<id:event_id>/attendance/match/", attendance_match_view, name="attendance_match"),
    path("events/<id:event_id>/attendance/group/", group_attendance, name="group_attendance"),
]


def _people(number: int) -> str:
    return "person" if number == 1 else "people"
