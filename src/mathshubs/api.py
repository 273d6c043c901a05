"""The JSON API at /api/v1/: each app adds its router here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mathshubs.accounts.api import router as accounts_router
from mathshubs.activities.api import router as activities_router
from mathshubs.activities.journey_api import router as journey_router
from mathshubs.api_problems import MathsHubsAPI
from mathshubs.audit.api import router as audit_router
from mathshubs.catalogue.api import router as catalogue_router

# The editor's operations join the catalogue's router (catalogue/editor/api.py).
from mathshubs.catalogue.editor import api as catalogue_editor_api  # noqa: F401
from mathshubs.collaboration.api import router as collaboration_router
from mathshubs.directory.api import router as directory_router
from mathshubs.evaluation.api import router as evaluation_router
from mathshubs.evaluation.results.api import router as results_router
from mathshubs.evaluation.surveys.api import router as surveys_router
from mathshubs.events.api import router as events_router
from mathshubs.events.api_attendance import router as events_attendance_router
from mathshubs.events.api_organising import router as events_organising_router
from mathshubs.grants.api import router as grants_router
from mathshubs.privacy.api import router as privacy_router
from mathshubs.reporting.api import router as reports_router

api = MathsHubsAPI(
    title="Maths Hubs API",
    version="1",
    description=(
        "Public directory data needs no sign-in. Personal data needs a session or a "
        "personal API token sent as `Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
)


def _error(request: HttpRequest, message: str, status: int, **extra: object) -> HttpResponse:
    return api.create_response(request, {"message": message, **extra}, status=status)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or "Not found.", 404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or "You do not have permission to do that.", 403)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(
        request, "Sign in, or send a personal API token as 'Authorization: Bearer <token>'.", 401
    )


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, "The request is not valid: see errors.", 422, errors=exc.errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


api.add_router("/", directory_router)
api.add_router("/", accounts_router)
api.add_router("/", catalogue_router)
api.add_router("/", activities_router)
api.add_router("/", journey_router)
api.add_router("/", grants_router)
api.add_router("/", events_router)
api.add_router("/", events_organising_router)
api.add_router("/", events_attendance_router)
api.add_router("/", evaluation_router)
api.add_router("/", surveys_router)
api.add_router("/", results_router)
api.add_router("/", reports_router)
api.add_router("/", collaboration_router)
api.add_router("/", privacy_router)
api.add_router("/", audit_router)
