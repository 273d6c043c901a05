"""The HAPPI form's pages, reached as the 2023/24 handbook says (Practicalities, "NCETM
Axis – HAPPI Forms"): Hub Activities → the activity → "Plan, Progress, and Impact form" →
a button that creates the form the first time and edits it afterwards.

Each view checks access through `selectors`, reads the posted page (`forms`), calls one
service and redirects; a refusal is shown in an error summary, with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from mathshubs.dates import academic_year_label
from mathshubs.evaluation import content as shapes
from mathshubs.evaluation import forms, selectors, services
from mathshubs.evaluation.models import SectionKind, SectionStatus
from mathshubs.uploads import file_download

CREATED = "Your Plan, Progress, and Impact form has been created"
SAVED = "Your {section} section has been saved as a draft"
SUBMITTED = "Your {section} section has been submitted to your Maths Hub for review"
RETURNED = "The {section} section has been returned to the activity's leads"
ACCEPTED = "The {section} section has been accepted"
UPLOADED = "Your evidence file has been added"
REMOVED = "The evidence file has been removed"
CHOOSE_TWO = "Choose two different versions to compare"


def _errors(exc: ValidationError) -> list[tuple[str, str]]:
    """(href, message) for the error summary: a field's id, or the form's top."""
    found = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return [
        ("#main-content" if key == "__all__" else f"#{key}", message)
        for key, items in found.items()
        for message in items
    ]


def _url(activity_id: int, kind: str = "") -> str:
    if kind:
        return reverse("evaluation:section", args=[activity_id, kind])
    return reverse("evaluation:happi", args=[activity_id])


@login_required
def happi(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.access_happi_activity(user=request.user, activity_id=activity_id)
    page = selectors.happi_page(user=request.user, activity=activity)
    return render(
        request,
        "evaluation/happi.html",
        {
            "page": page,
            "activity": activity,
            "year_label": academic_year_label(activity.academic_year),
        },
    )


@login_required
@require_POST
def happi_create(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.access_happi_activity(user=request.user, activity_id=activity_id)
    services.happi_create(activity=activity, by=request.user)
    messages.success(request, CREATED)
    return redirect(_url(activity.pk, SectionKind.PLAN))


def _context(request: HttpRequest, activity_id: int, kind: str) -> dict[str, Any]:
    activity = selectors.access_happi_activity(user=request.user, activity_id=activity_id)
    page = selectors.happi_page(user=request.user, activity=activity)
    if page.form is None:
        raise Http404("This activity has no Plan, Progress, and Impact form yet")
    if kind not in SectionKind.values:
        raise Http404(selectors.SECTION_NOT_FOUND)
    view = page.section(kind)
    section = view.section
    editing = page.may_write and section.status != SectionStatus.SUBMITTED
    context: dict[str, Any] = {
        "activity": activity,
        "page": page,
        "view": view,
        "section": section,
        "kind": kind,
        "editing": editing,
        "errors": [],
        "methods": shapes.METHODS,
        "lenses": shapes.LENSES,
        "outcomes": page.outcomes,
        "attachments": list(section.attachments.all()) if kind == SectionKind.IMPACT else [],
    }
    if kind == SectionKind.PLAN:
        context["national"], context["local"] = forms.plan_rows(section.draft, activity.ncp)
        context["plan"] = section.draft
        context["outcomes_from"] = forms.outcomes_source(activity.ncp)
        context["sessions"] = list(selectors.planned_sessions(activity))
    elif kind == SectionKind.PROGRESS:
        context["updates"] = forms.update_rows(section.draft)
    else:
        context["evidence"] = section.draft.get("evidence", {})
    return context


@login_required
def section(request: HttpRequest, activity_id: int, kind: str) -> HttpResponse:
    """A section: its form for the leads (Save as draft, Save and submit), what it says
    for everyone else who may read it, and the review for the hub's staff."""
    context = _context(request, activity_id, kind)
    if request.method != "POST":
        return render(request, "evaluation/section.html", context)
    if not context["editing"]:
        raise Http404("You cannot change this section")
    section = context["section"]
    activity = context["activity"]
    post = request.POST
    typed_errors: dict[str, str] = {}
    if kind == SectionKind.PLAN:
        raw = forms.plan_from_post(post, activity.ncp, section.draft)
    elif kind == SectionKind.PROGRESS:
        raw, rows, typed_errors = forms.progress_from_post(post, section.draft)
        context["updates"] = [row for row in rows if row.key]
        context["new_update"] = next((row for row in rows if not row.key), None)
    else:
        raw = forms.impact_from_post(post, context["page"].plan)
    label = SectionKind(kind).label
    try:
        if typed_errors:
            raise ValidationError(typed_errors)
        services.section_save(section=section, raw=raw, by=request.user)
    except ValidationError as exc:
        context["errors"] = _errors(exc)
        _keep_typed(context, kind, raw)
        return render(request, "evaluation/section.html", context)
    if post.get("action") == "submit":
        try:
            services.section_submit(section=section, by=request.user)
        except ValidationError as exc:
            # The draft is saved: show it as saved, with what it still lacks.
            context = _context(request, activity_id, kind)
            context["errors"] = _errors(exc)
            return render(request, "evaluation/section.html", context)
        messages.success(request, SUBMITTED.format(section=label))
        return redirect(_url(activity.pk))
    if post.get("action") == "add":
        return redirect(_url(activity.pk, kind) + "#new")
    messages.success(request, SAVED.format(section=label))
    return redirect(_url(activity.pk, kind))


def _keep_typed(context: dict[str, Any], kind: str, raw: dict[str, Any]) -> None:
    """Show what was typed (not the saved draft) when the page had an error."""
    if kind == SectionKind.PLAN:
        typed = {**raw, "outcomes": [dict(o, key=o["key"] or "new") for o in raw["outcomes"]]}
        context["national"], local = forms.plan_rows(typed, context["activity"].ncp)
        context["local"] = [o for o in local if o["key"] != "new"]
        context["new_outcome"] = next((o for o in local if o["key"] == "new"), None)
        context["plan"] = typed
    elif kind == SectionKind.IMPACT:
        context["evidence"] = raw["evidence"]


@login_required
@require_POST
def review(request: HttpRequest, activity_id: int, kind: str) -> HttpResponse:
    """Return a submitted section with a comment, or accept it (the hub's staff)."""
    context = _context(request, activity_id, kind)
    section = context["section"]
    comment = request.POST.get("comment", "")
    label = SectionKind(kind).label
    try:
        if request.POST.get("action") == "accept":
            services.section_accept(section=section, by=request.user, comment=comment)
            message = ACCEPTED.format(section=label)
        else:
            services.section_return(section=section, by=request.user, comment=comment)
            message = RETURNED.format(section=label)
    except ValidationError as exc:
        context["errors"] = _errors(exc)
        context["comment"] = comment
        return render(request, "evaluation/section.html", context)
    messages.success(request, message)
    return redirect(_url(context["activity"].pk))


@login_required
def version(request: HttpRequest, activity_id: int, kind: str, number: int) -> HttpResponse:
    context = _context(request, activity_id, kind)
    shown = selectors.version_of(section=context["section"], number=number)
    context["shown"] = shown
    if kind == SectionKind.PLAN:
        context["national"], context["local"] = forms.plan_rows(
            shown.content, context["activity"].ncp
        )
        context["plan"] = shown.content
    elif kind == SectionKind.PROGRESS:
        context["updates"] = forms.update_rows(shown.content)
    else:
        context["evidence"] = shown.content.get("evidence", {})
    return render(request, "evaluation/version.html", context)


@login_required
def compare(request: HttpRequest, activity_id: int, kind: str) -> HttpResponse:
    """What changed between two submitted versions of a section, in words."""
    context = _context(request, activity_id, kind)
    versions = context["view"].versions
    numbers = [v.number for v in versions]
    older_n = _number(request.GET.get("from"), numbers[-2] if len(numbers) > 1 else None)
    newer_n = _number(request.GET.get("to"), numbers[-1] if numbers else None)
    context.update(older_n=older_n, newer_n=newer_n, changes=None)
    if older_n is not None and newer_n is not None and older_n != newer_n:
        older = selectors.version_of(section=context["section"], number=older_n)
        newer = selectors.version_of(section=context["section"], number=newer_n)
        if older.number > newer.number:
            older, newer = newer, older
        context.update(
            older=older,
            newer=newer,
            changes=shapes.compare(kind, older.content, newer.content, context["page"].plan),
        )
    elif len(numbers) > 1:
        context["errors"] = [("#from", CHOOSE_TWO)]
    return render(request, "evaluation/compare.html", context)


def _number(text: str | None, default: int | None) -> int | None:
    if text is None or text == "":
        return default
    return int(text) if text.isdigit() and len(text) < 10 else -1


@login_required
@require_POST
def attachment_upload(request: HttpRequest, activity_id: int) -> HttpResponse:
    context = _context(request, activity_id, SectionKind.IMPACT)
    try:
        services.attachment_add(
            section=context["section"],
            by=request.user,
            title=request.POST.get("title", ""),
            file=request.FILES.get("file"),
            outcome_key=request.POST.get("outcome", ""),
        )
    except ValidationError as exc:
        anchors = {"#title": "#upload-title", "#outcome": "#upload-outcome"}
        context["errors"] = [(anchors.get(a, "#file"), message) for a, message in _errors(exc)]
        context["upload"] = {
            "title": request.POST.get("title", ""),
            "outcome": request.POST.get("outcome", ""),
        }
        return render(request, "evaluation/section.html", context)
    messages.success(request, UPLOADED)
    return redirect(_url(context["activity"].pk, SectionKind.IMPACT) + "#evidence-files")


@login_required
def attachment_download(request: HttpRequest, activity_id: int, attachment_id: int) -> FileResponse:
    attachment = selectors.access_attachment(
        user=request.user, activity_id=activity_id, attachment_id=attachment_id
    )
    return file_download(attachment.file, not_found=selectors.ATTACHMENT_NOT_FOUND)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, activity_id: int, attachment_id: int) -> HttpResponse:
    attachment = selectors.access_attachment(
        user=request.user, activity_id=activity_id, attachment_id=attachment_id
    )
    try:
        services.attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, REMOVED)
    return redirect(_url(activity_id, SectionKind.IMPACT) + "#evidence-files")


urlpatterns = [
    path("activities/<id:activity_id>/happi/", happi, name="happi"),
    path("activities/<id:activity_id>/happi/create/", happi_create, name="happi_create"),
    path(
        "activities/<id:activity_id>/happi/evidence/",
        attachment_upload,
        name="attachment_upload",
    ),
    path(
        "activities/<id:activity_id>/happi/evidence/<id:attachment_id>/",
        attachment_download,
        name="attachment_download",
    ),
    path(
        "activities/<id:activity_id>/happi/evidence/<id:attachment_id>/delete/",
        attachment_delete,
        name="attachment_delete",
    ),
    path("activities/<id:activity_id>/happi/<slug:kind>/", section, name="section"),
    path("activities/<id:activity_id>/happi/<slug:kind>/review/", review, name="review"),
    path(
        "activities/<id:activity_id>/happi/<slug:kind>/versions/<id:number>/",
        version,
        name="version",
    ),
    path("activities/<id:activity_id>/happi/<slug:kind>/compare/", compare, name="compare"),
]
