import re

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
