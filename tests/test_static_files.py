"""Pages render with the production static storage (hashed names from collectstatic).

Tests otherwise serve static files from the finders; a template naming a file that
collectstatic does not produce would only fail in production.
"""

import pytest
from django.core.management import call_command
from django.test import Client

PAGES = ["/", "/find-your-hub/", "/hubs/", "/institutions/", "/account/login/"]


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    return root


@pytest.mark.django_db
def test_every_page_renders_with_hashed_static_files(collected, settings):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    client = Client(raise_request_exception=True)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"/static/mathshubs/mathshubs." in response.content
