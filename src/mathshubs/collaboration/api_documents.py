"""The documents of a space through the API (ISSUE 13, part 6): list them, read one with
every version, download a version's bytes, upload a file or a new version (multipart),
write a document here or a new revision (JSON), restore a version. These operations join
the spaces' router (api.py); documents.py makes every check and says every refusal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from ninja import File, Form
from ninja.files import UploadedFile

from mathshubs.api_problems import validation_problem
from mathshubs.bounds import PathId
from mathshubs.collaboration import documents
from mathshubs.collaboration.api import NOT_FOUND, access_space, person_ref, router
from mathshubs.collaboration.document_views import version_response
from mathshubs.collaboration.models import Document, DocumentKind, DocumentVersion
from mathshubs.collaboration.schemas import (
    ERRORS,
    DocumentDetailOut,
    DocumentOut,
    TextDocumentIn,
    TextVersionIn,
)


def access_document(request: HttpRequest, space_id: int, document_id: int) -> Document:
    space = access_space(request, space_id)
    document = space.documents.select_related("created_by").filter(pk=document_id).first()
    if document is None:
        raise Http404(NOT_FOUND)
    document.space = space
    return document


def _version(document: Document, version: DocumentVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "made_by": person_ref(version.made_by),
        "made_at": version.made_at,
        "size": version.size,
        "filename": version.filename,
        "content_type": version.content_type,
        "restored_from": version.restored_from,
        "download": reverse(
            "api:space_document_download", args=[document.space_id, document.pk, version.number]
        ),
    }


def _document_out(request: HttpRequest, document: Document, versions: int) -> dict[str, Any]:
    link = None
    if document.public_token:
        link = request.build_absolute_uri(
            reverse("collaboration:public", args=[document.public_token])
        )
    return {
        "id": document.pk,
        "space_id": document.space_id,
        "title": document.title,
        "kind": document.kind,
        "created_by": person_ref(document.created_by),
        "created_at": document.created_at,
        "versions": versions,
        "public_link": link,
    }


def _document_detail(request: HttpRequest, document: Document) -> dict[str, Any]:
    versions = list(document.versions.select_related("made_by").order_by("-number"))
    written = document.kind == DocumentKind.TEXT
    return {
        **_document_out(request, document, len(versions)),
        "text": versions[0].text if written and versions else None,
        "history": [_version(document, v) for v in versions],
    }


@router.get(
    "/spaces/{space_id}/documents",
    response={200: list[DocumentOut], **ERRORS},
    url_name="space_documents",
)
def space_documents(request: HttpRequest, space_id: PathId) -> Any:
    """The space's documents, the latest changed first."""
    space = access_space(request, space_id)
    found = (
        space.documents.annotate(count=Count("versions"), latest_at=Max("versions__made_at"))
        .select_related("created_by")
        .order_by("-latest_at", "-pk")
    )
    return [_document_out(request, d, d.count) for d in found]


def _written(request: HttpRequest, write: Any) -> tuple[int, dict[str, Any]]:
    """201 with the document as it now stands, or 422 with documents.py's refusal."""
    try:
        made = write()
    except ValidationError as error:
        return validation_problem(error)
    document = made.document if isinstance(made, DocumentVersion) else made
    return 201, _document_detail(request, document)


@router.post(
    "/spaces/{space_id}/documents",
    response={201: DocumentDetailOut, **ERRORS},
    url_name="space_document_upload",
)
def space_document_upload(
    request: HttpRequest,
    space_id: PathId,
    title: Form[str] = "",
    file: File[UploadedFile | None] = None,
) -> Any:
    """Upload a file as a new document (multipart/form-data: `title`, `file`): a PDF,
    Word, Excel, PowerPoint, image or text file of 20 MB at most."""
    space = access_space(request, space_id)
    return _written(
        request,
        lambda: documents.document_upload(user=request.user, space=space, title=title, upload=file),
    )


@router.post(
    "/spaces/{space_id}/text-documents",
    response={201: DocumentDetailOut, **ERRORS},
    url_name="space_text_document_create",
)
def space_text_document_create(
    request: HttpRequest, space_id: PathId, payload: TextDocumentIn
) -> Any:
    """Write a document here; every revision is kept."""
    space = access_space(request, space_id)
    return _written(
        request,
        lambda: documents.text_write(
            user=request.user, space=space, title=payload.title, text=payload.text
        ),
    )


@router.get(
    "/spaces/{space_id}/documents/{document_id}",
    response={200: DocumentDetailOut, **ERRORS},
    url_name="space_document",
)
def space_document(request: HttpRequest, space_id: PathId, document_id: PathId) -> Any:
    """A document with every version, the latest first."""
    return _document_detail(request, access_document(request, space_id, document_id))


@router.post(
    "/spaces/{space_id}/documents/{document_id}/versions",
    response={201: DocumentDetailOut, **ERRORS},
    url_name="space_document_version_upload",
)
def space_document_version_upload(
    request: HttpRequest,
    space_id: PathId,
    document_id: PathId,
    file: File[UploadedFile | None] = None,
) -> Any:
    """Upload a new version of an uploaded document (multipart/form-data: `file`)."""
    document = access_document(request, space_id, document_id)
    return _written(
        request,
        lambda: documents.version_upload(user=request.user, document=document, upload=file),
    )


@router.post(
    "/spaces/{space_id}/documents/{document_id}/text-versions",
    response={201: DocumentDetailOut, **ERRORS},
    url_name="space_document_text_version",
)
def space_document_text_version(
    request: HttpRequest, space_id: PathId, document_id: PathId, payload: TextVersionIn
) -> Any:
    """Save a new revision of a document written here."""
    document = access_document(request, space_id, document_id)
    return _written(
        request,
        lambda: documents.text_write(
            user=request.user, space=document.space, text=payload.text, document=document
        ),
    )


@router.get(
    "/spaces/{space_id}/documents/{document_id}/versions/{number}",
    response={200: None, **ERRORS},
    url_name="space_document_download",
    # The int key merges with response={200: ...}; a "200" string would be a second key.
    openapi_extra={"responses": {200: {"description": "The version's bytes"}}},
)
def space_document_download(
    request: HttpRequest, space_id: PathId, document_id: PathId, number: PathId
) -> HttpResponseBase:
    """Download a version: the file as uploaded, or a written document's words as text."""
    document = access_document(request, space_id, document_id)
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Http404(documents.NO_SUCH_VERSION)
    return version_response(version, document)


@router.post(
    "/spaces/{space_id}/documents/{document_id}/versions/{number}/restore",
    response={201: DocumentDetailOut, **ERRORS},
    url_name="space_document_restore",
)
def space_document_restore(
    request: HttpRequest, space_id: PathId, document_id: PathId, number: PathId
) -> Any:
    """Make an earlier version the document again, as a new version: nothing is lost."""
    document = access_document(request, space_id, document_id)
    return _written(
        request,
        lambda: documents.version_restore(user=request.user, document=document, number=number),
    )
