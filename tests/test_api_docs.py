import json
import re
import typing
from collections import defaultdict

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/hubs",
    "/api/v1/hubs/{ref}",
    "/api/v1/institutions",
    "/api/v1/institutions/{urn}",
    "/api/v1/find-hub",
    "/api/v1/me",
    "/api/v1/people",
]


def test_the_openapi_schema_lists_every_endpoint(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for endpoint in ENDPOINTS:
        assert endpoint in paths, endpoint


def test_the_docs_page_loads_nothing_from_other_sites(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui" in html
    assert not re.findall(r'(?:src|href)="https?://', html)


def _operations(client):
    document = client.get("/api/v1/openapi.json").json()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_declares_the_errors_the_stack_can_give_it(client):
    missing = []
    for name, operation in _operations(client):
        declared = set(operation["responses"])
        expected = set()
        if "requestBody" in operation:
            expected |= {"400", "422"}
        if operation.get("parameters"):
            expected |= {"404", "422"}
        if operation.get("security"):
            expected |= {"401", "403", "404"}
        if expected - declared:
            missing.append((name, sorted(expected - declared)))
    assert not missing


def test_each_undeclared_error_answer_is_a_problem(client):
    me = dict(_operations(client))["GET /api/v1/me"]
    schema = me["responses"]["401"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Problem"}


def test_a_parameter_of_the_wrong_type_is_a_declared_422_with_pydantics_errors(client):
    operation = dict(_operations(client))["GET /api/v1/institutions"]
    assert "422" in operation["responses"]
    response = client.get("/api/v1/institutions?offset=many")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "offset"]


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/no-such-operation",
        # A hub's reference with a slash in it (%2F arrives decoded) matches no path.
        "/api/v1/hubs/north%2Fsouth",
        # A line break is not matched even by the catalogue's years (2023/24).
        "/api/v1/years/2023%0A24/ncps",
    ],
)
def test_an_address_that_names_no_operation_is_a_json_404(address):
    from django.test import Client

    from mathshubs.api_problems import NO_SUCH_OPERATION

    # A client without a CSRF token: the write methods were answered by Django's HTML 403.
    client = Client(enforce_csrf_checks=True)
    for method in ("get", "post", "delete"):
        response = getattr(client, method)(address)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"message": NO_SUCH_OPERATION}


def _models(annotation, found):
    """Every pydantic model an annotation names, nested ones included."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                _models(field.annotation, found)
        return found
    for argument in typing.get_args(annotation):
        _models(argument, found)
    return found


def test_no_two_different_schemas_share_a_name():
    """The document keeps one schema per class name: a second class of the same name
    silently replaced the first (HAPPI's SectionOut was documented as a survey's)."""
    from mathshubs.api import api

    found: set = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    if model is not None and hasattr(model, "model_fields"):
                        _models(model.model_fields["response"].annotation, found)
                for model in operation.models:
                    for field in model.model_fields.values():
                        _models(field.annotation, found)
    shapes = defaultdict(dict)
    for model in found:
        schema = json.dumps(model.model_json_schema(), sort_keys=True)
        shapes[model.__name__].setdefault(schema, []).append(model.__module__)
    shared = {name: list(by.values()) for name, by in shapes.items() if len(by) > 1}
    assert not shared


def test_the_openapi_document_has_no_key_twice(client):
    """Swagger UI refuses a document with a key twice in one object ("duplicated mapping
    key") and shows no docs at all: an int and a str 200 in one operation's responses."""
    twice = []

    def each_object(pairs):
        keys = [key for key, _ in pairs]
        twice.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=each_object)
    assert not twice
