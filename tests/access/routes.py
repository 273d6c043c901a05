"""Every route the platform answers: each named page URL and each API operation.

The access matrix (matrix.py) must hold a row for each; test_matrix.py fails on a route
without one, so a new page or operation cannot ship without its rule.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

# Pages are HTML forms: read with GET, written with POST.
PAGE_METHODS = ("GET", "POST")


@dataclass(frozen=True)
class Route:
    name: str  # the URL name: "events:detail", "api:event_detail"
    pattern: str  # as the URL is written: "events/<int:event_id>/"
    methods: tuple[str, ...]
    operation: dict[str, Any] | None = None  # the OpenAPI operation, for an API route
    csrf_exempt: bool = False

    @property
    def api(self) -> bool:
        return self.operation is not None

    @property
    def has_parameters(self) -> bool:
        return "<" in self.pattern


def _patterns(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, prefix + str(pattern.pattern), pattern.callback


def _operations() -> dict[str, tuple[str, dict[str, Any]]]:
    """URL name -> (method, OpenAPI operation) for every API operation."""
    from mathshubs.api import api

    schema = api.get_openapi_schema()
    by_id = {
        operation["operationId"]: (method.upper(), operation)
        for methods in schema["paths"].values()
        for method, operation in methods.items()
    }
    found = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                name = getattr(operation, "url_name", "") or api.get_operation_url_name(
                    operation, router=router
                )
                found[f"api:{name}"] = by_id[api.get_openapi_operation_id(operation)]
    return found


@functools.cache
def routes() -> dict[str, Route]:
    operations = _operations()
    found: dict[str, Route] = {}
    for name, pattern, callback in _patterns():
        key = name or f"<unnamed> {pattern}"
        if key in operations:
            method, operation = operations[key]
            found[key] = Route(key, pattern, (method,), operation)
        else:
            exempt = bool(getattr(callback, "csrf_exempt", False))
            found[key] = Route(key, pattern, PAGE_METHODS, None, exempt)
    return found


@functools.cache
def components() -> dict[str, Any]:
    from mathshubs.api import api

    return api.get_openapi_schema()["components"]["schemas"]


def example(schema: dict[str, Any]) -> Any:
    """The smallest value the schema accepts: enough for the API to reach its access check,
    which comes after it has parsed the body."""
    if "$ref" in schema:
        return example(components()[schema["$ref"].rsplit("/", 1)[-1]])
    if "default" in schema:
        return schema["default"]
    for choice in ("anyOf", "oneOf", "allOf"):
        if choice in schema:
            options = [s for s in schema[choice] if s.get("type") != "null"]
            return example(options[0]) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = schema.get("required", [])
        return {key: example(schema["properties"][key]) for key in required}
    if kind == "array":
        return [example(schema["items"])] if schema.get("minItems") else []
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    return {"date": "2024-01-15", "date-time": "2024-01-15T10:00:00Z", "email": "a@b.example"}.get(
        schema.get("format", ""), "x" * max(1, schema.get("minLength", 1))
    )


def request_body(route: Route) -> tuple[str, Any] | None:
    """(content type, body) for an API operation that takes one."""
    if route.operation is None or "requestBody" not in route.operation:
        return None
    content = route.operation["requestBody"]["content"]
    if "application/json" in content:
        return "application/json", example(content["application/json"]["schema"])
    return "multipart/form-data", None  # the test sends a small file
