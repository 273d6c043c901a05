"""How the API answers what it refuses (ISSUE 14, part 5).

Every error the API gives is JSON with a `message`, whichever part of the stack refuses
the request: ninja itself (a body it cannot parse: 400; a parameter of the wrong type:
422, with pydantic's errors listed), the authentication classes (401; 403 for a session's
write without its CSRF token), an `access_*` helper (403, 404) or a service (422 with the
first message and every message by field, so a program can show each beside its field:
`validation_problem`).

The routers declare the answers their own code gives; `MathsHubsAPI` adds to each
operation's OpenAPI document the ones the stack can give it, so that a client (and the
fuzzer in `tests/fuzz/`) can rely on the document: an answer with an undeclared status is
a bug, not a surprise. An address under /api/v1/ that names no operation (a path
parameter with a `/` in it) is answered with a JSON 404 too, not the site's HTML page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from pydantic import Field

# A service names the fields it refuses ({"year": ["Write the academic year like 2023/24"]});
# ninja's own validation lists pydantic's errors ([{"loc": [...], "msg": ..., "type": ...}]).
FieldErrors = dict[str, list[str]] | list[dict[str, Any]]

NO_SUCH_OPERATION = "There is no API operation at this address: see /api/v1/docs"
NUL_REFUSED = "Remove the NUL character (\\u0000) from the request: no text here can hold one"


class Problem(Schema):
    """An error answer: what is wrong, and for a refused input, which fields and why."""

    message: str
    errors: FieldErrors = Field(default_factory=dict)


_DESCRIPTIONS = {
    400: "The request body is not valid JSON (or form data) for this operation",
    401: "No signed-in session and no valid personal API token",
    403: "Not allowed for this person, or a session's write without its CSRF token",
    404: "Nothing with that reference, or nothing this person may see",
    422: "An input is not valid: see errors",
}


def _answers_for(operation: dict[str, Any]) -> list[int]:
    takes_input = bool(operation.get("parameters")) or "requestBody" in operation
    personal = bool(operation.get("security"))
    answers = []
    if "requestBody" in operation:
        answers.append(400)
    if personal:
        answers += [401, 403]
    if takes_input or personal:
        answers.append(404)
    if takes_input:
        answers.append(422)
    return answers


def declare_error_answers(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to each operation of an OpenAPI document the error answers the stack can give
    it and the operation does not declare itself, each as a `Problem`."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for status in _answers_for(operation):
                if status not in responses and str(status) not in responses:
                    responses[status] = {"description": _DESCRIPTIONS[status], "content": content}
    return schema


# No session write can happen here, and Django's CSRF refusal is an HTML page.
@csrf_exempt
def no_such_operation(request: HttpRequest, rest: str = "") -> HttpResponse:
    return JsonResponse({"message": NO_SUCH_OPERATION}, status=404)


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class ApiParser(Parser):
    """What the API reads from a request, refused before any of it reaches a view:

    - a JSON body that is not an object: ninja's schemas read their fields as
      attributes, so a bare `5` passed for a body whose fields all have defaults ("complete
      this activity" completed it today). It cannot be parsed (400).
    - a NUL character in a body, a query string or a form field: PostgreSQL refuses it in
      any text ("PostgreSQL text fields cannot contain NUL"), a server error wherever it
      reached a query. A query or form field is a 422; a body cannot be parsed (400).
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The request body must be a JSON object")
        if _holds_nul(data):
            raise ValueError(NUL_REFUSED)
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            if _holds_nul(key) or any(_holds_nul(value) for value in values):
                raise HttpError(422, NUL_REFUSED)
        return super().parse_querydict(data, list_fields, request)


def _refusing_nul_in_the_path(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "\x00" in request.path:
            return JsonResponse({"message": NUL_REFUSED}, status=422)
        return view(request, *args, **kwargs)

    return guarded


class MathsHubsAPI(NinjaAPI):
    """NinjaAPI whose document declares every error answer, whose unknown addresses
    answer JSON, and which refuses what no view should see (ApiParser; a NUL character in
    a path parameter, 422)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("parser", ApiParser())
        super().__init__(**kwargs)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_error_answers(schema)
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _refusing_nul_in_the_path(pattern.callback)
        # Last, so that it only answers what no operation (nor the docs) matched.
        return [
            *patterns,
            re_path(r"^(?P<rest>[\s\S]*)$", no_such_operation, name="no_such_operation"),
        ]


def validation_problem(exc: ValidationError) -> tuple[int, dict[str, Any]]:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return 422, {"message": exc.messages[0], "errors": errors}
