"""No route answers 5xx to a number that cannot exist (ISSUE 15, part 3).

Every URL pattern and every API operation is walked with an oversized id in each of its
integer path parameters in turn (the others real); every integer query parameter and
body field of the API, one at a time; every page's paging and filter parameters; and
every field of every form of every page (GET and POST), one at a time. Each must answer
404 or 422 (or any other 4xx the route gives), never a server error. A new route is
walked as soon as it exists: its sample arguments come from the smoke test's table,
which a new route must join (tests/access/samples.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from mathshubs.bounds import MAX_ID, IdConverter
from mathshubs.events.models import EventDocument, EventFormat
from tests import factories as f
from tests.access.routes import routes
from tests.access.samples import sample
from tests.conftest import client_for

# Just past the largest id SQLite and PostgreSQL can store (2**63 - 1), and far past it.
OVERSIZED = [2**63, 10**20]
# The people who reach deepest: hub staff of the activity's hub and the national team.
WALKERS = ["harriet", "nadia"]
METHODS = ["get", "post", "put", "patch", "delete"]


def _client(user) -> Client:
    """A client that answers 500 for an exception, so one run lists every failing route."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _fails(response) -> bool:
    return response.status_code >= 500


def _patterns() -> dict[str, Any]:
    found = {}

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.setdefault(f"{namespace}{pattern.name}", pattern)

    walk(get_resolver().url_patterns)
    return found


def _takes_a_number(converter: Any, sample: Any) -> bool:
    try:
        return isinstance(sample, int) and isinstance(converter.to_python(str(sample)), int)
    except ValueError:
        return False


def _oversized_args(name: str, args: list[Any]) -> list[list[Any]]:
    """The sample arguments with each numeric path parameter in turn oversized."""
    converters = list(_patterns()[name].pattern.converters.values())
    return [
        [*args[:i], big, *args[i + 1 :]]
        for i, (converter, arg) in enumerate(zip(converters, args, strict=True))
        if _takes_a_number(converter, arg)
        for big in OVERSIZED
    ]


def test_every_numeric_path_parameter_of_a_page_uses_the_one_bounded_id_converter():
    unbounded = [
        f"{name}: {param}"
        for name, pattern in _patterns().items()
        for param, converter in pattern.pattern.converters.items()
        if isinstance(converter, IntConverter)
    ]
    assert not unbounded, f"use <id:...> (mathshubs.bounds.IdConverter) for {unbounded}"


def test_the_id_converter_refuses_what_no_row_can_have():
    assert IdConverter().to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError):
        IdConverter().to_python(str(MAX_ID + 1))


# The API's routes are walked from its OpenAPI document below, with bodies that fit.
PAGES = sorted(name for name in routes() if not name.startswith("api:"))


@pytest.mark.parametrize("name", PAGES)
def test_an_oversized_id_in_a_page_path_answers_not_found_never_a_server_error(cast, name):
    args, _query, _form = sample(name, cast)
    failures = []
    for persona in WALKERS:
        client = _client(getattr(cast, persona))
        for oversized in _oversized_args(name, list(args)):
            url = reverse(name, args=oversized)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if _fails(response):
                    failures.append(f"{persona} {method.upper()} {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


# --- The API: integer query parameters and body fields, from the OpenAPI document -----------


@pytest.fixture
def real(cast):
    """A real object for each kind of path parameter, so the walk gets past the lookup of
    every object but the one whose id is oversized."""
    event = f.EventFactory(activity=cast.activity, format=EventFormat.FACE_TO_FACE)
    document = EventDocument.objects.create(event=event, title="Agenda", file="events/x/a.pdf")
    return {
        "activity_id": cast.activity.pk,
        "event_id": event.pk,
        "urn": cast.north_school.urn,
        "person_id": cast.pat.person.pk,
        "doc_id": document.pk,
        "document_id": document.pk,
        "code": cast.mastery_readiness.code,
        "hub": cast.north.slug,
        "hub_ref": cast.north.slug,
        "ref": cast.north.slug,
        "year": "2023-24",
    }


def _schema(document: dict, schema: dict) -> dict:
    """`schema` with its $ref followed."""
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _is_integer(document: dict, schema: dict) -> bool:
    schema = _schema(document, schema)
    options = schema.get("anyOf", []) + schema.get("oneOf", [])
    return schema.get("type") == "integer" or any(_is_integer(document, s) for s in options)


def _body(document: dict, schema: dict, at: tuple = ()) -> tuple[Any, list[tuple]]:
    """A body shaped like `schema` with plain values (every integer 1), and the path of
    each integer in it."""
    schema = _schema(document, schema)
    if _is_integer(document, schema):
        return 1, [at]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [_schema(document, s) for s in schema[key]]
            chosen = next((s for s in options if s.get("type") != "null"), options[0])
            return _body(document, chosen, at)
    kind = schema.get("type")
    if kind == "array":
        item, paths = _body(document, schema.get("items", {}), (*at, 0))
        return [item], paths
    if kind == "object" or "properties" in schema:
        body, paths = {}, []
        for name, prop in schema.get("properties", {}).items():
            body[name], found = _body(document, prop, (*at, name))
            paths += found
        return body, paths
    if kind == "boolean":
        return True, []
    if schema.get("format") == "date-time":
        return "2024-03-07T10:00:00Z", []
    if schema.get("format") == "date":
        return "2024-03-07", []
    return "x", []


def _with(body: Any, path: tuple, value: int) -> Any:
    copy = json.loads(json.dumps(body))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


def _operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _requests(document: dict, real: dict):
    """For each operation, one number at a time oversized, the rest real or plain: each
    integer path parameter, each integer query parameter, each integer in the body."""
    for path, method, operation in _operations(document):
        params = operation.get("parameters", [])
        numeric = [p for p in params if _is_integer(document, p.get("schema", {}))]
        content = operation.get("requestBody", {}).get("content", {})
        json_schema = content.get("application/json", {}).get("schema")
        body, body_paths = (None, []) if json_schema is None else _body(document, json_schema)

        def url(oversized: str | None, big: int, path: str = path) -> str:
            return re.sub(
                r"{(\w+)}",
                lambda m: str(big if m.group(1) == oversized else real.get(m.group(1), 1)),
                path,
            )

        for big in OVERSIZED:
            for param in numeric:
                if param["in"] == "path":
                    yield method, url(param["name"], big), {}, body
                elif param["in"] == "query":
                    yield method, url(None, big), {param["name"]: big}, body
            for at in body_paths:
                yield method, url(None, big), {}, _with(body, at, big)


def test_every_integer_parameter_of_the_api_declares_its_bound():
    document = client_for(None).get("/api/v1/openapi.json").json()
    unbounded = [
        f"{method.upper()} {path}: {param['name']}"
        for path, method, operation in _operations(document)
        for param in operation.get("parameters", [])
        if _is_integer(document, param.get("schema", {}))
        and not _bounded(document, param.get("schema", {}))
    ]
    assert not unbounded, f"bound them (mathshubs.bounds: PathId, Offset, or le=): {unbounded}"


def _bounded(document: dict, schema: dict) -> bool:
    schema = _schema(document, schema)
    options = schema.get("anyOf", []) + schema.get("oneOf", [])
    return "maximum" in schema or any(_bounded(document, s) for s in options)


def test_every_api_operation_refuses_oversized_numbers_in_its_path_query_and_body(cast, real):
    document = client_for(None).get("/api/v1/openapi.json").json()
    failures = []
    walked = 0
    for persona in WALKERS:
        client = _client(getattr(cast, persona))
        for method, url, query, body in _requests(document, real):
            kwargs: dict[str, Any] = {
                "QUERY_STRING": "&".join(f"{k}={v}" for k, v in query.items())
            }
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            response = getattr(client, method)(url, **kwargs)
            walked += 1
            if _fails(response):
                failures.append(f"{persona} {method.upper()} {url} {query} {body}")
    assert walked > 100
    assert not failures, "\n".join(failures)


# --- Pages: every form posted back with oversized numbers in all its fields -----------------


class _Forms(HTMLParser):
    """The forms of a page: (method, action, {field: the value the page gives it})."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._open: tuple[str, str, dict[str, str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._open = ((a.get("method") or "get").lower(), a.get("action") or "", {})
            self.forms.append(self._open)
        elif self._open is None or not a.get("name") and tag != "option":
            return
        elif tag == "input" and a.get("type") not in ("file", "submit"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self._open[2][a["name"]] = a.get("value") or ""
            else:
                self._open[2].setdefault(a["name"], "")
        elif tag == "textarea":
            self._open[2][a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self._open[2][a["name"]] = ""
        elif (
            tag == "option"
            and self._select
            and self._open is not None
            and ("selected" in a or not self._open[2][self._select])
        ):
            self._open[2][self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None
        elif tag == "select":
            self._select = None


# Query parameters that pages read as numbers.
QUERY_NUMBERS = ["page", "year", "hub", "schools", "participants", "tab"]


@pytest.mark.parametrize("name", PAGES)
def test_every_field_of_every_form_posted_oversized_answers_without_a_server_error(
    cast, real, name
):
    args, query, _form = sample(name, cast)
    failures = []
    for persona in WALKERS:
        client = _client(getattr(cast, persona))
        page_url = reverse(name, args=args) + query
        page = client.get(page_url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(page.content.decode())
        base = page_url.split("?")[0]
        # Paging and the filters people type into the address bar, then every form.
        tried = [("get", base, {name: ""}) for name in QUERY_NUMBERS]
        tried += [
            (method, base if not action or action.startswith("#") else action, fields)
            for method, action, fields in parser.forms
            if action != reverse("accounts:logout")  # every page's; it would end the walk
        ]
        for method, target, fields in tried:
            for field in fields:
                if field == "csrfmiddlewaretoken":
                    continue
                for big in OVERSIZED:
                    response = getattr(client, method)(target, {**fields, field: str(big)})
                    if _fails(response):
                        failures.append(f"{persona} {method.upper()} {target} {field}={big}")
    assert not failures, "\n".join(failures)
