"""The pages of a space's documents (ISSUE 13, part 3)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from mathshubs.collaboration import documents
from mathshubs.collaboration.membership import can_manage
from mathshubs.collaboration.models import Document, DocumentKind, DocumentVersion, Space
from mathshubs.collaboration.views import NOT_FOUND, _space
from mathshubs.uploads import content_download, file_download

UPLOADED = "{title} is uploaded."
NEW_VERSION = "Version {number} of {title} is uploaded."
RESTORED = "Version {old} of {title} is the document again, as version {number}."
SAVED = "{title} is saved as version {number}."
LINK_ON = "Anyone with the public link can now download {title}."
LINK_OFF = "The public link to {title} no longer works."


def documents_of(space: Space) -> Any:
    return (
        space.documents.annotate(
            version_count=Count("versions"), latest_at=Max("versions__made_at")
        )
        .select_related("created_by")
        .order_by("-latest_at", "-pk")
    )


def _document(request: HttpRequest, space_id: int, document_id: int) -> tuple[Space, Document]:
    space = _space(request, space_id)
    document = space.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404(NOT_FOUND)
    return space, document


def _url(document: Document) -> str:
    return reverse("collaboration:document", args=[document.space_id, document.pk])


@login_required
@require_POST
def upload(request: HttpRequest, space_id: int) -> HttpResponse:
    space = _space(request, space_id)
    try:
        document = documents.document_upload(
            user=request.user,
            space=space,
            title=request.POST.get("title", ""),
            upload=request.FILES.get("file"),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("collaboration:space", args=[space.pk]) + "#documents")
    messages.success(request, UPLOADED.format(title=document.title))
    return redirect(_url(document))


def _write_form(request: HttpRequest, space: Space, document: Document | None) -> HttpResponse:
    latest = document.versions.first() if document else None
    typed = {"title": "", "text": latest.text if latest else ""}
    errors: dict[str, str] = {}
    if request.method == "POST":
        typed = {"title": request.POST.get("title", ""), "text": request.POST.get("text", "")}
        try:
            saved = documents.text_write(user=request.user, space=space, document=document, **typed)
        except ValidationError as error:
            errors = {key: value[0] for key, value in error.message_dict.items()}
        else:
            number = saved.versions.first().number  # type: ignore[union-attr]
            messages.success(request, SAVED.format(title=saved.title, number=number))
            return redirect(_url(saved))
    context = {"space": space, "document": document, "typed": typed, "errors": errors}
    return render(
        request, "collaboration/document_write.html", context, status=400 if errors else 200
    )


@login_required
def write(request: HttpRequest, space_id: int) -> HttpResponse:
    return _write_form(request, _space(request, space_id), None)


@login_required
def edit(request: HttpRequest, space_id: int, document_id: int) -> HttpResponse:
    space, document = _document(request, space_id, document_id)
    if document.kind != DocumentKind.TEXT:
        raise Http404(NOT_FOUND)
    return _write_form(request, space, document)


@login_required
def detail(request: HttpRequest, space_id: int, document_id: int) -> HttpResponse:
    space, document = _document(request, space_id, document_id)
    versions = list(document.versions.select_related("made_by"))
    diff = None
    held = {v.number: v for v in versions}
    chosen = [request.GET.get("from", ""), request.GET.get("to", "")]
    if document.kind == DocumentKind.TEXT and all(c.isdigit() and len(c) < 7 for c in chosen):
        first, second = held.get(int(chosen[0])), held.get(int(chosen[1]))
        if first is not None and second is not None:
            older, newer = sorted([first, second], key=lambda v: v.number)
            diff = (older, newer, documents.text_diff(older.text, newer.text))
    context = {
        "space": space,
        "document": document,
        "versions": versions,
        "latest": versions[0] if versions else None,
        "manager": can_manage(request.user, space),
        "diff": diff,
        "public_url": (
            request.build_absolute_uri(
                reverse("collaboration:public", args=[document.public_token])
            )
            if document.public_token
            else ""
        ),
    }
    return render(request, "collaboration/document.html", context)


@login_required
@require_POST
def new_version(request: HttpRequest, space_id: int, document_id: int) -> HttpResponse:
    _, document = _document(request, space_id, document_id)
    try:
        version = documents.version_upload(
            user=request.user, document=document, upload=request.FILES.get("file")
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, NEW_VERSION.format(number=version.number, title=document.title))
    return redirect(_url(document))


@login_required
@require_POST
def restore(request: HttpRequest, space_id: int, document_id: int) -> HttpResponse:
    _, document = _document(request, space_id, document_id)
    number = request.POST.get("version", "")
    if not (number.isdigit() and len(number) < 7):
        raise Http404(NOT_FOUND)
    try:
        version = documents.version_restore(
            user=request.user, document=document, number=int(number)
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, RESTORED.format(old=number, number=version.number, title=document.title)
        )
    return redirect(_url(document))


@login_required
@require_POST
def public(request: HttpRequest, space_id: int, document_id: int) -> HttpResponse:
    _, document = _document(request, space_id, document_id)
    on = request.POST.get("public") == "on"
    documents.public_link(user=request.user, document=document, on=on)
    messages.success(request, (LINK_ON if on else LINK_OFF).format(title=document.title))
    return redirect(_url(document))


def version_response(version: DocumentVersion, document: Document) -> HttpResponseBase:
    """A version to save, for the pages and the API alike: the file as uploaded, or a
    written document's words as a text file (mathshubs.uploads sets the headers)."""
    if document.kind == DocumentKind.TEXT:
        name = f"{document.title[:80]} v{version.number}.txt"
        return content_download(
            version.text, filename=name, content_type="text/plain; charset=utf-8"
        )
    return file_download(version.file, filename=version.filename, not_found=NOT_FOUND)


@login_required
def download(request: HttpRequest, space_id: int, document_id: int, number: int) -> HttpResponse:
    _, document = _document(request, space_id, document_id)
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Http404(NOT_FOUND)
    return version_response(version, document)


def public_download(request: HttpRequest, token: str) -> HttpResponse:
    """The latest version, for anyone with the link, while its manager allows it."""
    document = Document.objects.filter(public_token=token).first() if len(token) < 65 else None
    version = document.versions.first() if document else None
    if document is None or version is None:
        raise Http404("This link does not work: it may have been revoked")
    return version_response(version, document)


urlpatterns = [
    path("spaces/<id:space_id>/documents/", upload, name="document_upload"),
    path("spaces/<id:space_id>/documents/write/", write, name="document_write"),
    path("spaces/<id:space_id>/documents/<id:document_id>/", detail, name="document"),
    path("spaces/<id:space_id>/documents/<id:document_id>/edit/", edit, name="document_edit"),
    path(
        "spaces/<id:space_id>/documents/<id:document_id>/versions/",
        new_version,
        name="document_version",
    ),
    path(
        "spaces/<id:space_id>/documents/<id:document_id>/versions/<id:number>/",
        download,
        name="document_download",
    ),
    path(
        "spaces/<id:space_id>/documents/<id:document_id>/restore/",
        restore,
        name="document_restore",
    ),
    path(
        "spaces/<id:space_id>/documents/<id:document_id>/public/",
        public,
        name="document_public",
    ),
    path("d/<str:token>/", public_download, name="public"),
]
