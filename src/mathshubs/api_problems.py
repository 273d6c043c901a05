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

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from pydantic import Field

# A service names the fields it refuses ({"year": ["Write the academic year like 2023/24"]});
# ninja's own validation lists pydantic's errors ([{"loc": [...], "msg": ..., "type": ...}]).
FieldErrors = dict[str, list[str]] | list[dict[str, Any]]

NO_SUCH_OPERATION = "There is no API operation at this address: see /api/v1/docs"


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


class ObjectBodyParser(Parser):
    """Every JSON body the API takes is an object. ninja's schemas read their fields as
    attributes, so a bare number or string passed as a body with every field left to its
    default (`5` to "complete this activity" completed it today): now it cannot be
    parsed (400)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The request body must be a JSON object")
        return data


class MathsHubsAPI(NinjaAPI):
    """NinjaAPI whose document declares every error answer, whose unknown addresses
    answer JSON, and whose JSON bodies are objects."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("parser", ObjectBodyParser())
        super().__init__(**kwargs)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_error_answers(schema)
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        # Last, so that it only answers what no operation (nor the docs) matched.
        return [
            *super()._get_urls(),
            re_path(r"^(?P<rest>[\s\S]*)$", no_such_operation, name="no_such_operation"),
        ]


def validation_problem(exc: ValidationError) -> tuple[int, dict[str, Any]]:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return 422, {"message": exc.messages[0], "errors": errors}
