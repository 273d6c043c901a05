import pytest
from django.test import Client

from tests.conftest import client_for


@pytest.mark.django_db
def test_a_missing_page_is_a_govuk_page_not_found():
    response = Client().get("/hubs/no-such-hub/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "govuk-header" in html


def test_a_forbidden_page_says_why_and_whom_to_ask(cast):
    response = client_for(cast.simon).get(f"/people/{cast.pat.person.pk}/email/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have access to this page" in html
    assert "ask your local Maths Hub" in html


def test_the_server_error_page_needs_no_database_or_context():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
